#include "context.hpp"

#include <ostream>

#include "tsuikyaku/core/i18n.hpp"

namespace tsuikyaku::cli {

std::optional<std::string> Context::env(std::string_view name) const {
  const auto it = m_env.find(std::string(name));
  if (it == m_env.end()) return std::nullopt;
  return it->second;
}

app::WorkspaceLocation Context::location() const {
  app::WorkspaceLocation where;
  if (!m_global.config.empty()) where.config_flag = m_global.config;
  if (!m_global.db.empty()) where.db_flag = m_global.db;
  where.config_env = env("TSUIKYAKU_CONFIG");
  where.db_env = env("TSUIKYAKU_DB");
  return where;
}

namespace {

// --lang's value among the arguments, as CLI11 will read it ("--lang ja", "--lang=ja").
std::optional<std::string> lang_argument(const std::vector<std::string>& args) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--") break;
    // init's own --lang names the workspace's language, not the messages' (docs/i18n.md).
    if (args[i] == "init") return std::nullopt;
    if (args[i] == "--lang" && i + 1 < args.size()) return args[i + 1];
    if (args[i].starts_with("--lang=")) return args[i].substr(7);
  }
  return std::nullopt;
}

}  // namespace

void Context::choose_language(const std::vector<std::string>& args) {
  std::optional<std::string> code = lang_argument(args);
  // An unknown --lang is CLI11's usage error, said in the environment's language.
  if (code && !core::language_available(*code)) code.reset();
  if (!code) {
    code =
        core::language_from_env({env("LANGUAGE"), env("LC_ALL"), env("LC_MESSAGES"), env("LANG")});
  }
  m_language_chosen = code.has_value();
  core::set_ui_language(code.value_or("en"));
}

app::Workspace Context::open_workspace() const {
  app::Workspace workspace = app::open_workspace(location());
  const config::ShopConfig& shop = workspace.config.shop;
  if (!m_language_chosen && shop.language_written) {
    core::set_ui_language(core::to_string(shop.language));
  }
  return workspace;
}

bool Context::color() const { return m_io.out_is_terminal && !env("NO_COLOR").has_value(); }

bool Context::progress() const { return m_io.err_is_terminal && !m_global.quiet; }

void Context::verbose(std::string_view line) const {
  if (m_global.verbose > 0) m_io.err << line << '\n';
}

}  // namespace tsuikyaku::cli
