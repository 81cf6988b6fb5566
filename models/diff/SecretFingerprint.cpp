#include "SecretFingerprint.h"

#include <QMessageAuthenticationCode>
#include <QMutex>
#include <QRandomGenerator>

namespace strata::SecretFingerprint {

namespace {
QMutex keyMutex;

QByteArray &key()
{
    static QByteArray k = [] {
        QByteArray bytes(32, Qt::Uninitialized);
        QRandomGenerator::system()->generate(bytes.begin(), bytes.end());
        return bytes;
    }();
    return k;
}
} // namespace

QString of(const QByteArray &value)
{
    QByteArray k;
    {
        QMutexLocker lock(&keyMutex);
        k = key();
    }
    const QByteArray mac = QMessageAuthenticationCode::hash(value, k, QCryptographicHash::Sha256);
    return QStringLiteral("secret:") + QString::fromLatin1(mac.left(4).toHex());
}

void setKeyForTesting(const QByteArray &newKey)
{
    QMutexLocker lock(&keyMutex);
    key() = newKey;
}

} // namespace strata::SecretFingerprint
