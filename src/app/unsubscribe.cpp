#include "tsuikyaku/app/unsubscribe.hpp"

#include <fmt/format.h>
#include <httplib.h>
#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <ctime>
#include <mutex>
#include <thread>

#include "tsuikyaku/campaign/validation.hpp"
#include "tsuikyaku/config/config.hpp"
#include "tsuikyaku/core/error.hpp"
#include "tsuikyaku/core/unsubscribe_token.hpp"
#include "tsuikyaku/render/unsubscribe_page.hpp"

namespace tsuikyaku::app {
namespace {

using render::UnsubscribePage;

// What a link's POST or the page's button says (RFC 8058 §3.1), in either form encoding.
bool is_one_click(const httplib::Request& request) {
  if (request.get_param_value("List-Unsubscribe") == "One-Click") return true;
  return request.has_file("List-Unsubscribe") &&
         request.get_file_value("List-Unsubscribe").content == "One-Click";
}

void answer(httplib::Response& response, int status, const std::string& html) {
  response.status = status;
  // The token is in the URL: no cache keeps it and no link on the page passes it on.
  response.set_header("Cache-Control", "no-store");
  response.set_header("Referrer-Policy", "no-referrer");
  response.set_header("X-Robots-Tag", "noindex");
  response.set_content(html, "text/html; charset=utf-8");
}

// Blocks SIGINT and SIGTERM in every thread (the server's inherit the mask) and stops the
// server from a thread of its own when one arrives.
class StopOnSignal {
 public:
  explicit StopOnSignal(httplib::Server& server) {
    sigemptyset(&m_signals);
    sigaddset(&m_signals, SIGINT);
    sigaddset(&m_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &m_signals, &m_old);
    m_waiter = std::thread([this, &server] {
      const timespec tick{0, 200'000'000};
      while (!m_done) {
        if (sigtimedwait(&m_signals, nullptr, &tick) > 0) {
          server.stop();
          return;
        }
      }
    });
  }
  ~StopOnSignal() {
    m_done = true;
    m_waiter.join();
    pthread_sigmask(SIG_SETMASK, &m_old, nullptr);
  }
  StopOnSignal(const StopOnSignal&) = delete;
  StopOnSignal& operator=(const StopOnSignal&) = delete;

 private:
  sigset_t m_signals{};
  sigset_t m_old{};
  std::atomic<bool> m_done{false};
  std::thread m_waiter;
};

}  // namespace

std::string unsubscribe_secret(const Workspace& workspace) {
  std::string secret = workspace.config.shop.unsubscribe.secret;
  if (secret.empty()) secret = config::read_workspace_secret(workspace.config.dir);
  if (secret.empty()) {
    throw core::Error(core::ErrorKind::config, campaign::missing_unsubscribe_secret());
  }
  return secret;
}

std::optional<UnsubscribeOutcome> apply_unsubscribe(Workspace& workspace, std::string_view token,
                                                    std::string_view source, core::Instant now) {
  const auto address = core::verify_unsubscribe_token(unsubscribe_secret(workspace), token);
  if (!address) return std::nullopt;
  const store::SuppressResult result = store::suppress(
      workspace.db, {*address, store::SuppressionReason::unsubscribed, "", std::string(source)},
      now);
  return UnsubscribeOutcome{*address, result};
}

void serve_unsubscribe(Workspace& workspace, const ServeRequest& request, std::ostream& log) {
  const std::string secret = unsubscribe_secret(workspace);
  const campaign::Shop& shop = workspace.config.shop;
  std::mutex database;  // one connection, one request at a time on it
  const auto page = [&](UnsubscribePage kind, const std::string& address) {
    return render::unsubscribe_page(kind, shop.language, shop.name, address);
  };

  httplib::Server server;
  server.set_payload_max_length(64 * 1024);
  server.Get(".*", [&](const httplib::Request& in, httplib::Response& out) {
    // A GET never unsubscribes: mail scanners and link previews fetch every link.
    const auto address = core::verify_unsubscribe_token(secret, in.get_param_value("t"));
    if (!address) return answer(out, 403, page(UnsubscribePage::refused, ""));
    answer(out, 200, page(UnsubscribePage::confirm, *address));
  });
  server.Post(".*", [&](const httplib::Request& in, httplib::Response& out) {
    const std::string token = in.get_param_value("t");
    if (!core::verify_unsubscribe_token(secret, token)) {
      return answer(out, 403, page(UnsubscribePage::refused, ""));
    }
    if (!is_one_click(in)) {
      out.status = 400;
      return out.set_content("expected the body List-Unsubscribe=One-Click (RFC 8058)\n",
                             "text/plain; charset=utf-8");
    }
    const std::lock_guard lock(database);
    const auto outcome = apply_unsubscribe(workspace, token, "unsubscribe-link", request.now());
    answer(out, 200, page(UnsubscribePage::done, outcome->address));
  });
  server.set_exception_handler(
      [](const httplib::Request&, httplib::Response& out, std::exception_ptr) {
        out.status = 500;
        out.set_content("the unsubscribe could not be recorded; try again later\n",
                        "text/plain; charset=utf-8");
      });
  std::mutex logging;
  server.set_logger([&](const httplib::Request& in, const httplib::Response& out) {
    // The path only: the query holds the token.
    const std::lock_guard lock(logging);
    log << fmt::format("{} {} {} {}\n", core::format_iso(request.now(), core::TimeZone::utc()),
                       in.method, in.path, out.status)
        << std::flush;
  });

  const StopOnSignal stop(server);
  int port = request.port;
  if (port == 0) {
    port = server.bind_to_any_port(request.host);
  } else if (!server.bind_to_port(request.host, port)) {
    port = -1;
  }
  if (port < 0) {
    throw core::Error(core::ErrorKind::unavailable,
                      fmt::format("cannot listen on {}:{}: the address is in use or not this "
                                  "machine's",
                                  request.host, request.port));
  }
  const std::string host =
      request.host.find(':') != std::string::npos ? "[" + request.host + "]" : request.host;
  log << fmt::format("listening on http://{}:{}/ (stop with SIGTERM or Ctrl-C)\n", host, port)
      << std::flush;
  server.listen_after_bind();
}

}  // namespace tsuikyaku::app
