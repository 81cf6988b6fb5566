#pragma once

#include <QDateTime>
#include <QString>
#include <QStringList>

#include <cstdio>
#include <optional>
#include <vector>

namespace strata {

// One status sample of one endpoint. Compact (48 bytes): a week of 1 Hz
// samples of 5 endpoints is 3 million of them. Strings are indexes into
// the recording's tables.
struct EtcdSample
{
    static constexpr quint8 none = 255;
    qint64 timeMs = 0; // ms since the epoch, UTC
    quint64 raftIndex = 0;
    quint64 raftTerm = 0;
    qint64 revision = -1;
    quint32 applyLag = 0; // raftIndex − raftAppliedIndex (clamped)
    quint32 dbSizeKiB = 0;
    quint16 latencyMs = 0; // clamped at 65535
    quint16 error = 0; // 0: answered; else 1 + index into errors
    quint8 endpoint = 0; // index into endpoints
    quint8 member = none; // index into members (hex ids)
    quint8 leader = none; // index into members; none when it had no leader
    bool answered() const { return error == 0; }
};

// What a recording holds, read back (EtcdRecording::read).
struct EtcdRecordingData
{
    QString path;
    QDateTime started;
    int intervalMs = 0;
    QStringList endpoints;
    QStringList members; // hex ids, as etcdctl prints them
    QStringList errors;
    // In file order: each endpoint's in time order; endpoints polled at the
    // same tick may interleave a few milliseconds out of order.
    std::vector<EtcdSample> samples;
    qint64 firstMs = 0, lastMs = 0; // the earliest and latest sample times
    // How far any sample is earlier than one before it in the file (a few ms
    // between endpoints of one tick; more after a clock step or in a crafted
    // file): searches by time widen their bounds by it.
    qint64 maxDisorderMs = 0;
    std::vector<int> lines; // each sample's line in the file, for file:line in events
    int skippedLines = 0; // torn or malformed lines, skipped
    QString firstSkipped; // "file:line: why" for the first one
};

// A recording of etcd status samples, in the case folder: a text file that
// is only ever appended to, one line per sample, so a recording cut short
// (a crash, a full disk, kill -9) is readable up to its last whole line —
// a torn last line is skipped, nothing before it is lost.
//
//   # strata etcd recording 1
//   # started 2026-12-04T15:40:00.000Z every 1000 ms
//   E <tab> 0 <tab> https://10.0.0.5:2379
//   S <tab> time-ms <tab> endpoint <tab> member-hex <tab> term <tab> index <tab> applied
//     <tab> revision <tab> leader-hex <tab> db-bytes <tab> latency-ms <tab> error
//
// A sample that failed has only time, endpoint, latency and error. Values
// from the cluster are sanitised: no tab, newline or control character
// reaches the file.
namespace EtcdRecording {
constexpr int formatVersion = 1;

// One sample as the sampler took it, before it is written.
struct Reading
{
    qint64 timeMs = 0;
    int endpoint = 0;
    QString memberIdHex; // empty when the status did not answer
    quint64 raftTerm = 0;
    quint64 raftIndex = 0;
    quint64 raftAppliedIndex = 0;
    qint64 revision = -1;
    QString leaderIdHex; // empty: no leader
    quint64 dbSizeBytes = 0;
    qint64 latencyMs = -1;
    QString error; // empty when it answered
};

// Appends to a recording file: header and endpoints when it is new, then
// one whole line per sample, flushed at once.
class Writer
{
public:
    Writer() = default;
    ~Writer();
    Writer(const Writer &) = delete;
    Writer &operator=(const Writer &) = delete;

    // Creates `path` (never overwriting one that exists); the error says why not.
    bool create(
        const QString &path, const QStringList &endpoints, int intervalMs, const QDateTime &started, QString *error);
    bool append(const Reading &reading, QString *error);
    QString path() const { return m_path; }

private:
    std::FILE *m_file = nullptr;
    QString m_path;
};

QByteArray line(const Reading &reading); // the line written for a reading (with its '\n')
std::optional<EtcdRecordingData> read(const QString &path, QString *error);
// Parses a recording's bytes (for tests and the fuzzer); `path` names it in messages.
EtcdRecordingData parse(const QByteArray &bytes, const QString &path);
} // namespace EtcdRecording

} // namespace strata
