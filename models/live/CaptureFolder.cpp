#include "CaptureFolder.h"

#include "core/RegularFile.h"

#include <QDir>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSaveFile>

namespace strata::CaptureFolder {

QString create(const QString &root, const QDateTime &time, QString *error)
{
    const QString stem = time.toUTC().toString(QStringLiteral("yyyyMMdd'T'HHmmss'Z'"));
    if (!QDir().mkpath(root)) {
        *error = QStringLiteral("%1: cannot create the captures folder").arg(root);
        return root + QLatin1Char('/') + stem;
    }
    // mkdir fails when the folder exists: two reads in one second never share one.
    for (int n = 1; n < 1000; ++n) {
        const QString folder = root + QLatin1Char('/') + stem + (n == 1 ? QString() : QStringLiteral("-%1").arg(n));
        if (QDir().mkdir(folder))
            return folder;
    }
    *error = QStringLiteral("%1: cannot create a capture folder").arg(root);
    return root + QLatin1Char('/') + stem;
}

QString writeFile(const QString &path, const QByteArray &bytes)
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return QStringLiteral("%1: %2").arg(path, f.errorString());
    f.write(bytes);
    if (!f.commit())
        return QStringLiteral("%1: %2").arg(path, f.errorString());
    return {};
}

std::optional<QJsonObject> readManifest(
    const QString &path, const QString &marker, int formatVersion, const QString &what, QString *error)
{
    constexpr qint64 maxManifestBytes = 64 * 1024 * 1024; // a few kilobytes per hundred objects
    const FileContents f = readRegularFile(path, maxManifestBytes);
    if (!f.ok()) {
        *error = QStringLiteral("%1: %2").arg(path, f.error);
        return std::nullopt;
    }
    QJsonParseError parseError;
    const QJsonObject root = QJsonDocument::fromJson(f.bytes, &parseError).object();
    if (parseError.error != QJsonParseError::NoError || !root.contains(marker)) {
        *error = parseError.error != QJsonParseError::NoError
            ? QStringLiteral("%1: byte %2: %3").arg(path).arg(parseError.offset).arg(parseError.errorString())
            : QStringLiteral("%1: not %2").arg(path, what);
        return std::nullopt;
    }
    if (root.value(marker).toInt() > formatVersion) {
        *error = QStringLiteral("%1: written by a newer Strata (format %2)").arg(path).arg(root.value(marker).toInt());
        return std::nullopt;
    }
    return root;
}

bool isInside(const QString &relativeFile)
{
    return !relativeFile.isEmpty() && !relativeFile.startsWith(QLatin1Char('/'))
        && !relativeFile.split(QLatin1Char('/')).contains(QStringLiteral(".."));
}

QString safeFileName(const QString &name)
{
    static const QRegularExpression unsafe(QStringLiteral("[^A-Za-z0-9_.-]+"));
    QString out = name;
    out.replace(unsafe, QStringLiteral("_"));
    if (out.isEmpty() || out.startsWith(QLatin1Char('.')))
        out.prepend(QLatin1Char('_'));
    return out.left(100);
}

} // namespace strata::CaptureFolder
