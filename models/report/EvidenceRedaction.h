#pragma once

#include <QByteArray>
#include <QString>

namespace strata {

// What an evidence file may not carry into a bundle someone else opens:
// Secret values (a Secret's data, stringData and last-applied annotation;
// a Terraform kubernetes_secret's data), credentials (token, password,
// client-key-data, client-secret, id-token, refresh-token, access-token,
// private_key, secret_key; "Authorization: Bearer …") and PEM private keys
// anywhere. Each becomes this machine's fingerprint (SecretFingerprint), so
// a re-opened bundle still tells equal values from different ones.
// JSON keeps its structure (64-bit numbers exact); YAML is re-emitted (its
// comments and line numbers then differ: the manifest says the copy is
// redacted); other text keeps every line, byte for byte, but the redacted
// ones (a private key's lines each become a marker). YAML that cannot be
// read whole but names a Secret is refused: it is not to be copied.
namespace EvidenceRedaction {
struct Redacted
{
    QByteArray bytes; // the file, redacted (the same bytes when nothing was found)
    int count = 0; // values replaced; 0 means `bytes` is the original
    QString note; // what was replaced, for the manifest ("2 Secret values, 1 token"), or why refused
    bool refused = false; // its secrets cannot be found reliably: not to be copied at all
};
Redacted redact(const QByteArray &bytes, const QString &fileName);
} // namespace EvidenceRedaction

} // namespace strata
