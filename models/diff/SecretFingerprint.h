#pragma once

#include <QByteArray>
#include <QString>

namespace strata {

// Stands in for Secret values everywhere Strata shows or writes them: a short
// keyed hash, so two columns can be seen to hold the same or different values
// without revealing either. The key is random and lives only on this machine
// (useKeyFile, in the user's local data folder, mode 0600; never in a case, a
// report or a capture): the same Secret gives the same fingerprint across
// runs here, so two runs compare, while a report taken elsewhere cannot be
// used to guess weak secrets offline. Without a key file the key is random
// per process.
namespace SecretFingerprint {
// "secret:1a2b3c4d"
QString of(const QByteArray &value);
// $XDG_DATA_HOME/strata/secret-fingerprint.key (or ~/.local/share/…).
QString defaultKeyFile();
// Uses the key in `path`, creating it (32 random bytes, owner-only) if it does
// not exist. Returns why not, and keeps the current key, when it cannot.
QString useKeyFile(const QString &path);
// A PEM private key block ("-----BEGIN [RSA |EC |OPENSSH ]PRIVATE KEY-----")
// starts somewhere in `text`: secret wherever it appears, whatever the field.
bool containsPrivateKey(QByteArrayView text);
bool containsPrivateKey(QStringView text);
// Makes fingerprints reproducible (tests only).
void setKeyForTesting(const QByteArray &key);
} // namespace SecretFingerprint

} // namespace strata
