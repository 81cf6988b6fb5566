#include "SecretFingerprint.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMessageAuthenticationCode>
#include <QMutex>
#include <QRandomGenerator>
#include <QStandardPaths>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace strata::SecretFingerprint {

namespace {
QMutex keyMutex;

constexpr int keySize = 32;

QByteArray randomKey()
{
    QByteArray bytes(keySize, Qt::Uninitialized);
    QRandomGenerator::system()->generate(bytes.begin(), bytes.end());
    return bytes;
}

QByteArray &key()
{
    static QByteArray k = randomKey();
    return k;
}

QString systemError(const QString &path)
{
    return QStringLiteral("%1: %2").arg(path, QString::fromLocal8Bit(std::strerror(errno)));
}

// Creates the key file exclusively, owner-only from the first byte: no window
// in which another user could read it, no race with a second Strata.
QString createKeyFile(const QString &path, const QByteArray &bytes)
{
    const QByteArray name = QFile::encodeName(path);
    const int fd = ::open(name.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0)
        return errno == EEXIST ? QString() : systemError(path);
    const bool written = ::write(fd, bytes.constData(), size_t(bytes.size())) == bytes.size();
    const bool closed = ::close(fd) == 0;
    if (!written || !closed) {
        ::unlink(name.constData());
        return QStringLiteral("%1: could not write the key").arg(path);
    }
    return QString();
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

QString defaultKeyFile()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation)
        + QStringLiteral("/strata/secret-fingerprint.key");
}

QString useKeyFile(const QString &path)
{
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        return QStringLiteral("%1: cannot create the folder").arg(QFileInfo(path).absolutePath());
    if (const QString error = createKeyFile(path, randomKey()); !error.isEmpty())
        return error;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return QStringLiteral("%1: %2").arg(path, file.errorString());
    if ((file.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther)) != 0)
        file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner); // a key others can read is no key
    const QByteArray bytes = file.read(keySize + 1);
    if (bytes.size() != keySize)
        return QStringLiteral("%1: not a Strata key (%2 bytes, expected %3); fingerprints will not match other runs")
            .arg(path)
            .arg(bytes.size())
            .arg(keySize);
    QMutexLocker lock(&keyMutex);
    key() = bytes;
    return QString();
}

void setKeyForTesting(const QByteArray &newKey)
{
    QMutexLocker lock(&keyMutex);
    key() = newKey;
}

bool containsPrivateKey(QByteArrayView text)
{
    // "-----BEGIN ", a label of capitals, digits and spaces that ends in
    // "PRIVATE KEY", then "-----": RSA, EC, OPENSSH, ENCRYPTED and PKCS#8 keys.
    constexpr QByteArrayView begin("-----BEGIN ");
    if (!text.contains("PRIVATE KEY-----"))
        return false;
    for (qsizetype at = text.indexOf(begin); at >= 0; at = text.indexOf(begin, at + 1)) {
        const qsizetype labelStart = at + begin.size();
        qsizetype i = labelStart;
        for (; i < text.size() && i - labelStart < 64; ++i) {
            const char c = text.at(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ' '))
                break;
        }
        if (text.sliced(labelStart, i - labelStart).endsWith("PRIVATE KEY") && text.sliced(i).startsWith("-----"))
            return true;
    }
    return false;
}

bool containsPrivateKey(QStringView text)
{
    return text.contains(u"PRIVATE KEY-----") && containsPrivateKey(QByteArrayView(text.toUtf8()));
}

} // namespace strata::SecretFingerprint
