#include "RecordingImport.h"

#include "evidence/EntryImport.h"

#include <QHash>

#include <algorithm>
#include <numeric>

namespace strata::RecordingImport {

namespace {
constexpr auto source = "etcd recording";
} // namespace

QList<TimelineEvent> events(const EtcdRecordingData &r, const QString &shown)
{
    QList<TimelineEvent> out;
    const auto event = [&](size_t i, const char *level, const QString &text) {
        TimelineEvent e;
        e.time = QDateTime::fromMSecsSinceEpoch(r.samples[i].timeMs, Qt::UTC);
        e.source = QString::fromLatin1(source);
        e.level = QString::fromLatin1(level);
        e.text = text;
        e.location = SourceLocation { shown, r.lines[i], 1 };
        out.append(e);
        return &out.last();
    };
    const auto member = [&r](quint8 m) { return m == EtcdSample::none ? QStringLiteral("?") : r.members.value(m); };
    quint64 term = 0; // the highest term any member reported so far
    std::vector<int> answering(size_t(r.endpoints.size()), -1); // -1 unknown, 0 failing, 1 answering
    std::vector<quint64> leaderlessTerm(size_t(r.endpoints.size()), 0);
    // In time order: endpoints polled at one tick may be written a few ms out of order.
    std::vector<size_t> order(r.samples.size());
    std::iota(order.begin(), order.end(), size_t(0));
    std::stable_sort(
        order.begin(), order.end(), [&r](size_t a, size_t b) { return r.samples[a].timeMs < r.samples[b].timeMs; });
    for (const size_t i : order) {
        const EtcdSample &s = r.samples[i];
        const QString endpoint = r.endpoints.value(s.endpoint);
        int &was = answering[s.endpoint];
        if (!s.answered()) {
            if (was != 0)
                event(i, "warning",
                    QStringLiteral("%1 stopped answering: %2").arg(endpoint, r.errors.value(s.error - 1)));
            was = 0;
            continue;
        }
        if (was == 0)
            event(i, "info", QStringLiteral("%1 answers again (member %2)").arg(endpoint, member(s.member)));
        was = 1;
        if (s.raftTerm > term) {
            if (term != 0) { // the first term seen is where the recording starts, not an election
                TimelineEvent *e = event(i, "warning",
                    QStringLiteral("raft term %1 → %2: leader %3 (first reported by member %4 at %5)")
                        .arg(term)
                        .arg(s.raftTerm)
                        .arg(s.leader == EtcdSample::none ? QStringLiteral("none yet") : member(s.leader),
                            member(s.member), endpoint));
                e->fields.append({ QStringLiteral("term"), QString::number(s.raftTerm) });
            }
            term = s.raftTerm;
        }
        if (s.leader == EtcdSample::none && leaderlessTerm[s.endpoint] != s.raftTerm) {
            leaderlessTerm[s.endpoint] = s.raftTerm;
            event(i, "warning",
                QStringLiteral("member %1 at %2 has no leader (term %3)")
                    .arg(member(s.member), endpoint)
                    .arg(s.raftTerm));
        }
    }
    return out;
}

void importRecording(const QString &resolvedPath, const QString &shown, EvidenceSet &set, ImportedEvidence &out)
{
    QString error;
    auto data = EtcdRecording::read(resolvedPath, &error);
    if (!data) {
        out.diagnostics.append(Diagnostic::error(shown, 0, 0, error));
        return;
    }
    if (data->skippedLines > 0)
        out.diagnostics.append(Diagnostic::warning(shown, 0, 0,
            QStringLiteral("%1 skipped (the first: %2)")
                .arg(plural(data->skippedLines, QStringLiteral("line"), QStringLiteral("lines")), data->firstSkipped)));
    set.events += events(*data, shown);
    qsizetype failed = 0;
    for (const EtcdSample &s : data->samples)
        failed += s.answered() ? 0 : 1;
    out.loaded = !data->samples.empty();
    out.summary = QStringLiteral("%1 of %2")
                      .arg(plural(qsizetype(data->samples.size()), QStringLiteral("sample"), QStringLiteral("samples")),
                          plural(data->endpoints.size(), QStringLiteral("endpoint"), QStringLiteral("endpoints")));
    if (!data->samples.empty())
        out.summary += QStringLiteral(", %1 to %2")
                           .arg(QDateTime::fromMSecsSinceEpoch(data->firstMs, Qt::UTC)
                                    .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")),
                               QDateTime::fromMSecsSinceEpoch(data->lastMs, Qt::UTC)
                                   .toString(QStringLiteral("HH:mm:ss 'UTC'")));
    if (failed)
        out.summary += QStringLiteral("; %1 without an answer").arg(failed);
    set.recordings.append(std::make_shared<const EtcdRecordingData>(std::move(*data)));
}

} // namespace strata::RecordingImport
