#include "context.hpp"

#include <ostream>

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

app::Workspace Context::open_workspace() const { return app::open_workspace(location()); }

bool Context::color() const { return m_io.out_is_terminal && !env("NO_COLOR").has_value(); }

bool Context::progress() const { return m_io.err_is_terminal && !m_global.quiet; }

void Context::verbose(std::string_view line) const {
  if (m_global.verbose > 0) m_io.err << line << '\n';
}

}  // namespace tsuikyaku::cli
