#include "CredentialText.h"

#include <QRegularExpression>

namespace strata::CredentialText {

namespace {

// Cheap first look: almost no log line mentions any of these.
bool mayHoldCredential(const QString &text)
{
    for (const char *word :
        { "bearer", "basic", "passw", "token", "secret", "api_key", "apikey", "api-key", "private", "PRIVATE KEY" }) {
        if (text.contains(QLatin1String(word), Qt::CaseInsensitive))
            return true;
    }
    return false;
}

} // namespace

bool beginsPrivateKey(QByteArrayView line)
{
    return line.contains("-----BEGIN") && line.contains("PRIVATE KEY");
}

bool endsPrivateKey(QByteArrayView line)
{
    return line.contains("-----END") && line.contains("PRIVATE KEY");
}

bool isCredentialName(QStringView name)
{
    static const QRegularExpression names(
        QStringLiteral("^(?i)[a-z0-9_.-]*(password|passwd|token|secret|api[_-]?key|access[_-]?key|private[_-]?key)$"));
    return names.match(name).hasMatch();
}

QString redacted(const QString &text, bool quotedOnly)
{
    if (!mayHoldCredential(text))
        return text;
    // "Bearer <token>" anywhere; "name=value" / "name: value" where the
    // name says credential (a value in quotes up to its quote).
    static const QRegularExpression bearer(
        QStringLiteral("(?i)\\b((?:bearer|authorization:\\s*basic)\\s+)[A-Za-z0-9._~+/=-]{6,}"));
    // The name may be quoted ("password": "…" in a logged JSON body; HCL's password = "…").
    static const QRegularExpression pair(QStringLiteral(
        "(?i)\\b([a-z0-9_.-]*(?:password|passwd|token|secret|api[_-]?key|access[_-]?key|private[_-]?key)[\"']?"
        "\\s*[=:]\\s*)(\"[^\"]*\"|'[^']*'|[^\\s,;&\"'}]+)"));
    static const QRegularExpression pem(QStringLiteral("-----BEGIN [A-Z ]*PRIVATE KEY-----.*"));
    QString out = text;
    out.replace(bearer, QStringLiteral("\\1") + hidden);
    // A pair whose value is already hidden, or an empty-looking one, stays.
    QString result;
    qsizetype last = 0;
    for (auto it = pair.globalMatch(out); it.hasNext();) {
        const auto m = it.next();
        const QString value = m.captured(2);
        const bool quoted = value.startsWith(QLatin1Char('"')) || value.startsWith(QLatin1Char('\''));
        // Hidden already, or a Secret fingerprint ("secret:1a2b3c4d") that stands in for the value.
        const bool fingerprint = QStringView(value).mid(quoted ? 1 : 0).startsWith(QLatin1String("secret:"));
        if (value.contains(hidden) || fingerprint || (quotedOnly && !quoted))
            continue;
        result += QStringView(out).mid(last, m.capturedStart(2) - last);
        // A quoted value stays quoted, so the line still parses (JSON, HCL, YAML).
        const QChar quote
            = value.startsWith(QLatin1Char('"')) || value.startsWith(QLatin1Char('\'')) ? value.front() : QChar();
        result += quote.isNull() ? hidden : quote + hidden + quote;
        last = m.capturedEnd(2);
    }
    result += QStringView(out).mid(last);
    result.replace(pem, QStringLiteral("-----BEGIN PRIVATE KEY----- ") + hidden);
    return result;
}

} // namespace strata::CredentialText
