#pragma once

// A shop for the planning tests: a workspace (the shipped one made by `tsuikyaku init`, or
// campaigns written by the test) and customers, orders, ledger rows and suppressions put
// straight into its real SQLite file through the schema (the import command is not needed
// to test planning).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "support.hpp"
#include "tsuikyaku/app/workspace.hpp"
#include "tsuikyaku/core/time.hpp"
#include "tsuikyaku/store/database.hpp"

namespace tsuikyaku::testing {

struct OrderSpec {
  std::string key;  // the shop's order number
  std::int64_t customer = 0;
  core::Instant ordered_at;
  std::int64_t total = 4980;
  std::string currency = "JPY";
  std::string status = "paid";
  std::optional<core::Instant> shipped_at{};
  std::optional<core::Instant> delivered_at{};
  std::optional<core::Instant> cancelled_at{};
  std::string tracking_number{};
  std::string carrier{};
};

class PlanningShop {
 public:
  // `tsuikyaku init --lang LANG` in a temporary folder: the shipped campaigns.
  static PlanningShop shipped(const std::string& lang);

  // tsuikyaku.yaml for Kaede Tea in Asia/Tokyo (JPY, the marketing identity set) with
  // `send:` as given, and no campaign yet.
  explicit PlanningShop(const std::string& send_yaml = "send:\n  quiet_hours: \"21:00-09:00\"\n");

  const std::filesystem::path& path() const { return m_dir->path(); }
  store::Database& db() { return *m_db; }
  app::Workspace workspace() const;

  // campaigns/NAME.yaml with this YAML, and templates/NAME.md with body.
  void campaign(const std::string& name, const std::string& yaml,
                const std::string& body = "Hello {{customer.name}}.\n");

  std::int64_t customer(const std::string& key, const std::string& email,
                        bool accepts_marketing = true, const std::string& name = "");
  std::int64_t order(const OrderSpec& spec);
  void suppress(const std::string& address, const std::string& reason);

  void exec(const std::string& sql);
  // The first column of the first row of a query, as an integer.
  std::int64_t scalar(const std::string& sql);
  // Every row of a query, columns joined with '|' (NULL as "-").
  std::vector<std::string> rows(const std::string& sql);

  PlanningShop(PlanningShop&&) = default;

 private:
  struct Shipped {};
  PlanningShop(Shipped, const std::string& lang);
  void open_db();

  std::unique_ptr<TempDir> m_dir;
  std::unique_ptr<store::Database> m_db;
};

// A thank-you campaign (campaigns/NAME.yaml without its name and body): transactional, at
// once after the order, for three days.
inline const std::string k_thank_you_yaml =
    "kind: transactional\nlang: en\ntrigger: { event: ordered, delay: 0h, expires: 3d }\n"
    "subject: \"Thank you, {{customer.name}}\"\n";

// A local time in Tokyo.
core::Instant tokyo(int month, int day, int hour = 0, int minute = 0, int year = 2026);

// A CLI run in the shop at a fixed clock (Tokyo time).
CliResult run_in(const PlanningShop& shop, std::vector<std::string> args, core::Instant now);

}  // namespace tsuikyaku::testing
