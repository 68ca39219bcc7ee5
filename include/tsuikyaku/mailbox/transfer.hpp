#pragma once

#include <cstddef>
#include <limits>
#include <string>
#include <string_view>

// The content transfer encodings of MIME (RFC 2045) and the encodings inside header
// words (RFC 2047, RFC 2231). Lenient as mail readers are: what is not valid is skipped
// (base64) or kept as written (quoted-printable), never an error. `limit` bounds the
// decoded size; decoding stops there.

namespace tsuikyaku::mailbox {

inline constexpr std::size_t k_no_limit = std::numeric_limits<std::size_t>::max();

// Characters outside the alphabet (line ends, spaces) are skipped; decoding ends at "=".
std::string decode_base64(std::string_view text, std::size_t limit = k_no_limit);
// "=XX" and soft line breaks ("=" at the end of a line, any line end).
std::string decode_quoted_printable(std::string_view text, std::size_t limit = k_no_limit);
// The Q encoding of encoded words: quoted-printable with "_" for a space.
std::string decode_q(std::string_view text);
// "%XX" (RFC 2231 parameter values).
std::string decode_percent(std::string_view text);

// A Content-Transfer-Encoding's decoding of body ("base64", "quoted-printable", any case;
// anything else, 7bit, 8bit and binary, is the body as it is, cut at limit).
std::string decode_transfer(std::string_view body, std::string_view encoding,
                            std::size_t limit = k_no_limit);

}  // namespace tsuikyaku::mailbox
