#include "tsuikyaku/mailbox/reason.hpp"

#include <array>
#include <cctype>

#include "tsuikyaku/core/strings.hpp"

namespace tsuikyaku::mailbox {
namespace {

struct Rule {
  std::string_view reason;
  bool hard;
  std::initializer_list<std::string_view> phrases;  // lower-case substrings
};

// In order: the first rule with a phrase in the text decides. Soft reasons with words that
// cannot describe a dead address come first, so "5.1.1 mailbox full" is a full mailbox;
// then the hard reasons; then soft reasons whose words are common in any rejection
// ("rejected", "filter", "policy", "connection"), so that Postfix's "Recipient address
// rejected: User unknown" stays a dead address.
const Rule k_rules[] = {
    {"mailboxfull",
     false,
     {"mailbox full",
      "mailbox is full",
      "mailbox size limit",
      "over quota",
      "quota exceeded",
      "exceeded storage",
      "exceeds quota",
      "insufficient disk space",
      "quota",
      "mailbox is over",
      "full mailbox",
      "not enough storage",
      "user is over",
      "mailfolder is full",
      "mailbox has exceeded",
      "disk full",
      "disk space",
      "storage allocation",
      "boite du destinataire pleine",
      "too much mail data"}},
    {"mailererror", false, {"command output:", "procmail", "couldn't create", "command died"}},
    {"mesgtoobig",
     false,
     {"message too large", "message too big", "message size exceeds", "message is too large",
      "exceeds size limit", "size limit exceeded", "message exceeds", "message size limit"}},
    {"spamdetected",
     false,
     {"spam", "junk mail", "unsolicited", "bulk mail", "content rejected", "message content"}},
    {"virusdetected", false, {"virus", "malware", "infected"}},
    {"toomanyconn",
     false,
     {"too many connections", "too many recipients", "too many messages", "rate limit",
      "rate-limit", "ratelimit", "try again later", "exceeded the rate", "too many concurrent",
      "sending rate", "throttl", "receiving mail at a rate", "limit exceeded"}},
    {"expired",
     false,
     {"retry timeout exceeded", "retry time not reached", "could not be delivered for",
      "delivery time expired", "message expired", "has been delayed", "delivery expired", "timeout",
      "timed out", "was not delivered within", "has been queued for", "not been delivered for"}},
    {"authfailure", false, {"spf", "dkim", "dmarc", "not authenticated"}},
    {"requireptr",
     false,
     {"reverse dns", "reverse lookup", "ptr record", "no ptr", "cannot find your hostname",
      "cannot resolve your address"}},
    {"blocked",
     false,
     {"blocked", "blacklist", "blocklist", "block list", "black list", "listed at", "spamhaus",
      "dnsbl", "denied by policy", "access denied", "connection refused", "not allowed to send",
      "poor reputation", "bad reputation", "reputation"}},
    {"norelaying",
     false,
     {"relaying denied", "relay denied", "relay access denied", "relaying not",
      "not permitted to relay", "unable to relay", "relay not permitted", "no relaying",
      "relaying mail to"}},
    {"suspend",
     false,
     {"suspended", "disabled", "inactive", "deactivated", "not active", "account expired",
      "temporarily unavailable", "on hold"}},
    {"rejected",
     false,
     {"sender rejected", "sender address rejected", "domain of sender", "sender verify failed",
      "sender domain", "envelope sender"}},
    // The address is dead.
    {"hasmoved", true, {"has moved", "address has changed", "no longer valid", "moved to"}},
    {"notaccept",
     true,
     {"does not accept mail", "null mx", "accepts no mail", "not accepting mail",
      "domain does not receive"}},
    {"hostunknown",
     true,
     {"host unknown", "unknown host", "host not found", "domain not found", "no such domain",
      "unrouteable address", "unroutable address", "domain does not exist", "nxdomain",
      "name or service not known", "no mx", "no valid mx", "domain name not found",
      "unknown domain", "bad destination", "host or domain name not found", "domain is not valid",
      "could not be resolved"}},
    {"userunknown",
     true,
     {"user unknown",
      "unknown user",
      "no such user",
      "does not exist",
      "doesn't exist",
      "not exist",
      "invalid recipient",
      "no such recipient",
      "unknown recipient",
      "recipient unknown",
      "mailbox not found",
      "mailbox unavailable",
      "no mailbox",
      "not a valid mailbox",
      "user not found",
      "address not found",
      "no such mailbox",
      "invalid mailbox",
      "unknown address",
      "recipient not found",
      "no such account",
      "account does not exist",
      "not our customer",
      "unknown local part",
      "user doesn't",
      "no such address",
      "address unknown",
      "mailbox does not",
      "invalid address",
      "does not have an account",
      "not a known user",
      "user is unknown",
      "unknown or illegal",
      "bad recipient",
      "mailbox is unavailable",
      "unknown mailbox",
      "addressee unknown",
      "recipient name is not recognized"}},
    // Soft, with words any rejection may use.
    {"policyviolation", false, {"policy", "prohibited", "not permitted", "not compliant"}},
    {"authfailure", false, {"authentication"}},
    {"filtered", false, {"filter", "refused", "rejected"}},
    {"networkerror",
     false,
     {"network", "connection", "host unreachable", "routing loop", "mail loop", "loops back",
      "too many hops"}},
    {"systemerror", false, {"system error", "internal error", "mailer error", "server error"}},
};

// A reply to the content: the transcript says the failure came after DATA.
constexpr std::string_view k_after_data[] = {"end of data", "after data", "in reply to data",
                                             "data command", "smtp command\ndata"};

// Sendmail's transcript: ">>> DATA" answered by a failure other than 503 (which only says
// that every RCPT had failed before).
bool after_data(std::string_view text) {
  for (const std::string_view phrase : k_after_data) {
    if (text.find(phrase) != std::string_view::npos) return true;
  }
  for (std::size_t at = text.find(">>> data"); at != std::string_view::npos;
       at = text.find(">>> data", at + 1)) {
    const std::size_t line = text.find('\n', at);
    if (line == std::string_view::npos) break;
    const std::string_view next = text.substr(line + 1, 8);
    if (next.starts_with("<<< 5") && !next.starts_with("<<< 503")) return true;
  }
  return false;
}

// A reply to the recipient: the transcript says the failure was RCPT's, or the recipient's
// own server says it has no such mailbox (Exchange's non-delivery report).
constexpr std::string_view k_at_rcpt[] = {"rcpt to",
                                          "rcpt_to",
                                          "in reply to rcpt",
                                          "recipient address rejected",
                                          "after rcpt",
                                          "rcpt command",
                                          "did not like our rcpt",
                                          "need rcpt",
                                          "recipient name is not recognized"};

bool is_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

Verdict judge_failure(std::string_view diagnostic, std::string_view status,
                      std::string_view context, bool reported) {
  const std::string text = core::to_lower_ascii(diagnostic);
  const std::string around = text + "\n" + core::to_lower_ascii(context);
  // The status code's own meaning. A strong soft code is believed over words we would
  // read as a dead address ("5.2.2 ... user unknown" is a full mailbox).
  struct Coded {
    Verdict verdict;
    bool strong = false;
  };
  const auto by_status = [&]() -> Coded {
    if (status == "5.1.1" || status == "5.1.10" || status == "5.1.3") {
      return {{"userunknown", true}};
    }
    if (status == "5.1.2") return {{"hostunknown", true}};
    if (status == "5.1.6") return {{"hasmoved", true}};
    if (status == "5.2.2" || status == "4.2.2") return {{"mailboxfull", false}, true};
    if (status == "5.3.4" || status == "5.2.3") return {{"mesgtoobig", false}, true};
    if (status.starts_with("4.")) return {{"expired", false}, true};
    if (status.starts_with("5.7.")) return {{"policyviolation", false}, true};
    if (status == "5.4.4") return {{"networkerror", false}};  // no route: text decides
    if (status.starts_with("5.4.")) return {{"networkerror", false}, true};
    if (status.starts_with("5.3.")) return {{"systemerror", false}, true};
    if (status == "5.1.0" || status == "5.1.7" || status == "5.1.8") {
      return {{"rejected", false}, true};  // the sender's address, not the recipient's
    }
    if (status == "5.2.1") return {{"suspend", false}};
    return {{"undefined", false}};
  };
  const Coded coded = by_status();
  const Rule* found = nullptr;
  for (const Rule& rule : k_rules) {
    for (const std::string_view phrase : rule.phrases) {
      if (text.find(phrase) != std::string::npos) {
        found = &rule;
        break;
      }
    }
    if (found != nullptr) break;
  }
  if (found == nullptr) return coded.verdict;
  if (!found->hard) return {std::string(found->reason), false};
  if (coded.strong) return coded.verdict;
  // Words of a soft reason around the recipient (the notice) win too.
  for (const Rule& rule : k_rules) {
    if (rule.hard) break;
    for (const std::string_view phrase : rule.phrases) {
      if (around.find(phrase) != std::string::npos) return {std::string(rule.reason), false};
    }
  }
  // A 5.1.x code of a dead address is believed; without one, "unknown user" in reply to
  // the message's content is a filter's answer (the Japanese carriers' domain filters
  // answer so), not a dead address.
  if (coded.verdict.hard) return {std::string(found->reason), true};
  if (after_data(around)) return {"filtered", false};
  if (found->reason != "userunknown" || reported) return {std::string(found->reason), true};
  // A "no such user" without a 5.1.x code must be an answer to RCPT to be believed.
  for (const std::string_view phrase : k_at_rcpt) {
    if (around.find(phrase) != std::string::npos) return {"userunknown", true};
  }
  return {"filtered", false};
}

std::string find_status_code(std::string_view text) {
  for (std::size_t i = 0; i + 5 <= text.size(); ++i) {
    const char c = text[i];
    if (c != '2' && c != '4' && c != '5') continue;
    if (i > 0 && (is_digit(text[i - 1]) || text[i - 1] == '.')) continue;
    if (text[i + 1] != '.') continue;
    std::size_t j = i + 2;
    const std::size_t second = j;
    while (j < text.size() && is_digit(text[j]) && j - second < 3) ++j;
    if (j == second || j >= text.size() || text[j] != '.') continue;
    ++j;
    const std::size_t third = j;
    while (j < text.size() && is_digit(text[j]) && j - third < 3) ++j;
    if (j == third) continue;
    if (j < text.size() &&
        (is_digit(text[j]) || (text[j] == '.' && j + 1 < text.size() && is_digit(text[j + 1])))) {
      continue;
    }
    return std::string(text.substr(i, j - i));
  }
  return {};
}

std::string find_reply_code(std::string_view text) {
  const auto standalone = [&](std::size_t i) {
    if (i + 3 > text.size()) return false;
    if (text[i] != '4' && text[i] != '5') return false;
    if (!is_digit(text[i + 1]) || !is_digit(text[i + 2])) return false;
    if (i > 0 && (std::isalnum(static_cast<unsigned char>(text[i - 1])) || text[i - 1] == '.' ||
                  text[i - 1] == '-' || text[i - 1] == '#' || text[i - 1] == '/')) {
      return false;
    }
    return i + 3 == text.size() || text[i + 3] == ' ' || text[i + 3] == '-';
  };
  // "550 5.1.1" or "550-5.1.1": the reply beside its enhanced code.
  for (std::size_t i = 0; i + 4 < text.size(); ++i) {
    if (standalone(i) && i + 5 < text.size() && text[i + 4] == text[i] && text[i + 5] == '.') {
      return std::string(text.substr(i, 3));
    }
  }
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (standalone(i)) return std::string(text.substr(i, 3));
  }
  return {};
}

}  // namespace tsuikyaku::mailbox
