#pragma once

// The offline tests' shop (docs/offline.md): a workspace made by `init --lang ja` with only
// a first-order insert and a DM postcard on 2026-12-03, and five customers, imported.

#include <string>
#include <vector>

#include "support.hpp"

namespace tsuikyaku::testing {

// The binary as a process in dir, LANG=en_US.UTF-8 (the messages checked are English
// unless args hold --lang ja).
CliResult offline_cli(const TempDir& dir, std::vector<std::string> args);

// Runs a shell command; its exit code (-1 when a signal ended it).
int offline_shell(const std::string& command);

void make_offline_shop(const TempDir& dir);

// state, or state:skip_reason, of the campaign's row for the customer (by e-mail);
// "none" when there is no row.
std::string offline_ledger(const TempDir& dir, const std::string& campaign,
                           const std::string& email);

}  // namespace tsuikyaku::testing
