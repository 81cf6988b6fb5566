#include "ShellWords.h"

#include "core/ControlCharacters.h"

#include <QRegularExpression>

namespace strata::ShellWords {

namespace {
bool plain(QChar c)
{
    if (c.unicode() > 127)
        return false;
    if (c.isLetterOrNumber())
        return true;
    switch (c.unicode()) {
    case '_':
    case '-':
    case '.':
    case '/':
    case ':':
    case '=':
    case '@':
    case '%':
    case '+':
    case ',':
        return true;
    default:
        return false;
    }
}
} // namespace

std::optional<QString> quote(const QString &word)
{
    if (word.isEmpty())
        return QStringLiteral("''");
    bool needsQuotes = false;
    for (const QChar c : word) {
        if (isControlCharacter(c.unicode()))
            return std::nullopt;
        needsQuotes = needsQuotes || !plain(c);
    }
    // zsh expands a word that starts with '=' to a command's path.
    if (!needsQuotes && !word.startsWith(QLatin1Char('=')))
        return word;
    // An assignment before a command (KUBE_CTX=a b) stays one: only its value is quoted.
    static const QRegularExpression assignment(QStringLiteral("^[A-Z_][A-Z0-9_]*=")); // environment names
    if (const QRegularExpressionMatch m = assignment.match(word); m.hasMatch())
        return m.captured(0) + *quote(word.mid(m.capturedLength()));
    // `--cacert='<ca.pem>'` reads better than `'--cacert=<ca.pem>'`, and is the same word.
    const qsizetype eq = word.indexOf(QLatin1Char('='));
    if (word.startsWith(QLatin1Char('-')) && eq > 0) {
        bool flagPlain = true;
        for (qsizetype i = 0; i <= eq; ++i)
            flagPlain = flagPlain && plain(word.at(i));
        if (flagPlain)
            return word.left(eq + 1) + *quote(word.mid(eq + 1));
    }
    QString out = QStringLiteral("'");
    for (const QChar c : word) {
        if (c == QLatin1Char('\''))
            out += QStringLiteral("'\\''");
        else
            out += c;
    }
    out += QLatin1Char('\'');
    return out;
}

std::optional<QString> join(const QStringList &words)
{
    QStringList out;
    out.reserve(words.size());
    for (const QString &w : words) {
        const std::optional<QString> q = quote(w);
        if (!q)
            return std::nullopt;
        out.append(*q);
    }
    return out.join(QLatin1Char(' '));
}

QString placeholder(const QString &name)
{
    return QLatin1Char('<') + name + QLatin1Char('>');
}

bool isSafeArgument(const QString &word)
{
    return !word.isEmpty() && !word.startsWith(QLatin1Char('-'));
}

bool isPlaceholder(const QString &word)
{
    return word.startsWith(QLatin1Char('<')) && word.endsWith(QLatin1Char('>'));
}

} // namespace strata::ShellWords
