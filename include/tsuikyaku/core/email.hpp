#pragma once

#include <optional>
#include <string>
#include <string_view>

// Mail addresses as the project accepts them: the common dot-atom form
// `local@domain` with an ASCII local part and a domain of letter-digit-hyphen labels
// (at least two). Quoted local parts, comments, domain literals and encoded words (`=?`)
// are refused: no shop customer has them, and they are where header injection and
// look-alike addresses hide.

namespace tsuikyaku::core {

bool is_valid_address(std::string_view address);

// The address with its domain lower-cased ("Hanako@Example.JP" -> "Hanako@example.jp"),
// as a customer key keeps it (SPEC §3).
std::string with_lower_domain(std::string_view address);

// The whole address lower-cased: the form addresses are matched in (customer identity,
// suppression), since users expect "Hanako@" and "hanako@" to be one person.
std::string address_match_key(std::string_view address);

// A display name and an address, as in `Kaede Tea <hello@kaede.example>`.
struct Mailbox {
  std::string display_name;  // UTF-8, may be empty
  std::string address;
};

// Parses `Name <addr>`, `"Name" <addr>` or a bare `addr`; nullopt when the address is not
// valid or any control character is present.
std::optional<Mailbox> parse_mailbox(std::string_view text);

// A host name kept for documentation and tests (RFC 2606, RFC 6761), where nobody reads
// mail: the top-level domains example, test, invalid and localhost, and any name with an
// `example` label (example.com, mail.example.org, example.co.jp). Any letter case.
bool is_example_domain(std::string_view host);

// The host of an address, a mailto: link or an https:// URL ("hello@kaede.example",
// "mailto:u@kaede.example", "https://kaede.example/u" -> "kaede.example"); empty when
// there is none.
std::string_view host_of(std::string_view address_or_url);

}  // namespace tsuikyaku::core
