// etcd recordings at the scale (a plain program: medians printed).
//  - A week of 1 Hz samples of 5 endpoints (3,024,000 lines, one election an
//    hour) read back: time and the memory the samples take (target ≤ 1 s,
//    ≤ 200 MB).
//  - The chart data built from it: per-member term steps, and each member's
//    raft index decimated to 2,000 bins (target: 1,000,000 samples ≤ 20 ms).
//  - The sampler at 1 Hz against a real 5-member etcd on 127.0.0.1 (etcd-server):
//    the CPU it uses, as a share of one core (target < 2 %).

#include "../tests/etcd/EtcdTestCluster.h"

#include "BenchData.h"
#include "case/CaseFileReader.h"
#include "etcd/EtcdRecording.h"
#include "itemmodels/TimelineChartData.h"
#include "live/EtcdSampler.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QThread>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <sys/resource.h>
#include <vector>

using namespace strata;
using BenchData::medianMs;

namespace {

double cpuSeconds()
{
    rusage u {};
    getrusage(RUSAGE_SELF, &u);
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

void writeWeek(const QString &path)
{
    QFile f(path);
    f.open(QIODevice::WriteOnly);
    QByteArray head = "# strata etcd recording 1\n# started 2026-11-27T00:00:00.000Z every 1000 ms\n";
    for (int e = 0; e < 5; ++e)
        head += "E\t" + QByteArray::number(e) + "\thttps://10.0.0." + QByteArray::number(e + 5) + ":2379\n";
    f.write(head);
    const qint64 start = 1795737600000; // 2026-11-27T00:00:00Z
    QByteArray chunk;
    quint64 index = 1000000;
    for (int s = 0; s < 7 * 86400; ++s) {
        const quint64 term = 2 + quint64(s / 3600);
        index += 7;
        for (int e = 0; e < 5; ++e) {
            EtcdRecording::Reading r;
            r.timeMs = start + qint64(s) * 1000 + e;
            r.endpoint = e;
            r.memberIdHex = QStringLiteral("%1e9e05c52164694d").arg(e);
            r.raftTerm = term;
            r.raftIndex = index;
            r.raftAppliedIndex = index - quint64(e);
            r.revision = qint64(index / 2);
            r.leaderIdHex = QStringLiteral("%1e9e05c52164694d").arg(int(term % 5));
            r.dbSizeBytes = 41000000;
            r.latencyMs = 2 + e;
            chunk += EtcdRecording::line(r);
        }
        if (chunk.size() > (1 << 22)) {
            f.write(chunk);
            chunk.clear();
        }
    }
    f.write(chunk);
}

long rssKiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    status.open(QIODevice::ReadOnly);
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLong();
    }
    return -1;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QTemporaryDir dir;
    const QString week = dir.filePath(QStringLiteral("week.tsv"));
    writeWeek(week);
    std::printf("week of 1 Hz x 5 endpoints: %.0f MB of text\n", double(QFile(week).size()) / 1e6);

    std::shared_ptr<const EtcdRecordingData> kept;
    const long before = rssKiB();
    const double load = medianMs([&] {
        QString error;
        kept = std::make_shared<const EtcdRecordingData>(*EtcdRecording::read(week, &error));
    });
    const long after = rssKiB();
    std::printf("read back: %.0f ms median of 5, %zu samples, %.0f MB of samples + lines, RSS +%.0f MB\n", load,
        kept->samples.size(),
        double(kept->samples.capacity() * sizeof(EtcdSample) + kept->lines.capacity() * sizeof(int)) / 1e6,
        double(after - before) / 1024.0);
    const double chart = medianMs([&] { TimelineChartData::build({}, {}, 2000, { kept }); });
    std::printf("chart data (per-member term steps and index decimated to 2000 bins, 3,024,000 samples): %.0f ms "
                "median of 5\n",
        chart);
    // A zoom redraws from the window alone: an hour of the week, and half of it.
    const TimelineChartData whole = TimelineChartData::build({}, {}, 2000, { kept });
    const qint64 first = kept->firstMs, last = kept->lastMs;
    const double hour = medianMs([&] {
        TimelineChartData::window(
            whole, {}, { kept }, 2000, first + (last - first) / 2, first + (last - first) / 2 + 3600000);
    });
    const double half = medianMs([&] {
        TimelineChartData::window(
            whole, {}, { kept }, 2000, first + (last - first) / 4, first + 3 * (last - first) / 4);
    });
    std::printf("chart data after a zoom (2000 bins): one hour of the week %.2f ms, half the week %.0f ms; medians "
                "of 5\n",
        hour, half);

    if (qEnvironmentVariableIsSet("STRATA_BENCH_NO_SAMPLER"))
        return 0;
    // The sampler against a real cluster.
    EtcdTestCluster cluster(5);
    QString error;
    if (!cluster.start(&error)) {
        std::printf("sampler CPU: skipped (%s)\n", qPrintable(error));
        return 0;
    }
    const QString casePath = dir.filePath(QStringLiteral("case.yaml"));
    QFile c(casePath);
    c.open(QIODevice::WriteOnly);
    c.write("strata: 1\nsources:\n  etcd:\n    endpoints: [" + cluster.clientUrls().join(QLatin1Char(',')).toUtf8()
        + "]\n    sample-every: 1s\n");
    c.close();
    const CaseFile caseFile = *CaseFileReader::readFile(casePath).caseFile;
    EtcdSampler sampler(caseFile);
    if (!sampler.start(&error)) {
        std::printf("sampler CPU: %s\n", qPrintable(error));
        return 1;
    }
    QThread::sleep(2); // past the first connections
    const double cpu0 = cpuSeconds();
    QElapsedTimer wall;
    wall.start();
    QThread::sleep(30);
    const double cpu = cpuSeconds() - cpu0;
    const double seconds = double(wall.elapsed()) / 1000.0;
    sampler.stop();
    std::printf("sampler at 1 Hz x %lld endpoints: %.2f %% of one core over %.0f s (%lld samples, %lld failed)\n",
        qlonglong(sampler.endpoints().size()), 100.0 * cpu / seconds, seconds, sampler.samplesWritten(),
        sampler.failedSamples());
    return 0;
}
