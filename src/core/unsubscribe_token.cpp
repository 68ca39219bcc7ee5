#include "tsuikyaku/core/unsubscribe_token.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <array>

#include "tsuikyaku/core/email.hpp"

namespace tsuikyaku::core {
namespace {

constexpr std::string_view k_alphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
constexpr std::string_view k_context = "tsuikyaku-unsubscribe:";

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string base64url(std::string_view bytes) {
  std::string out;
  std::uint32_t bits = 0;
  int count = 0;
  for (const char c : bytes) {
    bits = (bits << 8) | static_cast<unsigned char>(c);
    count += 8;
    while (count >= 6) {
      count -= 6;
      out += k_alphabet[(bits >> count) & 0x3f];
    }
  }
  if (count > 0) out += k_alphabet[(bits << (6 - count)) & 0x3f];
  return out;
}

// Strict: only the alphabet, no padding, no stray bits; nullopt otherwise.
std::optional<std::string> from_base64url(std::string_view text) {
  std::string out;
  std::uint32_t bits = 0;
  int count = 0;
  for (const char c : text) {
    const auto value = k_alphabet.find(c);
    if (value == std::string_view::npos) return std::nullopt;
    bits = (bits << 6) | static_cast<std::uint32_t>(value);
    count += 6;
    if (count >= 8) {
      count -= 8;
      out += static_cast<char>((bits >> count) & 0xff);
    }
  }
  if (count >= 6 || (bits & ((1u << count) - 1)) != 0) return std::nullopt;
  return out;
}

std::string mac(std::string_view secret, std::string_view address) {
  const std::string message = std::string(k_context) + std::string(address);
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(message.data()), message.size(), digest.data(),
       &length);
  return std::string(reinterpret_cast<const char*>(digest.data()), length);
}

bool is_token_char(char c) { return k_alphabet.find(c) != std::string_view::npos || c == '.'; }

}  // namespace

bool equal_in_constant_time(std::string_view a, std::string_view b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string make_unsubscribe_token(std::string_view secret, std::string_view address) {
  const std::string key = address_match_key(address);
  return base64url(key) + "." + base64url(mac(secret, key));
}

std::optional<std::string> verify_unsubscribe_token(std::string_view secret,
                                                    std::string_view token) {
  if (secret.empty()) return std::nullopt;
  const auto dot = token.find('.');
  if (dot == std::string_view::npos) return std::nullopt;
  const auto address = from_base64url(token.substr(0, dot));
  const auto given = from_base64url(token.substr(dot + 1));
  if (!address || !given || !is_valid_address(*address)) return std::nullopt;
  // The address is signed as the mail carried it: a token re-encoded in another letter
  // case names a different string and fails here.
  if (!equal_in_constant_time(*given, mac(secret, *address))) return std::nullopt;
  if (*address != address_match_key(*address)) return std::nullopt;
  return address;
}

std::string find_unsubscribe_token(std::string_view pasted) {
  // A mailto link's subject comes percent-encoded ("unsubscribe%20TOKEN").
  std::string decoded;
  for (std::size_t i = 0; i < pasted.size(); ++i) {
    if (pasted[i] == '%' && i + 2 < pasted.size() && hex_value(pasted[i + 1]) >= 0 &&
        hex_value(pasted[i + 2]) >= 0) {
      decoded += static_cast<char>(hex_value(pasted[i + 1]) * 16 + hex_value(pasted[i + 2]));
      i += 2;
    } else {
      decoded += pasted[i];
    }
  }
  const std::string_view text = decoded;
  std::string_view rest = text;
  for (const std::string_view marker : {"?t=", "&t=", "subject="}) {
    const auto at = text.find(marker);
    if (at != std::string_view::npos) {
      rest = text.substr(at + marker.size());
      break;
    }
  }
  // A subject "unsubscribe TOKEN", a link's query, or the token itself: the first run of
  // token characters with a dot inside it.
  std::size_t start = 0;
  while (start < rest.size()) {
    std::size_t end = start;
    while (end < rest.size() && is_token_char(rest[end])) ++end;
    const std::string_view word = rest.substr(start, end - start);
    if (word.find('.') != std::string_view::npos && word.front() != '.' && word.back() != '.')
      return std::string(word);
    start = end + 1;
  }
  return {};
}

}  // namespace tsuikyaku::core
