#pragma once

// What the send CLI tests share: Kaede Tea with due thank-yous, `send` run in-process or as
// the real binary, and what the ledger, the outbox and the test SMTP server then hold.

#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <map>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "planning/planning_fixture.hpp"
#include "send/ledger_fixture.hpp"
#include "smtp_server.hpp"

namespace tsuikyaku::testing {

namespace fs = std::filesystem;

inline const std::string k_quiet_hours = "send:\n  quiet_hours: \"21:00-09:00\"\n";

inline std::vector<std::string> addresses(int n) {
  std::vector<std::string> out;
  for (int i = 1; i <= n; ++i) out.push_back("c" + std::to_string(i) + "@example.jp");
  return out;
}

// Kaede Tea (Asia/Tokyo, quiet 21:00-09:00) with the thank-you campaign and `smtp` (an
// `smtp:` block, or none for the outbox) in its config, and a customer C-N, "Customer N",
// for each address, with an order placed at 10:00 today: a thank-you each is due now
// (run_cli's clock: 2026-11-18 20:06:40 in Tokyo).
inline PlanningShop shop_for(const std::vector<std::string>& recipients,
                             const std::string& smtp = "") {
  PlanningShop shop(k_quiet_hours + smtp);
  shop.campaign("thank-you", k_thank_you_yaml);
  for (std::size_t i = 0; i < recipients.size(); ++i) {
    const std::string n = std::to_string(i + 1);
    const auto id = shop.customer("C-" + n, recipients[i], true, "Customer " + n);
    shop.order({std::to_string(1000 + i + 1), id, tokyo(11, 18, 10)});
  }
  return shop;
}

inline CliResult send(const PlanningShop& shop, const std::vector<std::string>& args = {},
                      const std::map<std::string, std::string>& env = {}) {
  CliRun run;
  run.args = {"send"};
  run.args.insert(run.args.end(), args.begin(), args.end());
  run.env = env;
  return run_cli(shop.path(), run);
}

inline std::vector<std::string> states(PlanningShop& shop) {
  return shop.rows("SELECT state FROM messages ORDER BY id");
}

inline std::multiset<std::string> recipients(const SmtpTestServer& server) {
  std::multiset<std::string> out;
  for (const ReceivedMessage& m : server.messages()) {
    out.insert(m.rcpt_tos.begin(), m.rcpt_tos.end());
  }
  return out;
}

inline std::vector<fs::path> outbox_files(const PlanningShop& shop) {
  std::vector<fs::path> files;
  if (!fs::exists(shop.path() / "outbox/new")) return files;
  for (const auto& entry : fs::directory_iterator(shop.path() / "outbox/new")) {
    files.push_back(entry.path());
  }
  return files;
}

inline SmtpServerOptions answering(std::map<std::string, std::string> rules) {
  SmtpServerOptions options;
  options.rules = std::move(rules);
  return options;
}

inline const std::string k_none_sent =
    "thank-you:  0 queued, 0 sent, 0 deferred, 0 failed, 0 skipped, 0 unknown\n";

// The real binary, `send` at run_cli's moment, in `cwd` with the server's password, its
// output in `output`.out and .err (wait_binary reads them). Returns the child's pid.
inline int start_send(const fs::path& cwd, const SmtpTestServer& server, const fs::path& output,
                      const std::vector<std::string>& args = {}) {
  CliRun run;
  run.args = {"send", "--as-of", "2026-11-18 20:06:40"};
  run.args.insert(run.args.end(), args.begin(), args.end());
  run.env = server.env();
  return start_binary(cwd, run, output);
}

inline CliResult run_send(const PlanningShop& shop, const SmtpTestServer& server,
                          const std::vector<std::string>& args = {}) {
  const TempDir logs;
  return wait_binary(start_send(shop.path(), server, logs / "send", args), logs / "send");
}

inline void wait_until_stalled(const SmtpTestServer& server) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds{20};
  while (!server.stalled() && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds{20});
  }
  REQUIRE(server.stalled());
}

// The workspace's config sends to `to` instead of `from` from now on.
inline void move_server(const PlanningShop& shop, const SmtpTestServer& from,
                        const SmtpTestServer& to) {
  const fs::path config = shop.path() / "tsuikyaku.yaml";
  std::string yaml = read_file(config);
  const auto at = yaml.find(from.url());
  REQUIRE(at != std::string::npos);
  yaml.replace(at, from.url().size(), to.url());
  write_file(config, yaml);
}

}  // namespace tsuikyaku::testing
