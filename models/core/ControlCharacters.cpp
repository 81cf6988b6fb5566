#include "ControlCharacters.h"

namespace strata {

QString escapeControlCharacters(QStringView text, bool keepNewlines)
{
    qsizetype first = 0;
    while (first < text.size()
        && !(isControlCharacter(text.at(first).unicode()) && !(keepNewlines && text.at(first) == u'\n')))
        ++first;
    if (first == text.size())
        return text.toString(); // the usual case: nothing to escape, no copy made character by character
    QString out = text.left(first).toString();
    out.reserve(text.size() + 16);
    for (qsizetype i = first; i < text.size(); ++i) {
        const char16_t c = text.at(i).unicode();
        if (!isControlCharacter(c) || (keepNewlines && c == u'\n')) {
            out += text.at(i);
            continue;
        }
        switch (c) {
        case u'\t':
            out += QLatin1String("\\t");
            break;
        case u'\n':
            out += QLatin1String("\\n");
            break;
        case u'\r':
            out += QLatin1String("\\r");
            break;
        default:
            out += QStringLiteral("\\x%1").arg(int(c), 2, 16, QLatin1Char('0'));
        }
    }
    return out;
}

} // namespace strata
