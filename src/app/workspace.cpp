#include "tsuikyaku/app/workspace.hpp"

namespace tsuikyaku::app {

std::filesystem::path config_path(const WorkspaceLocation& where) {
  if (where.config_flag) return *where.config_flag;
  if (where.config_env && !where.config_env->empty()) return *where.config_env;
  return "tsuikyaku.yaml";
}

std::filesystem::path database_path(const WorkspaceLocation& where, const config::Config& config) {
  if (where.db_flag) return *where.db_flag;
  if (where.db_env && !where.db_env->empty()) return *where.db_env;
  if (config.database) return *config.database;
  return config.dir / "tsuikyaku.db";
}

Workspace open_workspace(const WorkspaceLocation& where) {
  config::Config config = config::load_config(config_path(where));
  store::Database db = store::Database::open(database_path(where, config));
  return Workspace{std::move(config), std::move(db)};
}

}  // namespace tsuikyaku::app
