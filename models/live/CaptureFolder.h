#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace strata::CaptureFolder {

// A fresh folder under `root` named for the moment a read started (UTC),
// e.g. 20261204T114512Z, 20261204T114512Z-2 when two reads share a second.
// On failure `error` says why and the returned path does not exist.
QString create(const QString &root, const QDateTime &time, QString *error);
// Writes `bytes` atomically (a crash leaves the old file or none); the error, or "".
QString writeFile(const QString &path, const QByteArray &bytes);
// Reads a manifest: a JSON object whose `marker` key holds a format version
// this Strata reads (≤ `formatVersion`); the error says what and where.
std::optional<QJsonObject> readManifest(
    const QString &path, const QString &marker, int formatVersion, const QString &what, QString *error);
// A name made safe as one file name in a capture: runs of anything but
// ASCII letters, digits, '_', '.', '-' become '_', never a leading dot, at most 100 characters.
QString safeFileName(const QString &name);
// Whether a file a manifest names stays inside its capture folder.
bool isInside(const QString &relativeFile);

} // namespace strata::CaptureFolder
