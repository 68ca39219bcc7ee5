#include "tsuikyaku/app/init.hpp"

#include <fmt/format.h>

#include <fstream>
#include <utility>
#include <vector>

#include "example_export.hpp"
#include "tsuikyaku/config/config.hpp"
#include "tsuikyaku/core/error.hpp"
#include "tsuikyaku/core/strings.hpp"
#include "tsuikyaku/resources/resources.hpp"

namespace tsuikyaku::app {
namespace {

namespace fs = std::filesystem;

[[noreturn]] void fail(const fs::path& path, const std::error_code& ec) {
  throw core::Error(core::ErrorKind::no_input,
                    fmt::format("cannot write {}: {}", path.string(), ec.message()));
}

// Writes a new file through a temporary name and a hard link, so that a file someone
// created meanwhile is never replaced and no half-written file is left behind.
bool write_new_file(const fs::path& target, std::string_view content) {
  std::error_code ec;
  if (fs::exists(fs::symlink_status(target, ec))) return false;
  fs::create_directories(target.parent_path(), ec);
  if (ec) fail(target.parent_path(), ec);
  const fs::path temporary = target.string() + ".tsuikyaku-init";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    out.close();
    if (!out) fail(temporary, std::make_error_code(std::errc::io_error));
  }
  fs::create_hard_link(temporary, target, ec);
  std::error_code ignored;
  fs::remove(temporary, ignored);
  if (ec == std::errc::file_exists) return false;
  if (ec) fail(target, ec);
  return true;
}

const resources::File* resource(std::string_view path) {
  for (const auto& file : resources::files()) {
    if (file.path == path) return &file;
  }
  return nullptr;
}

// A file's content for the platform: where it sends its own mail, the thank-you is the
// note of campaigns/platform/ and the shipping notice is off.
std::string for_platform(const InitRequest& request, const fs::path& relative,
                         std::string_view content) {
  if (!platform_sends_mail(request.platform)) return std::string(content);
  const std::string path = relative.generic_string();
  const std::string lang = request.language == Language::ja ? "ja" : "en";
  const std::string twin = request.language == Language::ja ? "en" : "ja";
  for (const auto& [template_path, note_lang] :
       {std::pair{std::string("templates/thank-you.md"), lang},
        std::pair{"templates/" + twin + "/thank-you.md", twin}}) {
    if (path != template_path) continue;
    if (const auto* note = resource("campaigns/platform/" + note_lang + "/thank-you.md")) {
      return std::string(note->content);
    }
  }
  std::string text(content);
  if (path == "campaigns/shipping.yaml") {
    const auto at = text.find("enabled: true");
    if (at != std::string::npos) {
      text.replace(at, 13,
                   fmt::format("enabled: false   # {} sends its own shipping notice",
                               platform_label(request.platform)));
    }
  }
  return text;
}

}  // namespace

std::optional<Platform> parse_platform(std::string_view name) {
  if (name == "shopify") return Platform::shopify;
  if (name == "base") return Platform::base;
  if (name == "other") return Platform::other;
  return std::nullopt;
}

std::string_view platform_label(Platform platform) {
  switch (platform) {
    case Platform::shopify:
      return "Shopify";
    case Platform::base:
      return "BASE";
    case Platform::other:
      break;
  }
  return "other";
}

InitResult init_workspace(const InitRequest& request) {
  const std::string lang = request.language == Language::ja ? "ja" : "en";
  const std::string twin = request.language == Language::ja ? "en" : "ja";
  // The workspace in its language, and the other language's templates beside them in
  // templates/<twin>/, so a campaign can switch language by naming them (docs/campaigns.md).
  const std::vector<std::pair<std::string, std::string>> copies{
      {"campaigns/" + lang + "/", ""},
      {"campaigns/" + twin + "/templates/", "templates/" + twin + "/"},
  };
  InitResult result{request.dir, {}};
  std::error_code ec;
  fs::create_directories(request.dir, ec);
  if (ec) fail(request.dir, ec);
  for (const auto& [prefix, target] : copies) {
    for (const auto& file : resources::files()) {
      if (!core::starts_with(file.path, prefix)) continue;
      const fs::path relative = fs::path(target + std::string(file.path.substr(prefix.size())));
      const bool created =
          write_new_file(request.dir / relative, for_platform(request, relative, file.content));
      result.entries.push_back({relative, created});
    }
  }
  const fs::path example = "example-orders.csv";
  result.entries.push_back(
      {example,
       write_new_file(request.dir / example, example_export(request.language, request.now))});
  // The secret that signs each recipient's unsubscribe link; an existing one is kept, so
  // `init` in an older workspace adds it (docs/mailbox.md).
  result.entries.push_back({config::k_secret_file, config::create_workspace_secret(request.dir)});
  // The folders a workspace has even before it holds a file of its own.
  for (const char* folder : {"campaigns", "templates"}) {
    fs::create_directories(request.dir / folder, ec);
    if (ec) fail(request.dir / folder, ec);
  }
  return result;
}

}  // namespace tsuikyaku::app
