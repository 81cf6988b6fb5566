#pragma once

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
// (cheaply) when it holds none.
QString redacted(const QString &text);
bool isCredentialName(QStringView name);
} // namespace CredentialText

} // namespace strata
