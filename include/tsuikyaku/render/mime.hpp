#pragma once

#include <string>
#include <string_view>

#include "tsuikyaku/core/email.hpp"
#include "tsuikyaku/core/time.hpp"

// The wire format of a message (SPEC §7, RFC 5322, RFC 2045–2047): header fields that
// no value can break out of, and bodies whose lines stay short. Every function returns
// text with CRLF line ends and lines within 76 octets where a line can be broken.

namespace tsuikyaku::render {

// A value as one line: every control character (CR, LF, NUL, TAB, DEL, C1) becomes a
// space and invalid UTF-8 becomes U+FFFD, so nothing can start a new header field.
std::string one_line(std::string_view text);

// "Name: value\r\n" for unstructured text (Subject): plain ASCII folded at spaces when it
// fits in 76-octet lines, else RFC 2047 encoded words (UTF-8, B encoding, each at most 75
// characters, never splitting a UTF-8 sequence) on folded lines. The value is one_line()d.
std::string unstructured_header(std::string_view name, std::string_view value);

// "Name: display <address>\r\n": the display name as an atom phrase, a quoted string or
// encoded words. Throws core::Error (data) when the address is not a valid address
// (core::is_valid_address): an address from the database is checked, not trusted.
std::string address_header(std::string_view name, const core::Mailbox& mailbox);

// "Jan" … "Dec" for month 1 … 12, as RFC 5322 dates and English templates write them.
std::string_view english_month(int month);

// "Wed, 18 Nov 2026 09:00:00 +0900": RFC 5322 date-time with the zone's offset then.
std::string rfc5322_date(core::Instant at, const core::TimeZone& zone);

// "<token@domain>" on the domain of `from`. token must be dot-atom text (letters,
// digits and !#$%&'*+-/=?^_`{|}~.), else core::Error (internal).
std::string message_id(std::string_view token, const core::Mailbox& from);

// RFC 2045 bodies with CRLF line ends and lines of at most 76 octets. Input line ends may
// be LF or CRLF.
std::string quoted_printable(std::string_view text);
std::string base64_lines(std::string_view bytes);

// The shorter readable choice for a UTF-8 text part: quoted-printable when few octets are
// above ASCII (English), base64 otherwise (Japanese).
enum class TransferEncoding { quoted_printable, base64 };
TransferEncoding choose_encoding(std::string_view text);

}  // namespace tsuikyaku::render
