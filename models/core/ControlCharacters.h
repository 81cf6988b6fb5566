#pragma once

#include <QString>

namespace strata {

// Text from evidence may hold terminal control sequences (ESC, BEL, CR, NUL,
// DEL, C1 controls): printed raw they could rewrite a terminal, hide a line or
// forge one. Every text output that is not JSON (which escapes them itself)
// shows them escaped instead: ESC becomes the four characters `\x1b`.
// Newlines are kept when `keepNewlines` (a multi-line message), else escaped.
QString escapeControlCharacters(QStringView text, bool keepNewlines = false);

// C0 controls, DEL and C1 controls: what escapeControlCharacters() escapes.
constexpr bool isControlCharacter(char16_t c)
{
    return c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f);
}

} // namespace strata
