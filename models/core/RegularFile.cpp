#include "RegularFile.h"

#include <QFile>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace strata {

namespace {
QString kindOf(mode_t mode)
{
    if (S_ISDIR(mode))
        return QStringLiteral("a folder");
    if (S_ISFIFO(mode))
        return QStringLiteral("a FIFO");
    if (S_ISSOCK(mode))
        return QStringLiteral("a socket");
    if (S_ISCHR(mode) || S_ISBLK(mode))
        return QStringLiteral("a device");
    return QStringLiteral("not a regular file");
}

FileContents readResource(const QString &path, qint64 limit, OverLimit overLimit)
{
    FileContents out;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        out.error = f.errorString();
    } else if (f.size() > limit && overLimit == OverLimit::Refuse) {
        out.error = tooLargeMessage(f.size(), limit);
    } else {
        // A resource knows its size: read that, not `limit` — QIODevice::read
        // allocates its argument first (1 GiB per file, which under ASan cost
        // seconds per embedded evidence file).
        const qint64 size = f.size();
        out.bytes = size >= 0 && size <= limit ? f.readAll() : f.read(limit);
        out.truncated = size > limit;
    }
    return out;
}
} // namespace

qint64 evidenceReadLimit()
{
    bool ok = false;
    const qint64 configured = qEnvironmentVariable("STRATA_MAX_FILE_BYTES").toLongLong(&ok);
    return ok && configured > 0 ? configured : qint64(1) << 30;
}

QString tooLargeMessage(qint64 size, qint64 limit)
{
    return QStringLiteral(
        "%1 bytes is more than Strata reads from one file (%2; set STRATA_MAX_FILE_BYTES to change it)")
        .arg(size)
        .arg(formatLimit(limit));
}

QString formatLimit(qint64 bytes)
{
    if (bytes >= (qint64(1) << 30) && bytes % (qint64(1) << 30) == 0)
        return QStringLiteral("%1 GiB").arg(bytes >> 30);
    if (bytes >= (qint64(1) << 20) && bytes % (qint64(1) << 20) == 0)
        return QStringLiteral("%1 MiB").arg(bytes >> 20);
    return QStringLiteral("%1 bytes").arg(bytes);
}

namespace {

// Opens `path` for reading if it is a regular file (-1 and `*error` if not),
// blocking reads from then on; `*size` is its size when opened.
int openRegularFile(const QString &path, qint64 limit, OverLimit overLimit, qint64 *size, QString *error)
{
    // O_NONBLOCK: opening a FIFO must not wait for a writer; the type is
    // checked on the open descriptor, so nothing can be swapped in between.
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        *error = QString::fromLocal8Bit(std::strerror(errno));
        return -1;
    }
    struct stat st
    {
    };
    if (::fstat(fd, &st) != 0) {
        *error = QString::fromLocal8Bit(std::strerror(errno));
        ::close(fd);
        return -1;
    }
    if (!S_ISREG(st.st_mode)) {
        *error = QStringLiteral("%1, not a regular file: Strata reads only regular files").arg(kindOf(st.st_mode));
        ::close(fd);
        return -1;
    }
    if (qint64(st.st_size) > limit && overLimit == OverLimit::Refuse) {
        *error = tooLargeMessage(qint64(st.st_size), limit);
        ::close(fd);
        return -1;
    }
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    *size = qint64(st.st_size);
    return fd;
}

// Reads an open file to its end a piece of at most `pieceSize` bytes at a
// time, handing over no more than `limit` bytes in all. `*over` is the size
// the file reached past the limit (it grew while being read), else 0. The
// error, or an empty string.
QString readPieces(
    int fd, qint64 limit, qsizetype pieceSize, const std::function<void(QByteArrayView)> &piece, qint64 *over)
{
    QByteArray buffer(std::max<qsizetype>(pieceSize, 1), Qt::Uninitialized);
    qint64 total = 0;
    *over = 0;
    for (;;) {
        const ssize_t n = ::read(fd, buffer.data(), size_t(buffer.size()));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return QString::fromLocal8Bit(std::strerror(errno));
        if (n == 0)
            return {};
        if (total + n > limit) {
            piece(QByteArrayView(buffer.constData(), qsizetype(limit - total)));
            *over = total + n;
            return {};
        }
        total += n;
        piece(QByteArrayView(buffer.constData(), qsizetype(n)));
    }
}

} // namespace

QString readRegularFileInPieces(
    const QString &path, qint64 limit, qsizetype pieceSize, const std::function<void(QByteArrayView)> &piece)
{
    if (path.startsWith(QLatin1Char(':'))) {
        const FileContents whole = readResource(path, limit, OverLimit::Refuse);
        if (whole.ok())
            piece(whole.bytes);
        return whole.error;
    }
    QString error;
    qint64 size = 0;
    const int fd = openRegularFile(path, limit, OverLimit::Refuse, &size, &error);
    if (fd < 0)
        return error;
    qint64 over = 0;
    error = readPieces(fd, limit, pieceSize, piece, &over);
    ::close(fd);
    if (error.isEmpty() && over > 0)
        error = tooLargeMessage(over, limit);
    return error;
}

FileContents readRegularFile(const QString &path, qint64 limit, OverLimit overLimit)
{
    if (path.startsWith(QLatin1Char(':')))
        return readResource(path, limit, overLimit);
    FileContents out;
    qint64 size = 0;
    const int fd = openRegularFile(path, limit, overLimit, &size, &out.error);
    if (fd < 0)
        return out;
    out.bytes.reserve(qsizetype(std::min<qint64>(size, limit)));
    qint64 over = 0;
    out.error = readPieces(
        fd, limit, 1 << 16, [&out](QByteArrayView piece) { out.bytes.append(piece); }, &over);
    ::close(fd);
    if (out.error.isEmpty() && over > 0) { // larger than the limit, or grew while being read
        if (overLimit == OverLimit::Truncate) {
            out.truncated = true;
        } else {
            out.error = tooLargeMessage(over, limit);
        }
    }
    if (!out.error.isEmpty())
        out.bytes.clear();
    return out;
}

} // namespace strata
