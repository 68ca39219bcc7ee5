#pragma once

#include <optional>
#include <string>

#include "tsuikyaku/calendar/shop_days.hpp"
#include "tsuikyaku/core/email.hpp"
#include "tsuikyaku/core/language.hpp"
#include "tsuikyaku/core/money.hpp"
#include "tsuikyaku/core/time.hpp"

// The shop as its mail presents it (SPEC §2 `shop:`): the sender identity every message
// and every marketing footer is built from. The config module parses it (it is
// config::ShopConfig there); the campaign and render logic read it.

namespace tsuikyaku::campaign {

struct Unsubscribe {
  std::string mailto;  // "mailto:unsubscribe@kaede.example", or empty
  std::string https;   // "https://kaede.example/unsubscribe", or empty
  // shop.unsubscribe_token: hmac: each recipient's links carry their own token
  // (core/unsubscribe_token.hpp), signed with the workspace secret.
  bool per_recipient = false;
  std::string secret;  // the workspace secret (tsuikyaku.secret); empty when it is missing

  bool any() const { return !mailto.empty() || !https.empty(); }
};

struct Shop {
  std::string name;
  core::Mailbox from;
  std::optional<core::Mailbox> reply_to;
  core::TimeZone timezone = core::TimeZone::utc();
  const core::Currency* currency = nullptr;  // never null after parsing
  std::string address;                       // postal address; required for marketing mail
  std::string url;                           // the shop's web site, optional
  Unsubscribe unsubscribe;                   // required for marketing mail
  std::string fallback_name;                 // customer.name when unknown (default お客様)
  calendar::ShopDays days;  // `holidays` and `closed`: the open days business-day delays count
  // The language of the shop's own pages (the unsubscribe page of `unsubscribe serve`).
  core::Language language = core::Language::ja;
  // `language` as the config writes it (init --lang does); then it is the UI's language
  // too when neither --lang nor the environment names one (docs/i18n.md). A guessed
  // language never is: the default fallback_name お客様 alone would make it ja.
  bool language_written = false;
};

}  // namespace tsuikyaku::campaign
