#pragma once

#include <string>
#include <string_view>

// What a message shows of a value read from a file (an export, a suppression list, a
// campaign): never a raw control character, which a terminal would obey (`\x1b[2J`
// clears it) and a log would hide. The one escaping function of the project's messages.

namespace tsuikyaku::core {

// text with every C0 control (TAB and LF included), DEL and byte that is not UTF-8 shown
// as \xhh, and every C1 control and bidirectional control (U+202A–U+202E, U+2066–U+2069)
// as \uhhhh; everything else as it is.
std::string escaped(std::string_view text);

// escaped(), line by line: the LFs between the lines of a message stay line ends.
std::string escaped_lines(std::string_view text);

// The first bidirectional embedding, override or isolate control (U+202A–U+202E,
// U+2066–U+2069) in UTF-8 text, or 0: such a character makes a name or an address read in
// an order other than its bytes (SPEC §3 refuses it at import).
char32_t bidi_control(std::string_view text);

}  // namespace tsuikyaku::core
