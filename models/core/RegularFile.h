#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <functional>

namespace strata {

// Reading a file the user named, safely: only a regular file (after
// symlinks), never a device, FIFO or socket (those could block forever or
// never end: /dev/zero, a pipe nobody writes to); never more than a limit,
// checked before reading and while reading (the file may grow). Qt resources
// (":/…") are read as they are.
struct FileContents
{
    QByteArray bytes;
    QString error; // why not, for "path: error"; empty when bytes is the file
    bool truncated = false; // OverLimit::Truncate only: bytes is the first `limit` bytes

    bool ok() const { return error.isEmpty(); }
};

// 1 GiB per evidence file, or $STRATA_MAX_FILE_BYTES when set to a positive number.
qint64 evidenceReadLimit();

// What to do with a file larger than the limit: refuse it (an importer must
// not analyse half a file) or keep its first `limit` bytes (a viewer may).
enum class OverLimit { Refuse, Truncate };

FileContents readRegularFile(const QString &path, qint64 limit, OverLimit overLimit = OverLimit::Refuse);

// The same checks, with the file handed to `piece` a piece of at most
// `pieceSize` bytes at a time instead of held whole (a parser that reads as
// it goes). The error, or an empty string when every piece was given; a file
// past the limit stops with an error, after the pieces before it.
QString readRegularFileInPieces(
    const QString &path, qint64 limit, qsizetype pieceSize, const std::function<void(QByteArrayView)> &piece);

// Why a file of `size` bytes is not read under `limit`: every reader of
// files (on disk, in a git commit) says it the same way.
QString tooLargeMessage(qint64 size, qint64 limit);

// "1.0 GiB", "512 MiB", "8 MiB": limits the way messages say them.
QString formatLimit(qint64 bytes);

} // namespace strata
