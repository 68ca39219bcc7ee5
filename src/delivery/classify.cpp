#include "tsuikyaku/delivery/classify.hpp"

#include <fmt/format.h>

#include "tsuikyaku/core/strings.hpp"

namespace tsuikyaku::delivery {
namespace {

constexpr std::size_t k_queue_id_limit = 200;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// "5.1.1" at the start of text: class 2, 4 or 5, subject and detail of 1–3 digits.
std::size_t enhanced_length(std::string_view text) {
  if (text.size() < 5 || (text[0] != '2' && text[0] != '4' && text[0] != '5') || text[1] != '.') {
    return 0;
  }
  std::size_t i = 2;
  for (int part = 0; part < 2; ++part) {
    const std::size_t start = i;
    while (i < text.size() && is_digit(text[i]) && i - start < 3) ++i;
    if (i == start) return 0;
    if (part == 0) {
      if (i >= text.size() || text[i] != '.') return 0;
      ++i;
    }
  }
  if (i < text.size() && text[i] != ' ') return 0;
  return i;
}

}  // namespace

std::string_view to_string(Status status) {
  switch (status) {
    case Status::sent:
      return "sent";
    case Status::deferred:
      return "deferred";
    case Status::failed:
      return "failed";
    case Status::unknown:
      return "unknown";
  }
  return "unknown";
}

std::string format_reply(const Reply& reply) {
  if (reply.code == 0) return {};
  std::string out = std::to_string(reply.code);
  if (!reply.enhanced.empty()) out += " " + reply.enhanced;
  if (!reply.text.empty()) out += " " + reply.text;
  return out;
}

Reply parse_reply(std::string_view lines) {
  Reply reply;
  std::vector<std::string> texts;
  for (std::string_view line : core::split(lines, '\n')) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) continue;
    if (line.size() < 3 || !is_digit(line[0]) || !is_digit(line[1]) || !is_digit(line[2]) ||
        (line.size() > 3 && line[3] != ' ' && line[3] != '-')) {
      return {};
    }
    reply.code = (line[0] - '0') * 100 + (line[1] - '0') * 10 + (line[2] - '0');
    std::string_view text = line.size() > 4 ? line.substr(4) : std::string_view{};
    // RFC 3463 §2: every line repeats the enhanced code; keep it once, and only when
    // its class agrees with the reply's.
    if (const std::size_t n = enhanced_length(text); n > 0 && text[0] == line[0]) {
      reply.enhanced = std::string(text.substr(0, n));
      text = core::trim(text.substr(n));
    }
    if (!text.empty()) texts.emplace_back(text);
  }
  reply.text = core::join(texts, " ");
  return reply;
}

bool is_dead_address(std::string_view enhanced_code) {
  return enhanced_code == "5.1.1" || enhanced_code == "5.1.2" || enhanced_code == "5.1.3";
}

Outcome classify_reply(const Reply& reply) {
  Outcome outcome;
  outcome.reply = reply;
  const int kind = reply.code / 100;
  if (kind == 2) {
    outcome.status = Status::sent;
    outcome.server_id = queue_id(reply);
    return outcome;
  }
  if (kind == 4) {
    outcome.status = Status::deferred;
  } else {
    outcome.status = Status::failed;
    outcome.dead_address = kind == 5 && is_dead_address(reply.enhanced);
  }
  outcome.error = kind == 4 || kind == 5
                      ? format_reply(reply)
                      : fmt::format("unexpected reply from the server: {}", format_reply(reply));
  return outcome;
}

Outcome classify_auth_refusal(const Reply& reply) {
  Outcome outcome;
  outcome.reply = reply;
  outcome.status = Status::deferred;
  if (reply.code / 100 == 4) {
    outcome.error = fmt::format("the server cannot check the login now: {}", format_reply(reply));
    return outcome;
  }
  outcome.login_refused = true;
  outcome.error = reply.code == 0
                      ? std::string("the server refused the login")
                      : fmt::format("the server refused the login: {}", format_reply(reply));
  return outcome;
}

std::string queue_id(const Reply& reply) {
  std::string_view text = reply.text;
  const std::string lower = core::to_lower_ascii(text);
  if (const auto at = lower.find("queued as "); at != std::string::npos) {
    std::string_view rest = core::trim(text.substr(at + 10));
    rest = rest.substr(0, rest.find(' '));
    return std::string(rest.substr(0, k_queue_id_limit));
  }
  const std::string_view bare = core::trim(text);
  if (core::iequals_ascii(bare, "ok") || core::iequals_ascii(bare, "ok.")) return {};
  return std::string(bare.substr(0, k_queue_id_limit));
}

}  // namespace tsuikyaku::delivery
