#include <fmt/format.h>

#include <charconv>
#include <ostream>

#include "commands.hpp"
#include "tsuikyaku/app/unsubscribe.hpp"
#include "tsuikyaku/core/error.hpp"
#include "tsuikyaku/core/unsubscribe_token.hpp"

// `tsuikyaku unsubscribe serve|apply` (docs/mailbox.md, "One-click unsubscribe").

namespace tsuikyaku::cli {
namespace {

struct UnsubscribeOptions {
  std::string listen = "127.0.0.1:8025";  // serve
  std::string link;                       // apply
  CLI::App* serve = nullptr;
  CLI::App* apply = nullptr;
};

// HOST:PORT, an IPv6 host in brackets: 127.0.0.1:8025, [::1]:8025.
app::ServeRequest parse_listen(const std::string& text) {
  const auto colon = text.rfind(':');
  std::string host = colon == std::string::npos ? "" : text.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  app::ServeRequest request;
  const std::string port = colon == std::string::npos ? "" : text.substr(colon + 1);
  const auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), request.port);
  if (host.empty() || port.empty() || ec != std::errc{} || end != port.data() + port.size() ||
      request.port < 0 || request.port > 65535) {
    throw core::Error(
        core::ErrorKind::usage,
        fmt::format("--listen: expected HOST:PORT like 127.0.0.1:8025, not '{}'", text));
  }
  request.host = host;
  return request;
}

core::ExitCode run_serve(Context& ctx, const UnsubscribeOptions& options) {
  app::ServeRequest request = parse_listen(options.listen);
  app::Workspace workspace = ctx.open_workspace();
  request.now = [&ctx] { return ctx.clock().now(); };
  app::serve_unsubscribe(workspace, request, ctx.io().out);
  return core::ExitCode::ok;
}

core::ExitCode run_apply(Context& ctx, const UnsubscribeOptions& options) {
  app::Workspace workspace = ctx.open_workspace();
  const std::string token = core::find_unsubscribe_token(options.link);
  const auto outcome =
      app::apply_unsubscribe(workspace, token, "unsubscribe-apply", ctx.clock().now());
  if (!outcome) {
    throw core::Error(core::ErrorKind::data,
                      "not an unsubscribe link of this workspace: the token is missing, altered, "
                      "or signed with another workspace's tsuikyaku.secret");
  }
  if (!ctx.global().quiet) {
    ctx.io().out << (outcome->result == store::SuppressResult::unchanged
                         ? fmt::format("{}: already suppressed\n", outcome->address)
                         : fmt::format("{}: unsubscribed\n", outcome->address));
  }
  return core::ExitCode::ok;
}

}  // namespace

Registered add_unsubscribe(CLI::App& app, Context& ctx) {
  auto options = std::make_shared<UnsubscribeOptions>();
  CLI::App* sub = app.add_subcommand(
      "unsubscribe", "Answer the per-recipient unsubscribe links (shop.unsubscribe_token: hmac)");
  sub->require_subcommand(1);
  options->serve = sub->add_subcommand(
      "serve",
      "Answer the https link over HTTP (behind nginx or Caddy): one-click POSTs (RFC 8058) and "
      "a page that asks first; runs until SIGTERM or Ctrl-C");
  options->serve->add_option("--listen", options->listen,
                             "HOST:PORT to listen on (default 127.0.0.1:8025; port 0: any free "
                             "one, the first line says which)");
  options->apply = sub->add_subcommand(
      "apply", "Unsubscribe the address of a link, a token or a mail's subject, by hand");
  options->apply
      ->add_option("link", options->link, "The https link, the mailto subject or the token")
      ->required();
  sub->footer(
      "The address is suppressed as unsubscribed: no more marketing mail; mail about the "
      "customer's own orders still goes out.");
  return {sub, [&ctx, options]() -> core::ExitCode {
            if (options->serve->parsed()) return run_serve(ctx, *options);
            return run_apply(ctx, *options);
          }};
}

}  // namespace tsuikyaku::cli
