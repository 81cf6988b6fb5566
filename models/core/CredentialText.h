#pragma once

#include <QByteArrayView>
#include <QString>

namespace strata {

// Credentials written into a line of text — a log line, a pasted command's
// output — hidden before the line is shown anywhere: "Authorization: Bearer
// <token>", "password=…", "token: …", "client_secret=…", "api_key=…" keep
// their name and lose their value, and a PEM private key line loses the
// key. Applied where log lines become events, so neither the window nor
// any output or report quotes them. The evidence file itself is not
// changed (the bundle redacts its copy: EvidenceRedaction).
namespace CredentialText {
inline const QString hidden = QStringLiteral("<redacted>");
// `text` with every credential value replaced by `hidden`; the same text
// (cheaply) when it holds none. `quotedOnly`: a value only when quoted —
// in HCL or JSON an unquoted value is an expression or a literal
// (`api_key = var.key`, `"…_token": true`), not a secret.
QString redacted(const QString &text, bool quotedOnly = false);
bool isCredentialName(QStringView name);
// A line that opens ("-----BEGIN … PRIVATE KEY") or closes ("-----END …") a
// PEM private key: the lines between are the key, line by line.
bool beginsPrivateKey(QByteArrayView line);
bool endsPrivateKey(QByteArrayView line);
} // namespace CredentialText

} // namespace strata
