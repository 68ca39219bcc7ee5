#include "tsuikyaku/app/customers.hpp"

#include <fmt/format.h>

#include "tsuikyaku/app/segments.hpp"
#include "tsuikyaku/core/error.hpp"
#include "tsuikyaku/core/strings.hpp"

namespace tsuikyaku::app {
namespace {

store::CustomerRecord find(store::Database& db, const std::string& key) {
  if (auto customer = store::find_customer(db, key)) return std::move(*customer);
  std::vector<store::CustomerRecord> by_email = store::find_customers_by_email(db, key);
  if (by_email.size() == 1) return std::move(by_email.front());
  if (by_email.empty()) {
    throw core::Error(core::ErrorKind::usage,
                      fmt::format("no customer with the key or e-mail address '{}'", key));
  }
  std::vector<std::string> keys;
  for (const auto& customer : by_email) keys.push_back(customer.customer_key);
  throw core::Error(core::ErrorKind::usage,
                    fmt::format("{} customers have the e-mail address '{}': {}; give one key",
                                keys.size(), key, core::join(keys, ", ")));
}

}  // namespace

CustomerShow show_customer(Workspace& workspace, const CustomerShowRequest& request) {
  CustomerShow show;
  show.customer = find(workspace.db, request.key);
  show.as_of = resolve_as_of(workspace.config, request.as_of, request.now);
  if (!show.customer.contact.email.empty()) {
    show.suppression = store::find_suppression(workspace.db, show.customer.contact.email);
  }
  show.orders = store::customer_orders(workspace.db, show.customer.id);
  const SegmentMembership membership =
      segment_membership(workspace, show.as_of, request.now, StoreRun::no);
  if (const auto segment = membership.segment_of(show.customer.id)) show.segment = *segment;
  if (const segment::Rfm* rfm = membership.rfm_of(show.customer.id)) show.rfm = *rfm;
  show.messages = store::customer_messages(workspace.db, show.customer.id);
  return show;
}

}  // namespace tsuikyaku::app
