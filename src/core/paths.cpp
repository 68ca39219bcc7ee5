#include "tsuikyaku/core/paths.hpp"

#include <system_error>

namespace tsuikyaku::core {

std::string display_path(const std::filesystem::path& path) {
  std::error_code ec;
  const auto cwd = std::filesystem::current_path(ec);
  const auto absolute = std::filesystem::absolute(path, ec).lexically_normal();
  if (!ec) {
    const auto relative = absolute.lexically_relative(cwd);
    if (!relative.empty() && *relative.begin() != "..") return relative.generic_string();
  }
  return path.lexically_normal().generic_string();
}

}  // namespace tsuikyaku::core
