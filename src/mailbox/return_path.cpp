#include "tsuikyaku/mailbox/return_path.hpp"

#include <fmt/format.h>

#include <charconv>

#include "tsuikyaku/core/strings.hpp"
#include "tsuikyaku/mailbox/header.hpp"

namespace tsuikyaku::mailbox {
namespace {

constexpr std::size_t k_check_digits = 8;

// Every address in a field value: the ones in angle brackets, else the bare words with @.
std::vector<std::string> addresses_of(std::string_view value) {
  std::vector<std::string> out;
  std::size_t at = 0;
  while ((at = value.find('<', at)) != std::string_view::npos) {
    const std::size_t close = value.find('>', at);
    if (close == std::string_view::npos) break;
    out.emplace_back(core::trim(value.substr(at + 1, close - at - 1)));
    at = close;
  }
  if (out.empty()) {
    for (std::string_view word : core::split(value, ',')) {
      word = core::trim(word);
      if (word.find('@') != std::string_view::npos) out.emplace_back(word);
    }
  }
  return out;
}

}  // namespace

std::string return_path_check(std::string_view message_id) {
  // FNV-1a, then a final mix: the secret is the Message-ID's random bits, not the hash.
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (const char c : message_id) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ULL;
  }
  hash ^= hash >> 33;
  hash *= 0xff51afd7ed558ccdULL;
  hash ^= hash >> 33;
  return fmt::format("{:08x}", static_cast<std::uint32_t>(hash));
}

std::string return_path_for(std::string_view return_path, std::int64_t ledger_id,
                            std::string_view message_id) {
  const std::size_t at = return_path.rfind('@');
  return fmt::format("{}+{}-{}{}", return_path.substr(0, at), ledger_id,
                     return_path_check(message_id), return_path.substr(at));
}

std::optional<ReturnPathToken> parse_return_path(std::string_view return_path,
                                                 std::string_view address) {
  const std::size_t base_at = return_path.rfind('@');
  const std::size_t at = address.rfind('@');
  if (base_at == std::string_view::npos || at == std::string_view::npos) return std::nullopt;
  const std::string_view local = return_path.substr(0, base_at);
  if (!core::iequals_ascii(address.substr(at), return_path.substr(base_at))) return std::nullopt;
  const std::string_view own = address.substr(0, at);
  if (own.size() <= local.size() + 1 || !core::iequals_ascii(own.substr(0, local.size()), local) ||
      own[local.size()] != '+') {
    return std::nullopt;
  }
  const std::string_view token = own.substr(local.size() + 1);
  const std::size_t dash = token.find('-');
  if (dash == std::string_view::npos || token.size() - dash - 1 != k_check_digits) {
    return std::nullopt;
  }
  ReturnPathToken out;
  const auto [end, ec] = std::from_chars(token.data(), token.data() + dash, out.ledger_id);
  if (ec != std::errc{} || end != token.data() + dash || out.ledger_id <= 0) return std::nullopt;
  out.check = core::to_lower_ascii(token.substr(dash + 1));
  return out;
}

std::vector<ReturnPathToken> return_path_tokens(const Message& message,
                                                std::string_view return_path) {
  std::vector<ReturnPathToken> tokens;
  const auto add = [&](std::string_view value) {
    for (const std::string& address : addresses_of(value)) {
      auto token = parse_return_path(return_path, address);
      if (!token) continue;
      bool known = false;
      for (const ReturnPathToken& seen : tokens) {
        known = known || (seen.ledger_id == token->ledger_id && seen.check == token->check);
      }
      if (!known) tokens.push_back(std::move(*token));
    }
  };
  const Headers& headers = message.root.headers;
  for (const std::string_view name :
       {"To", "Delivered-To", "X-Original-To", "Envelope-To", "X-Envelope-To"}) {
    for (const std::string_view value : headers.all(name)) add(value);
  }
  std::vector<const Part*> stack{&message.root};
  while (!stack.empty()) {
    const Part* part = stack.back();
    stack.pop_back();
    if (const Part* inner = part->embedded()) {
      for (const std::string_view value : inner->headers.all("Return-Path")) add(value);
      continue;
    }
    if (part->content_type.is("text", "rfc822-headers") ||
        part->content_type.is("message", "rfc822-headers")) {
      const Headers fields = parse_headers(part->body()).headers;
      for (const std::string_view value : fields.all("Return-Path")) add(value);
    }
    for (const Part& child : part->children) stack.push_back(&child);
  }
  return tokens;
}

}  // namespace tsuikyaku::mailbox
