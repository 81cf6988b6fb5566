#pragma once

#include <QByteArray>
#include <QString>

namespace strata {

// Stands in for Secret values everywhere Strata shows or writes them: a short
// keyed hash, so two columns can be seen to hold the same or different values
// without revealing either. The key is random per process, so a fingerprint
// is useless outside the run that made it (no offline guessing of weak
// secrets from a report).
namespace SecretFingerprint {
// "secret:1a2b3c4d"
QString of(const QByteArray &value);
// Makes fingerprints reproducible (tests only).
void setKeyForTesting(const QByteArray &key);
} // namespace SecretFingerprint

} // namespace strata
