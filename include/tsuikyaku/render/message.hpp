#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "tsuikyaku/campaign/campaign.hpp"
#include "tsuikyaku/campaign/shop.hpp"
#include "tsuikyaku/core/money.hpp"
#include "tsuikyaku/core/time.hpp"

// One campaign message for one customer, exactly as it will be sent (SPEC §6–7): the
// subject, the text and HTML parts, and the RFC 5322 bytes. A pure function of plain
// structs, so `preview`, `send` and the golden tests render the same message.

namespace tsuikyaku::render {

// A product as the mail shows it (docs/products.md): from the order's line or the
// customer's history, with what products.yaml says about it.
struct ProductInfo {
  std::string sku;         // the product: the line's SKU, else its name
  std::string name;        // the line's name; the SKU when it has none
  std::string category;    // products.yaml; empty: none
  std::string care;        // the care file's Markdown, rendered as Markdown; empty: none
  std::string review_url;  // products.yaml; empty: none
};

// One line of the order ({{#order.items}}).
struct ItemInfo {
  ProductInfo product;
  std::int64_t quantity = 0;
  std::optional<core::Money> unit_price;  // rounded to the currency's minor unit
  std::optional<core::Money> line_total;  // quantity × unit price, rounded once
};

// {{#customer.favourite}}: segment::favourite_product.
struct FavouriteInfo {
  ProductInfo product;
  std::int64_t orders = 0;
};

struct CustomerInfo {
  std::string key;
  std::string name;     // empty when unknown: the mail says shop.fallback_name
  std::string email;    // from the database: checked (core::is_valid_address), not trusted
  std::string segment;  // empty when unknown
  std::optional<FavouriteInfo> favourite{};
};

struct OrderInfo {
  std::string id;
  std::optional<core::Money> total;
  core::Instant ordered_at;
  std::optional<core::Instant> shipped_at;
  std::optional<core::Instant> delivered_at;
  std::string tracking_number;  // empty when unknown
  std::string carrier;          // empty when unknown
  // The lines that are products, in line order, without the no_followup ones.
  std::vector<ItemInfo> items{};
};

struct MessageRequest {
  const campaign::Campaign* campaign = nullptr;
  const campaign::Shop* shop = nullptr;
  CustomerInfo customer;
  std::optional<OrderInfo> order;  // triggered campaigns
  std::string coupon_code;         // this recipient's code (a pool's, or the campaign's)
  core::Instant date;              // the Date header, shown in the shop's zone
  std::string message_token;       // unique per message; see make_message_token
};

struct RenderedMessage {
  std::string subject;     // as the customer reads it
  std::string text;        // the text/plain part (LF line ends)
  std::string html;        // the text/html part: a whole document
  std::string message_id;  // the Message-ID header without angle brackets
  std::string recipient;   // the address the message goes to
  std::string eml;         // the whole message, CRLF line ends, no line over 998 octets
};

// Throws core::Error: data when the customer's address is not a valid address (CR, LF or
// NUL included); config when a template cannot be rendered (campaigns check catches that
// first); internal when the token is not dot-atom text.
RenderedMessage render_message(const MessageRequest& request);

// A Message-ID token from the moment and a unique number (a ledger row id, random bits):
// "20261118T000000.000000000000002a.tsuikyaku".
std::string make_message_token(core::Instant date, std::uint64_t unique);

// A date as the template's language writes it: "2026年11月1日", "Nov 1, 2026".
std::string format_long_date(core::Instant at, const core::TimeZone& zone,
                             campaign::Language language);

}  // namespace tsuikyaku::render
