#include <fmt/format.h>

#include <istream>
#include <ostream>
#include <string>

#include "commands.hpp"
#include "tsuikyaku/app/init.hpp"
#include "tsuikyaku/core/i18n.hpp"
#include "tsuikyaku/core/language.hpp"
#include "tsuikyaku/core/strings.hpp"

namespace tsuikyaku::cli {
namespace {

struct InitOptions {
  std::string dir = ".";
  std::string lang;      // ja | en; empty: from $LANG
  std::string platform;  // shopify | base | other; empty: asked on a terminal, else other
};

// The platform as asked on a terminal; other when nobody types (a script, cron).
app::Platform ask_platform(Context& ctx) {
  if (!ctx.io().in_is_terminal || ctx.global().quiet) return app::Platform::other;
  ctx.io().out << core::tr(
      "Which platform does your shop sell on: shopify, base or other? [other] ");
  std::string answer;
  std::getline(ctx.io().in, answer);
  return app::parse_platform(core::to_lower_ascii(core::trim(answer)))
      .value_or(app::Platform::other);
}

core::ExitCode run_init(Context& ctx, const InitOptions& options) {
  app::InitRequest request;
  request.dir = options.dir;
  // The workspace's language is the UI's (docs/i18n.md) unless --lang names one.
  request.language = core::parse_language(options.lang.empty() ? core::ui_language() : options.lang)
                         .value_or(core::Language::en);
  request.now = ctx.clock().now();
  request.platform = options.platform.empty()
                         ? ask_platform(ctx)
                         : app::parse_platform(options.platform).value_or(app::Platform::other);
  const app::InitResult result = app::init_workspace(request);

  std::ostream& out = ctx.io().out;
  std::size_t created = 0;
  for (const auto& entry : result.entries) {
    if (entry.created) ++created;
    if (!ctx.global().quiet) {
      out << "  "
          << (entry.created ? core::trf("created  {}", entry.path.generic_string())
                            : core::trf("kept     {}", entry.path.generic_string()))
          << '\n';
    }
  }
  const std::string where = options.dir == "." ? core::tr("this folder") : options.dir;
  out << core::trf_n("Workspace ready in {}: {} file created, {} kept (never overwritten).",
                     "Workspace ready in {}: {} files created, {} kept (never overwritten).",
                     created, where, created, result.entries.size() - created)
      << '\n';
  if (app::platform_sends_mail(request.platform)) {
    out << core::trf(
               "{} sends its own order confirmation and shipping notice: the thank-you is a\n"
               "personal note from you (templates/thank-you.md), and the shipping notice is "
               "off\n(campaigns/shipping.yaml).",
               app::platform_label(request.platform))
        << '\n';
  }
  if (!ctx.global().quiet) {
    out << core::tr(
               "Next: put your shop's name, sender and address in tsuikyaku.yaml, then "
               "import\nyour orders; or try it first on the example orders:\n"
               "  tsuikyaku import example-orders.csv\n"
               "Before a real send, replace the samples: the kaede.example addresses in\n"
               "tsuikyaku.yaml, the tea shop's tips in templates/check-in.md, the codes in\n"
               "coupons/loyal.csv (tsuikyaku campaigns check lists what is left).")
        << '\n';
  }
  return core::ExitCode::ok;
}

}  // namespace

Registered add_init(CLI::App& app, Context& ctx) {
  auto options = std::make_shared<InitOptions>();
  CLI::App* sub = app.add_subcommand(
      "init", core::tr("Make a workspace: tsuikyaku.yaml, default campaigns and templates"));
  sub->add_option("dir", options->dir,
                  core::tr("Folder to create or fill (default: the current one)"));
  sub->add_option("--lang", options->lang,
                  core::tr("Language of the files and of the workspace's messages: ja or en "
                           "(default: the language of messages)"))
      ->check(CLI::IsMember({"ja", "en"}));
  sub->add_option("--platform", options->platform,
                  core::tr("Where the shop sells: shopify, base (they send their own order and "
                           "shipping mail) or other (default: asked on a terminal, else other)"))
      ->check(CLI::IsMember({"shopify", "base", "other"}));
  return {sub, [&ctx, options] { return run_init(ctx, *options); }};
}

}  // namespace tsuikyaku::cli
