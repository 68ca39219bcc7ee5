#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tsuikyaku/core/decimal.hpp"
#include "tsuikyaku/core/time.hpp"

// What an import makes of an export's rows (SPEC §3): orders for the store, and rejected
// rows with their line and reason. Text fields are UTF-8; an empty string or an empty
// optional means "not in this export", which never erases what the database knows.

namespace tsuikyaku::ingest {

struct OrderLine {
  std::string sku;
  std::string description;
  std::int64_t quantity = 0;
  core::Decimal unit_price;  // exact, in major units; may be finer than the currency
};

struct OrderRecord {
  std::int64_t line = 0;  // physical line of the (first) row in the file
  std::string order_key;
  std::string customer_id;   // as exported ("17850.0" is read as "17850")
  std::string email;         // with the domain lower-cased
  std::string customer_key;  // customer_id, else email (SPEC §3 identity), as shown
  std::string match_key;     // customer_match_key_of_id or _of_email: what identity compares
  std::string name;
  // The postal address, as one block: all from the shipping address, or all from the
  // mapping's postal_fallback columns.
  std::string postal_code;
  std::string address;   // the street line
  std::string address2;  // building, apartment
  std::string city;
  std::string region;
  std::string country;
  std::string phone;
  std::optional<core::Instant> ordered_at;
  std::optional<std::int64_t> total_minor;  // minor units of the import's currency
  std::string status;                       // "" -> paid for a new order
  std::optional<core::Instant> shipped_at;
  std::optional<core::Instant> delivered_at;
  std::optional<core::Instant> cancelled_at;
  std::string tracking_number;
  std::string carrier;
  std::string discount_code;
  std::optional<bool> accepts_marketing;
  std::vector<OrderLine> lines;  // line-item exports only

  void clear();  // keeps the strings' storage, for reuse row after row
};

// Customer ids and e-mail addresses are two key spaces (docs/import.md, "Customers and
// updates"): a customer's match key is its kind, then the id as exported or the address
// lower-cased whole, so an id that is another customer's address never meets it.
std::string customer_match_key_of_id(std::string_view customer_id);
std::string customer_match_key_of_email(std::string_view address);

// A row that was not imported: its line, why, and its bytes as in the file (without the
// line end), for `--rejects`.
struct RowReject {
  std::int64_t line = 0;
  std::string reason;
  std::string raw;
  // The row ends inside a quoted field (a quote left open at the end of the file): the
  // rejects file closes it, so that the reason stays a field of its own.
  bool open_quote = false;
};

}  // namespace tsuikyaku::ingest
