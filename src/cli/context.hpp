#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tsuikyaku/app/workspace.hpp"
#include "tsuikyaku/cli/cli.hpp"

namespace tsuikyaku::cli {

// The flags every command accepts, before or after its name (SPEC §11).
struct GlobalOptions {
  std::string config;  // --config
  std::string db;      // --db
  int verbose = 0;     // -v, repeatable
  bool quiet = false;  // -q
  std::string lang;    // --lang (read before parsing too: choose_language)
};

// What a command may touch of the outside world. Owned by run(); commands get a reference.
class Context {
 public:
  Context(Io& io, const Env& env, const core::Clock& clock)
      : m_io(io), m_env(env), m_clock(clock) {}

  Io& io() const { return m_io; }
  const core::Clock& clock() const { return m_clock; }
  GlobalOptions& global() { return m_global; }
  const GlobalOptions& global() const { return m_global; }

  std::optional<std::string> env(std::string_view name) const;

  // The UI language (docs/i18n.md): --lang, else what the environment asks for as gettext
  // reads it, else (once a workspace is open) the shop's language, else English. Set
  // before the flags are parsed, so --help is in it too.
  void choose_language(const std::vector<std::string>& args);

  // The config and database the flags and environment point at (SPEC §1).
  app::WorkspaceLocation location() const;
  app::Workspace open_workspace() const;

  // Colour only on a terminal and never with NO_COLOR set; progress bars only on a
  // terminal and not with -q (SPEC §11).
  bool color() const;
  bool progress() const;

  // A line on stderr with -v.
  void verbose(std::string_view line) const;

 private:
  Io& m_io;
  const Env& m_env;
  const core::Clock& m_clock;
  GlobalOptions m_global;
  bool m_language_chosen = false;  // by --lang or the environment: the shop's does not count
};

}  // namespace tsuikyaku::cli
