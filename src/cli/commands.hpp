#pragma once

#include <CLI/CLI.hpp>
#include <functional>

#include "context.hpp"
#include "tsuikyaku/core/exit_code.hpp"

// The one list of subcommands (DESIGN.md habit 2). Each command lives in its own file
// cmd_<name>.cpp: it adds its subcommand with its flags to the app, keeps its options in a
// struct of its own, and returns the action that runs when that subcommand was given.

namespace tsuikyaku::cli {

using Action = std::function<core::ExitCode()>;

// A subcommand added to the app and what to do when it is the one given.
struct Registered {
  CLI::App* subcommand;
  Action action;
};

using AddCommand = Registered (*)(CLI::App& app, Context& ctx);

const std::vector<AddCommand>& commands();

// "tsuikyaku: error: " in the UI language: before every error on stderr.
std::string error_prefix();

// The help of --json, the same for every command that has it, in the UI language.
const char* json_help();

// The commands, one per file.
Registered add_init(CLI::App& app, Context& ctx);
Registered add_campaigns(CLI::App& app, Context& ctx);
Registered add_plan(CLI::App& app, Context& ctx);
Registered add_preview(CLI::App& app, Context& ctx);
Registered add_segments(CLI::App& app, Context& ctx);
Registered add_products(CLI::App& app, Context& ctx);
Registered add_report(CLI::App& app, Context& ctx);
Registered add_import(CLI::App& app, Context& ctx);
Registered add_status(CLI::App& app, Context& ctx);
Registered add_suppress(CLI::App& app, Context& ctx);
Registered add_send(CLI::App& app, Context& ctx);
Registered add_customers(CLI::App& app, Context& ctx);
Registered add_inbox(CLI::App& app, Context& ctx);
Registered add_unsubscribe(CLI::App& app, Context& ctx);
Registered add_calendar(CLI::App& app, Context& ctx);
Registered add_inserts(CLI::App& app, Context& ctx);
Registered add_post(CLI::App& app, Context& ctx);

}  // namespace tsuikyaku::cli
