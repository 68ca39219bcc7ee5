#include "tsuikyaku/cli/cli.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <iostream>
#include <system_error>

#include "commands.hpp"
#include "tsuikyaku/cli/version.hpp"
#include "tsuikyaku/core/error.hpp"
#include "tsuikyaku/core/escape.hpp"
#include "tsuikyaku/core/i18n.hpp"

extern char** environ;

namespace tsuikyaku::cli {
namespace {

std::string version_text() {
  std::string text = fmt::format("tsuikyaku {}", k_version);
  if (std::string_view(k_git_revision).size() > 0) text += fmt::format(" ({})", k_git_revision);
  return text;
}

void add_global_options(CLI::App& app, GlobalOptions& global) {
  app.add_option("--config", global.config,
                 core::tr("Config file (default: $TSUIKYAKU_CONFIG, else ./tsuikyaku.yaml)"));
  app.add_option("--db", global.db,
                 core::tr("Database file (default: $TSUIKYAKU_DB, else database: in the config, "
                          "else tsuikyaku.db beside it)"));
  app.add_flag("-v,--verbose", global.verbose, core::tr("Say more on stderr (repeat for more)"));
  app.add_flag("-q,--quiet", global.quiet, core::tr("Say less: only summaries and errors"));
  app.add_option("--lang", global.lang,
                 core::tr("Language of messages: en or ja (default: LANGUAGE, LC_ALL, "
                          "LC_MESSAGES or LANG, else the shop's language; docs/i18n.md)"))
      ->check(CLI::Validator(
          [](const std::string& code) {
            return core::language_available(code) ? std::string()
                                                  : core::trf("expected en or ja, not {}", code);
          },
          "en|ja", "language"));
}

// CLI11's own words in --help, in the UI language. Subcommands inherit the formatter.
void help_in_ui_language(CLI::App& app) {
  app.group(core::tr("Subcommands"));
  app.option_defaults()->group(core::tr("Options"));
  app.set_help_flag("-h,--help", core::tr("Print this help message and exit"));
  const auto formatter = app.get_formatter();
  formatter->label("Usage", core::tr("Usage"));  // i18n: CLI11's keys
  formatter->label("OPTIONS", core::tr("OPTIONS"));
  formatter->label("SUBCOMMAND", core::tr("SUBCOMMAND"));
  formatter->label("Positionals", core::tr("Positionals"));  // i18n: CLI11's keys
  formatter->label("REQUIRED", core::tr("REQUIRED"));
}

// CLI11's messages, made ours: an unknown command is named as one.
std::string usage_message(const CLI::ParseError& e, const CLI::App& app) {
  if (app.get_subcommands().empty()) {
    const auto extras = app.remaining();
    if (!extras.empty()) {
      const bool option = extras.front().starts_with("-");
      return option ? core::trf("unknown option '{}' (see tsuikyaku --help)", extras.front())
                    : core::trf("unknown command '{}' (see tsuikyaku --help)", extras.front());
    }
    if (dynamic_cast<const CLI::RequiredError*>(&e) != nullptr) {
      return core::tr("no command given (see tsuikyaku --help)");
    }
  }
  return core::trf("{} (see tsuikyaku --help)", e.what());
}

int run_command(const std::vector<std::string>& args, Context& ctx) {
  CLI::App app{core::tr("tsuikyaku (追客): follow-up mail for an online shop's customers"),
               "tsuikyaku"};
  help_in_ui_language(app);
  app.set_version_flag("--version", version_text(), core::tr("Print the version and exit"));
  app.fallthrough(true);  // global flags after the command name too (SPEC §11)
  app.require_subcommand(1);
  add_global_options(app, ctx.global());

  std::vector<Registered> registered;
  for (const AddCommand add : commands()) registered.push_back(add(app, ctx));

  std::vector<std::string> argv_strings{"tsuikyaku"};
  argv_strings.insert(argv_strings.end(), args.begin(), args.end());
  std::vector<const char*> argv;
  for (const auto& arg : argv_strings) argv.push_back(arg.c_str());
  try {
    app.parse(static_cast<int>(argv.size()), argv.data());
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) {  // --help, --version
      app.exit(e, ctx.io().out, ctx.io().err);
      return core::to_int(core::ExitCode::ok);
    }
    ctx.io().err << error_prefix() << usage_message(e, app) << '\n';
    return core::to_int(core::ExitCode::usage);
  }
  for (const auto& command : registered) {
    if (command.subcommand->parsed()) return core::to_int(command.action());
  }
  return core::to_int(core::ExitCode::usage);
}

// The command's output written in full, or exit 74 (docs/cron.md): a full disk or a closed
// pipe under stdout is never a silent success.
int output_written(Io& io, int code) {
  const bool failed_before = !io.out;
  errno = 0;
  io.out.flush();
  if (io.out) return code;
  // The reason is known when this flush failed; a write during the command set no state
  // that survives to here.
  const int error = errno;
  io.err << error_prefix() << core::tr("cannot write standard output");
  if (!failed_before && error != 0) io.err << ": " << std::generic_category().message(error);
  io.err << '\n';
  return core::to_int(core::ExitCode::io_error);
}

}  // namespace

int run(const std::vector<std::string>& args, Io& io, const Env& env, const core::Clock& clock) {
  Context ctx(io, env, clock);
  ctx.choose_language(args);
  int code = 0;
  try {
    code = run_command(args, ctx);
  } catch (const core::Error& e) {
    io.err << error_prefix() << core::escaped_lines(e.what()) << '\n';
    code = core::to_int(core::exit_code_for(e.kind()));
  } catch (const std::exception& e) {
    io.err << error_prefix() << core::tr("internal error: ") << core::escaped_lines(e.what())
           << '\n';
    code = core::to_int(core::ExitCode::failure);
  }
  return output_written(io, code);
}

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  std::vector<std::string> args(argv + 1, argv + argc);
  Env env;
  for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
    const std::string_view text(*entry);
    const auto eq = text.find('=');
    if (eq != std::string_view::npos) env.emplace(text.substr(0, eq), text.substr(eq + 1));
  }
  Io io{std::cin,
        std::cout,
        std::cerr,
        ::isatty(STDOUT_FILENO) == 1,
        ::isatty(STDERR_FILENO) == 1,
        ::isatty(STDIN_FILENO) == 1};
  const core::SystemClock clock;
  const int code = run(args, io, env, clock);
  // The close is a write too: a file system may report a full disk only there.
  if (::close(STDOUT_FILENO) != 0 && errno != EBADF &&
      code != core::to_int(core::ExitCode::io_error)) {
    std::cerr << error_prefix() << core::tr("cannot write standard output") << ": "
              << std::generic_category().message(errno) << '\n';
    return core::to_int(core::ExitCode::io_error);
  }
  return code;
}

}  // namespace tsuikyaku::cli
