#include "EtcdRecording.h"

#include <QFile>
#include <QFileInfo>
#include <QHash>

#include <charconv>
#include <cstring>
#include <fcntl.h>
#include <string>
#include <string_view>
#include <unistd.h>

namespace strata::EtcdRecording {

namespace {

// No tab, newline or control character from a cluster reaches a line.
QByteArray field(const QString &text, int max = 300)
{
    QByteArray out = text.left(max).toUtf8();
    for (char &c : out) {
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
            c = ' ';
    }
    return out;
}

template<class T> bool number(std::string_view s, T &out)
{
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc() && end == s.data() + s.size();
}

// Member ids: a handful per recording, seen millions of times — compared
// as bytes in place, a QString made once per distinct id.
quint8 intern(std::vector<std::string> &seen, QStringList &table, std::string_view value, bool *full)
{
    if (value.empty())
        return EtcdSample::none;
    for (size_t i = 0; i < seen.size(); ++i) {
        if (seen[i] == value)
            return quint8(i);
    }
    if (seen.size() >= EtcdSample::none) {
        *full = true;
        return EtcdSample::none;
    }
    seen.emplace_back(value);
    table.append(QString::fromLatin1(value.data(), qsizetype(value.size())));
    return quint8(seen.size() - 1);
}

} // namespace

Writer::~Writer()
{
    if (m_file)
        std::fclose(m_file);
}

bool Writer::create(
    const QString &path, const QStringList &endpoints, int intervalMs, const QDateTime &started, QString *error)
{
    // O_EXCL: a recording is never written over; O_APPEND: every line goes at the end.
    const int fd
        = ::open(QFile::encodeName(path).constData(), O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC, 0644);
    if (fd < 0) {
        *error = QStringLiteral("%1: %2").arg(path, QString::fromLocal8Bit(std::strerror(errno)));
        return false;
    }
    const auto fail = [&](std::FILE *file) {
        *error = QStringLiteral("%1: %2").arg(path, QString::fromLocal8Bit(std::strerror(errno)));
        if (file)
            std::fclose(file);
        else
            ::close(fd);
        ::unlink(QFile::encodeName(path).constData()); // nothing half-made is left to be read later
        return false;
    };
    std::FILE *file = ::fdopen(fd, "a");
    if (!file)
        return fail(nullptr);
    QByteArray head = QByteArrayLiteral("# strata etcd recording ") + QByteArray::number(formatVersion) + '\n';
    head += "# started " + started.toUTC().toString(Qt::ISODateWithMs).toUtf8() + " every "
        + QByteArray::number(intervalMs) + " ms\n";
    for (qsizetype i = 0; i < endpoints.size(); ++i)
        head += "E\t" + QByteArray::number(i) + '\t' + field(endpoints.at(i)) + '\n';
    if (std::fwrite(head.constData(), 1, size_t(head.size()), file) != size_t(head.size()) || std::fflush(file) != 0)
        return fail(file);
    m_file = file;
    m_path = path;
    return true;
}

QByteArray line(const Reading &r)
{
    QByteArray out = "S\t" + QByteArray::number(r.timeMs) + '\t' + QByteArray::number(r.endpoint) + '\t';
    const QByteArray latency = QByteArray::number(r.latencyMs < 0 ? 0 : r.latencyMs);
    if (!r.error.isEmpty())
        return out + "\t\t\t\t\t\t\t" + latency + '\t' + field(r.error) + '\n';
    out += field(r.memberIdHex, 16) + '\t' + QByteArray::number(r.raftTerm) + '\t' + QByteArray::number(r.raftIndex)
        + '\t' + QByteArray::number(r.raftAppliedIndex) + '\t' + QByteArray::number(r.revision) + '\t'
        + field(r.leaderIdHex, 16) + '\t' + QByteArray::number(r.dbSizeBytes) + '\t' + latency + "\t\n";
    return out;
}

bool Writer::append(const Reading &reading, QString *error)
{
    const QByteArray bytes = line(reading);
    // One write of a whole line, flushed: a crash tears at most this line.
    if (!m_file || std::fwrite(bytes.constData(), 1, size_t(bytes.size()), m_file) != size_t(bytes.size())
        || std::fflush(m_file) != 0) {
        *error = QStringLiteral("%1: %2").arg(m_path, QString::fromLocal8Bit(std::strerror(errno)));
        return false;
    }
    return true;
}

EtcdRecordingData parse(const QByteArray &bytes, const QString &path)
{
    EtcdRecordingData out;
    out.path = path;
    std::vector<std::string> members;
    QHash<QString, int> errors;
    bool full = false;
    const char *p = bytes.constData();
    const char *const end = p + bytes.size();
    // One sample per line: reserved once from a count of lines, not grown by
    // doubling (a week is 3 million; counting is a memchr pass).
    size_t lineCount = 0;
    for (const char *q = p; (q = static_cast<const char *>(std::memchr(q, '\n', size_t(end - q)))); ++q)
        ++lineCount;
    out.samples.reserve(lineCount);
    out.lines.reserve(lineCount);
    int lineNumber = 0;
    const auto skip = [&](const char *why) {
        if (out.skippedLines++ == 0)
            out.firstSkipped = QStringLiteral("%1:%2: %3").arg(path).arg(lineNumber).arg(QString::fromLatin1(why));
    };
    std::string_view f[12];
    while (p < end) {
        ++lineNumber;
        const char *nl = static_cast<const char *>(std::memchr(p, '\n', size_t(end - p)));
        if (!nl) { // torn: the writer stopped inside this line
            skip("an unfinished last line (the recording was cut short)");
            break;
        }
        const std::string_view text(p, size_t(nl - p));
        p = nl + 1;
        if (text.empty())
            continue;
        if (text.front() == '#') {
            if (lineNumber == 2 && text.starts_with("# started ")) {
                const std::string_view rest = text.substr(10);
                const size_t space = rest.find(' ');
                out.started = QDateTime::fromString(
                    QString::fromLatin1(rest.data(), qsizetype(std::min(space, rest.size()))), Qt::ISODateWithMs);
                const size_t every = rest.find("every ");
                if (every != std::string_view::npos) {
                    std::string_view ms = rest.substr(every + 6);
                    ms = ms.substr(0, ms.find(' '));
                    number(ms, out.intervalMs);
                }
            }
            continue;
        }
        int n = 0;
        size_t start = 0;
        while (n < 12) {
            const size_t tab = text.find('\t', start);
            f[n++] = text.substr(start, tab == std::string_view::npos ? std::string_view::npos : tab - start);
            if (tab == std::string_view::npos)
                break;
            start = tab + 1;
        }
        if (f[0] == "E" && n == 3) {
            int index = -1;
            if (!number(f[1], index) || index != out.endpoints.size() || index >= EtcdSample::none) {
                skip("an endpoint line out of order, or past 254 endpoints");
                continue;
            }
            out.endpoints.append(QString::fromUtf8(f[2].data(), qsizetype(f[2].size())));
            continue;
        }
        if (f[0] != "S" || n != 12) {
            skip("not a sample line");
            continue;
        }
        EtcdSample s;
        int endpoint = 0;
        quint64 latency = 0;
        if (!number(f[1], s.timeMs) || !number(f[2], endpoint) || endpoint < 0 || endpoint >= out.endpoints.size()
            || !number(f[10], latency)) {
            skip("a sample with a bad time, endpoint or latency");
            continue;
        }
        s.endpoint = quint8(endpoint);
        s.latencyMs = quint16(std::min<quint64>(latency, 65535));
        if (!f[11].empty()) {
            const QString error = QString::fromUtf8(f[11].data(), qsizetype(f[11].size()));
            auto it = errors.constFind(error);
            if (it == errors.cend() && out.errors.size() < 65534) {
                out.errors.append(error);
                it = errors.insert(error, int(out.errors.size()));
            }
            s.error = quint16(it == errors.cend() ? 65535 : *it);
        } else {
            quint64 applied = 0, db = 0;
            if (!number(f[4], s.raftTerm) || !number(f[5], s.raftIndex) || !number(f[6], applied)
                || !number(f[7], s.revision) || !number(f[9], db) || f[3].empty()) {
                skip("a sample with a bad number");
                continue;
            }
            s.applyLag = quint32(std::min<quint64>(s.raftIndex > applied ? s.raftIndex - applied : 0, 0xffffffffu));
            s.dbSizeKiB = quint32(std::min<quint64>(db / 1024, 0xffffffffu));
            s.member = intern(members, out.members, f[3], &full);
            s.leader = intern(members, out.members, f[8], &full);
            if (f[8] == "0")
                s.leader = EtcdSample::none;
        }
        if (out.samples.empty() || s.timeMs < out.firstMs)
            out.firstMs = s.timeMs;
        if (!out.samples.empty()) // lastMs is the latest time so far: how far this one is behind it
            out.maxDisorderMs = std::max(out.maxDisorderMs, out.lastMs - s.timeMs);
        if (out.samples.empty() || s.timeMs > out.lastMs)
            out.lastMs = s.timeMs;
        out.samples.push_back(s);
        out.lines.push_back(lineNumber);
    }
    if (full)
        ++out.skippedLines; // more than 254 members: a hostile file, not a cluster
    return out;
}

std::optional<EtcdRecordingData> read(const QString &path, QString *error)
{
    // Mapped, not read: a week of 1 Hz samples of 5 endpoints is ~300 MB of
    // text that need not be held next to the samples made of it.
    const QFileInfo info(path);
    if (!info.isFile()) {
        *error = QStringLiteral("%1: %2").arg(
            path, info.exists() ? QStringLiteral("not a regular file") : QStringLiteral("not found"));
        return std::nullopt;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    const qint64 size = file.size();
    constexpr QByteArrayView magic("# strata etcd recording ");
    const uchar *mapped = size > 0 ? file.map(0, size) : nullptr;
    if (!mapped || !QByteArrayView(mapped, size).startsWith(magic)) {
        *error = QStringLiteral("%1: not a Strata etcd recording").arg(path);
        return std::nullopt;
    }
    EtcdRecordingData data = parse(QByteArray::fromRawData(reinterpret_cast<const char *>(mapped), size), path);
    file.unmap(const_cast<uchar *>(mapped));
    return data;
}

} // namespace strata::EtcdRecording
