#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "tsuikyaku/config/config.hpp"
#include "tsuikyaku/store/database.hpp"

// Where a command finds its config and database (SPEC §1).

namespace tsuikyaku::app {

// What the user said: flags first, then the environment.
struct WorkspaceLocation {
  std::optional<std::filesystem::path> config_flag;  // --config
  std::optional<std::string> config_env;             // $TSUIKYAKU_CONFIG
  std::optional<std::filesystem::path> db_flag;      // --db
  std::optional<std::string> db_env;                 // $TSUIKYAKU_DB
};

// --config, else $TSUIKYAKU_CONFIG, else ./tsuikyaku.yaml.
std::filesystem::path config_path(const WorkspaceLocation& where);

// --db, else $TSUIKYAKU_DB, else `database:` in the config, else tsuikyaku.db beside it.
std::filesystem::path database_path(const WorkspaceLocation& where, const config::Config& config);

struct Workspace {
  config::Config config;
  store::Database db;
};

// Loads the config and opens (creating and migrating) the database.
Workspace open_workspace(const WorkspaceLocation& where);

}  // namespace tsuikyaku::app
