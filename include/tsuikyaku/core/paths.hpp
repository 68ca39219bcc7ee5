#pragma once

#include <filesystem>
#include <string>

// How files are named in messages, by every module that names one.

namespace tsuikyaku::core {

// How a path is shown in messages: relative to the current directory when inside it
// ("campaigns/check-in.yaml"), else as given, normalised ("a/./b" is "a/b"). Reads the
// current directory; touches no file.
std::string display_path(const std::filesystem::path& path);

}  // namespace tsuikyaku::core
