#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tsuikyaku/core/email.hpp"
#include "tsuikyaku/core/error.hpp"
#include "tsuikyaku/core/language.hpp"
#include "tsuikyaku/core/time.hpp"

// A campaign as its file states it (SPEC §6): what starts it (an order event after a
// delay, or a schedule), whom it is for, what it says. The config module parses the
// files into these structs; validation, planning and rendering read them.

namespace tsuikyaku::campaign {

enum class Kind { transactional, marketing };
enum class Event { ordered, shipped, delivered };
// How a campaign reaches the customer (docs/offline.md): `send` mails only email; an insert
// is packed into an order's parcel, postal mail is printed and posted by the shop.
enum class Channel { email, insert, postal };
using Language = core::Language;  // of the subject and body

std::string_view to_string(Kind kind);
std::string_view to_string(Event event);
std::string_view to_string(Channel channel);

// Mail that follows an order event: the first event of `events` the order has, plus
// `delay` (or `business_days`, business_days.hpp); not sent when it would go out later than that
// plus `expires`.
struct Trigger {
  std::vector<Event> events;
  std::chrono::seconds delay{0};
  std::chrono::seconds expires{3 * 24 * 3600};
  int business_days = 0;  // `delay: 3bd`: open days of the shop instead (delay is then 0)
};

// A day of every year (`yearly:`, docs/campaigns.md): a month and day ("12-01"; 02-29 is
// 28 February in a year without it), or the nth weekday of a month (母の日: the 2nd Sunday
// of May). campaign/yearly.hpp finds it in a year.
struct YearlyDay {
  unsigned month = 1;
  unsigned day = 1;                               // of the month, when weekday is not set
  std::optional<std::chrono::weekday> weekday{};  // the nth of them in the month
  int nth = 1;  // 1–5 (a 5th that the month lacks that year: no window); -1: the last
};

// A window each year: it opens `before` days before `day` and closes at the end of
// `until` (the first such day from `day` on, which may be in the next year) or of `day`
// plus `after` days. Each customer at most once per window; the window of the year `day`
// falls in is that year's.
struct Yearly {
  YearlyDay day;
  std::optional<YearlyDay> until{};
  int before = 0;  // days
  int after = 0;   // days, without until
};

// Mail to the members of the audience on a date (`on`, from 00:00 local that day), to
// each member at most once per `every`, or once in a window each year (`yearly`). See
// planner.hpp for the occurrences.
struct Schedule {
  std::optional<core::LocalTime> on;  // 00:00 of the date, local
  std::optional<std::chrono::seconds> every;
  std::chrono::seconds expires{3 * 24 * 3600};  // an `on` date is not sent later than this
  std::optional<Yearly> yearly{};               // a window each year
};

// `audience: { bought: [GLOB…], not_bought: [GLOB…] }` (docs/products.md): SKU globs,
// matched against the products of the customer's counted orders when the message falls due.
struct ProductAudience {
  std::vector<std::string> bought;      // bought a product any of these match (none: no rule)
  std::vector<std::string> not_bought;  // bought no product any of these match

  bool empty() const { return bought.empty() && not_bought.empty(); }
};

struct Coupon {
  std::string code;  // one code for everyone (`code:`), or empty
  std::string pool;  // a pool file as the campaign writes it (`pool:`), or empty
};

// Where the parts of a campaign were written, for validation messages.
struct Places {
  core::SourceLocation file;  // line 1, column 1 of the file
  core::SourceLocation name;
  core::SourceLocation kind;
  core::SourceLocation channel;
  core::SourceLocation coupon;
  core::SourceLocation subject;
  std::vector<core::SourceLocation> segments;  // one per audience segment
};

struct Campaign {
  std::string name;  // letters, digits, '.', '_', '-': it goes into headers and keys
  Kind kind = Kind::transactional;
  Channel channel = Channel::email;
  std::string insert_item;  // channel insert: what goes into the parcel (`insert: { item: }`)
  Language language = Language::ja;
  bool enabled = true;
  std::optional<Trigger> trigger;  // exactly one of trigger and schedule
  std::optional<Schedule> schedule;
  std::vector<std::string> segments;  // the audience; empty: everyone
  ProductAudience products;           // and by what they bought
  // `audience.bought_around.days` (schedules): a counted order within that many days of
  // the due date a year earlier (campaign/yearly.hpp); 0: not asked.
  int bought_around = 0;
  std::optional<Coupon> coupon;
  std::optional<core::Mailbox> from;      // else shop.from
  std::optional<core::Mailbox> reply_to;  // else shop.reply_to
  std::string subject;                    // Mustache, one line; optional for insert and postal
  std::string body_file;                  // the template as messages name it (an insert's note)
  std::string body;  // the template text: Markdown + Mustache; may be empty for insert
  Places places;
};

// True when name may be a campaign's name (SPEC §7: it reaches headers and dedup keys).
bool is_valid_name(std::string_view name);

// True when code may be a coupon code: 1–64 letters, digits, '-' or '_' (a code is
// printed in mail and typed at a checkout).
bool is_coupon_code(std::string_view code);

// The language of a template when the campaign does not say: ja when the text holds
// kana or kanji, else en.
Language guess_language(std::string_view text);

}  // namespace tsuikyaku::campaign
