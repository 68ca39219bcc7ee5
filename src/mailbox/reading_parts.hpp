#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tsuikyaku/mailbox/message.hpp"
#include "tsuikyaku/mailbox/reading.hpp"

// The pieces of read_message (reading.cpp), one file per kind: complaints
// (reading_complaint.cpp), delivery status reports (reading_report.cpp), bounces written
// for people (reading_notice.cpp), and auto replies, unsubscribe requests and replies
// (reading_personal.cpp).

namespace tsuikyaku::mailbox {

// What every reader looks at, worked out once per message.
struct Seen {
  const Message& message;
  const Headers& headers;
  std::vector<const Part*> parts;  // outside any returned message
  std::string subject;
  std::string full_notice;  // the first text part, with the copy of the returned message
  std::string notice;       // cut where the copy begins
  std::string copy;         // the rest of full_notice
};

bool contains(std::string_view text, std::string_view lower_phrase);
bool contains_any(std::string_view text, std::initializer_list<std::string_view> phrases);
const Part* first_of(const std::vector<const Part*>& parts, std::string_view type,
                     std::string_view subtype);

// A failed recipient with its status, reply code and reason read from the diagnostic.
Recipient judged(std::string address, std::string_view diagnostic, std::string status,
                 std::string reply, std::string_view context = {}, bool reported = false);

// A bounce written by a content filter product (SurfControl E-mail Filter, m-FILTER):
// its "unknown user" is the filter's answer.
bool written_by_filter(const Headers& headers);

// Each reader gives the reading when the message is of its kind, else nothing.
std::optional<Reading> read_complaint(const Seen& seen);
std::optional<Reading> read_report(const Seen& seen);
bool looks_bounced(const Seen& seen);
std::optional<Reading> read_notice_bounce(const Seen& seen);
// An auto reply, an unsubscribe request or a reply; other when none (never for a message
// that looks bounced or is automatic).
Kind personal_kind(const Seen& seen, bool bounced);

}  // namespace tsuikyaku::mailbox
