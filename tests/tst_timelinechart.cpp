// The timeline chart's data at scale: a million events become at most one
// point per lane and bin, and no event is lost to the binning.
#include "StrataTestMain.h"

#include "history/EtcdRevisionTimes.h"
#include "itemmodels/TimelineChartData.h"
#include "itemmodels/TimelineZoom.h"

using namespace strata;

namespace {
TimelineEvent at(const QDateTime &time, const QString &source, const QString &term = {})
{
    TimelineEvent e;
    e.time = time;
    e.source = source;
    if (!term.isEmpty())
        e.fields.append({ QStringLiteral("term"), term });
    return e;
}
} // namespace

class TestTimelineChart : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void manyEventsBecomeOnePointPerBin()
    {
        const QDateTime start = QDateTime::fromString(QStringLiteral("2026-11-02T00:00:00Z"), Qt::ISODate);
        QList<TimelineEvent> events;
        constexpr int count = 200000;
        for (int i = 0; i < count; ++i) // one a day long, every 432 ms
            events.append(at(start.addMSecs(qint64(i) * 432), QStringLiteral("app")));
        events.append(at(start.addSecs(86400), QStringLiteral("etcd-1"))); // alone, at the very end
        events.append(TimelineEvent()); // undated: not on the chart
        const TimelineChartData data = TimelineChartData::build(events, {}, 1000);
        QCOMPARE(data.lanes, (QStringList { QStringLiteral("app"), QStringLiteral("etcd-1") }));
        QCOMPARE(data.datedEvents, count + 1);
        QVERIFY2(data.points.at(0).size() <= 1000, qPrintable(QString::number(data.points.at(0).size())));
        QVERIFY(data.points.at(0).size() >= 990); // the events cover every bin
        int counted = 0;
        for (int c : data.counts.at(0))
            counted += c;
        QCOMPARE(counted, count);
        QCOMPARE(data.points.at(1).size(), 1); // a lone event keeps its point
        QCOMPARE(data.points.at(1).first().x(), double(start.addSecs(86400).toMSecsSinceEpoch()));
        QCOMPARE(data.points.at(1).first().y(), 1.0);
        // Points are where their bin's first event is, in time order.
        QCOMPARE(data.points.at(0).first().x(), double(start.toMSecsSinceEpoch()));
        for (qsizetype i = 1; i < data.points.at(0).size(); ++i)
            QVERIFY(data.points.at(0).at(i).x() > data.points.at(0).at(i - 1).x());
    }

    void sparseEventsEachKeepTheirOwnPoint()
    {
        const QDateTime start = QDateTime::fromString(QStringLiteral("2026-11-02T00:00:00Z"), Qt::ISODate);
        QList<TimelineEvent> events;
        for (int i = 0; i < 50; ++i)
            events.append(at(start.addSecs(i * 3600), QStringLiteral("api")));
        const TimelineChartData data = TimelineChartData::build(events, {}, 1000);
        QCOMPARE(data.points.at(0).size(), 50);
    }

    void manySourcesShareTheLastLane()
    {
        const QDateTime start = QDateTime::fromString(QStringLiteral("2026-11-02T00:00:00Z"), Qt::ISODate);
        QList<TimelineEvent> events;
        for (int i = 0; i < 40; ++i)
            events.append(at(start.addSecs(i), QStringLiteral("pod-%1").arg(i)));
        const TimelineChartData data = TimelineChartData::build(events, {});
        QCOMPARE(data.lanes.size(), TimelineChartData::maxLanes);
        QCOMPARE(data.lanes.last(), TimelineChartData::otherSourcesLane());
        QCOMPARE(data.lanes.at(TimelineChartData::maxLanes - 2), QStringLiteral("pod-22"));
        int others = 0;
        for (int c : data.counts.last())
            others += c;
        QCOMPARE(others, 40 - (TimelineChartData::maxLanes - 1));
    }

    void theRaftTermIsAStepWhereItChanges()
    {
        const QDateTime start = QDateTime::fromString(QStringLiteral("2026-11-02T00:00:00Z"), Qt::ISODate);
        QList<TimelineEvent> events;
        const QStringList terms { QStringLiteral("5"), QStringLiteral("5"), QStringLiteral("5"), QStringLiteral("6"),
            QStringLiteral("6"), QStringLiteral("8") };
        for (int i = 0; i < terms.size(); ++i)
            events.append(at(start.addSecs(i * 60), QStringLiteral("etcd-0"), terms.at(i)));
        EtcdMemberSummary member;
        member.raftTerm = 9;
        const TimelineChartData data = TimelineChartData::build(events, { member });
        const auto x = [&](int minute) { return double(start.addSecs(minute * 60).toMSecsSinceEpoch()); };
        QCOMPARE(data.termSteps.size(), 5);
        QCOMPARE(data.termSteps.at(0), QPointF(x(0), 5));
        QCOMPARE(data.termSteps.at(1), QPointF(x(3), 5));
        QCOMPARE(data.termSteps.at(2), QPointF(x(3), 6));
        QCOMPARE(data.termSteps.at(3), QPointF(x(5), 6));
        QCOMPARE(data.termSteps.at(4), QPointF(x(5), 8));
        // Nothing invented: the term a pasted status reports is undated, not an election at the edge.
        QCOMPARE(data.reportedTerm, quint64(9));
        QVERIFY(!data.reportedAt.isValid());
        QCOMPARE(data.minTerm, quint64(5));
        QCOMPARE(data.maxTerm, quint64(9));
        // Read live: a fact at the time of the read.
        const QDateTime read = start.addSecs(600);
        QCOMPARE(TimelineChartData::build(events, { member }, 400, {}, read).reportedAt, read);
    }

    // Each recorded member's term: a step where its samples change, to its last sample.
    void recordedTermsAreStepsPerMember()
    {
        QByteArray bytes = "# strata etcd recording 1\n# started 2026-12-04T10:00:00.000Z every 1000 ms\n"
                           "E\t0\thttp://a:2379\nE\t1\thttp://b:2379\n";
        const auto sample = [](qint64 t, int e, const char *id, int term) -> QByteArray {
            return QByteArray("S\t") + QByteArray::number(t) + '\t' + QByteArray::number(e) + '\t' + id + '\t'
                + QByteArray::number(term) + "\t9\t9\t1\taa\t20480\t3\t\n";
        };
        for (int i = 0; i < 1000; ++i) { // a thousand samples each, one election in the middle
            bytes += sample(1000 + i * 1000, 0, "aa", i < 500 ? 4 : 5);
            bytes += sample(1000 + i * 1000, 1, "bb", i < 501 ? 4 : 5);
        }
        const auto recording
            = std::make_shared<const EtcdRecordingData>(EtcdRecording::parse(bytes, QStringLiteral("r.tsv")));
        const TimelineChartData data = TimelineChartData::build({}, {}, 400, { recording });
        QVERIFY(data.first.isValid());
        QCOMPARE(data.memberTerms.size(), 2);
        QCOMPARE(data.memberTerms.at(0).member, QStringLiteral("aa"));
        const QList<QPointF> a = data.memberTerms.at(0).steps;
        QCOMPARE(a.size(), 4); // start, the step (two points), the last sample: not 1000 points
        QCOMPARE(a.at(1), QPointF(501000, 4));
        QCOMPARE(a.at(2), QPointF(501000, 5));
        QCOMPARE(a.at(3), QPointF(1000000, 5));
        QCOMPARE(data.memberTerms.at(1).steps.at(1).x(), 502000.0); // b saw it a sample later
        QCOMPARE(data.minTerm, quint64(4));
        QCOMPARE(data.maxTerm, quint64(5));
    }

    // Raft indexes: decimated per bin to first/low/high/last, relative to the
    // lowest index, and a one-sample spike survives.
    void recordedIndexesAreDecimatedWithoutLosingAPeak()
    {
        QByteArray bytes = "# strata etcd recording 1\n# started 2026-12-04T10:00:00.000Z every 1000 ms\n"
                           "E\t0\thttp://a:2379\n";
        const int n = 100000;
        for (int i = 0; i < n; ++i) {
            const quint64 index = 5000000000ULL + quint64(i) + (i == 54321 ? 700 : 0); // one spike
            bytes += "S\t" + QByteArray::number(1000 + qint64(i) * 10) + "\t0\taa\t4\t" + QByteArray::number(index)
                + '\t' + QByteArray::number(index) + "\t1\taa\t20480\t3\t\n";
        }
        const auto recording
            = std::make_shared<const EtcdRecordingData>(EtcdRecording::parse(bytes, QStringLiteral("r.tsv")));
        const TimelineChartData data = TimelineChartData::build({}, {}, 400, { recording });
        QCOMPARE(data.memberIndexes.size(), 1);
        const QList<QPointF> &points = data.memberIndexes.first().steps;
        QVERIFY2(points.size() <= 4 * 401, qPrintable(QString::number(points.size())));
        QVERIFY(points.size() >= 400);
        QCOMPARE(data.indexBase, 5000000000ULL);
        QCOMPARE(points.first(), QPointF(1000, 0));
        QCOMPARE(points.last().y(), double(n - 1));
        // The spike is kept, exact (relative values stay small), at its own time.
        const QPointF spike(1000 + 54321 * 10, 54321 + 700);
        QVERIFY(points.contains(spike));
        QCOMPARE(data.maxIndexOffset, double(n - 1));
        for (qsizetype i = 1; i < points.size(); ++i)
            QVERIFY(points.at(i).x() >= points.at(i - 1).x()); // in time order
    }

    // Zooming in re-bins only the window: a fine line where the whole span
    // had one point per bin, the index base the lowest in the window, and
    // events outside it gone from the lanes.
    void aWindowIsBinnedAgainFromWhatItHolds()
    {
        QByteArray bytes = "# strata etcd recording 1\n# started 2026-12-04T10:00:00.000Z every 1000 ms\n"
                           "E\t0\thttp://a:2379\n";
        const int n = 100000;
        for (int i = 0; i < n; ++i)
            bytes += "S\t" + QByteArray::number(1000 + qint64(i) * 10) + "\t0\taa\t4\t" + QByteArray::number(700 + i)
                + '\t' + QByteArray::number(700 + i) + "\t1\taa\t20480\t3\t\n";
        const auto recording
            = std::make_shared<const EtcdRecordingData>(EtcdRecording::parse(bytes, QStringLiteral("r.tsv")));
        QList<TimelineEvent> events;
        for (int i = 0; i < 10; ++i) {
            TimelineEvent e;
            e.time = QDateTime::fromMSecsSinceEpoch(1000 + qint64(i) * 100000, Qt::UTC);
            e.source = QStringLiteral("etcd.log");
            events.append(e);
        }
        const TimelineChartData whole = TimelineChartData::build(events, {}, 100, { recording });
        // 2 s of the 1,000 s: 200 samples in 100 bins, where the whole span gave this window no point of its own.
        const qint64 from = 500000, to = 502000;
        const TimelineChartData zoomed = TimelineChartData::window(whole, events, { recording }, 100, from, to);
        QCOMPARE(zoomed.memberIndexes.size(), 1);
        const QList<QPointF> &line = zoomed.memberIndexes.first().steps;
        QVERIFY2(line.size() >= 150, qPrintable(QString::number(line.size())));
        for (const QPointF &p : line)
            QVERIFY(p.x() >= from && p.x() <= to);
        QCOMPARE(zoomed.indexBase, quint64(700 + (from - 1000) / 10)); // the lowest index in the window
        QCOMPARE(line.first().y(), 0.0);
        // One event at 501,000 is in the window; the other nine are not.
        QCOMPARE(zoomed.points.size(), 1);
        QCOMPARE(zoomed.points.first().size(), 1);
        QCOMPARE(zoomed.points.first().first().x(), 501000.0);
        // The whole span's binning is what it was.
        QCOMPARE(whole.points.first().size(), 10);
        QVERIFY(whole.memberIndexes.first().steps.size() <= 4 * 101);
    }

    // Endpoints of one tick are written a few ms out of order (and a clock
    // step makes it more): the window still holds exactly the samples inside it.
    void aWindowOfSamplesOutOfOrderHoldsExactlyThoseInside()
    {
        QByteArray bytes = "# strata etcd recording 1\n# started 2026-12-04T10:00:00.000Z every 1000 ms\n"
                           "E\t0\thttp://a:2379\nE\t1\thttp://b:2379\n";
        int inside = 0;
        for (int i = 0; i < 2000; ++i) {
            const qint64 t = 100000 + qint64(i) * 1000;
            // b's sample of the tick lands before a's, 7 ms earlier; at i == 1000 the clock steps back 30 s.
            const qint64 tb = t - 7 - (i >= 1000 && i < 1030 ? 30000 : 0);
            for (const auto &[endpoint, time] : { std::pair { 0, t }, std::pair { 1, tb } }) {
                bytes += "S\t" + QByteArray::number(time) + '\t' + QByteArray::number(endpoint) + '\t'
                    + (endpoint == 0 ? "aa" : "bb") + "\t4\t" + QByteArray::number(500 + i) + '\t'
                    + QByteArray::number(500 + i) + "\t1\taa\t20480\t3\t\n";
                inside += time >= 1070000 && time <= 1100000 ? 1 : 0;
            }
        }
        const auto recording
            = std::make_shared<const EtcdRecordingData>(EtcdRecording::parse(bytes, QStringLiteral("r.tsv")));
        QCOMPARE(recording->maxDisorderMs, qint64(30007));
        const TimelineChartData whole = TimelineChartData::build({}, {}, 100, { recording });
        // Fine bins, so every sample is its own point: their count is the samples inside.
        const TimelineChartData zoomed = TimelineChartData::window(whole, {}, { recording }, 100000, 1070000, 1100000);
        int points = 0;
        for (const TimelineChartData::MemberSteps &m : zoomed.memberIndexes) {
            for (const QPointF &p : m.steps) {
                QVERIFY(p.x() >= 1070000 && p.x() <= 1100000);
                ++points;
            }
        }
        QCOMPARE(points, inside);
    }

    // Who led, from the samples: a member a tick late to hear of an election
    // does not flip the band back, the leader stepping down ends its
    // interval (and a follower still naming it does not restart it); the
    // applied index is a line only for the member that lagged.
    void leaderBandsAndAppliedIndexFromARecording()
    {
        QByteArray bytes = "# strata etcd recording 1\n# started 2026-12-04T10:00:00.000Z every 1000 ms\n"
                           "E\t0\thttp://a:2379\nE\t1\thttp://b:2379\nE\t2\thttp://c:2379\n";
        const auto sample = [&bytes](qint64 t, int e, const char *id, int term, int applyLag, const char *leader) {
            bytes += "S\t" + QByteArray::number(t) + '\t' + QByteArray::number(e) + '\t' + id + '\t'
                + QByteArray::number(term) + "\t100\t" + QByteArray::number(100 - applyLag) + "\t7\t" + leader
                + "\t20480\t3\t\n";
        };
        for (int e = 0; e < 3; ++e)
            sample(1000, e, e == 0 ? "aa" : e == 1 ? "bb" : "cc", 4, 0, "aa");
        sample(2000, 0, "aa", 5, 0, "bb");
        sample(2000, 1, "bb", 5, 0, "bb");
        sample(2000, 2, "cc", 4, 0, "aa"); // late: still term 4
        for (int e = 0; e < 3; ++e)
            sample(3000, e, e == 0 ? "aa" : e == 1 ? "bb" : "cc", 5, e == 2 ? 10 : 0, "bb");
        sample(4000, 1, "bb", 5, 0, ""); // the leader steps down
        sample(4000, 0, "aa", 5, 0, "bb"); // a follower has not heard yet
        for (int e = 0; e < 3; ++e)
            sample(5000, e, e == 0 ? "aa" : e == 1 ? "bb" : "cc", 6, 0, "cc");
        const auto recording
            = std::make_shared<const EtcdRecordingData>(EtcdRecording::parse(bytes, QStringLiteral("r.tsv")));
        QCOMPARE(recording->skippedLines, 0);
        const TimelineChartData data = TimelineChartData::build({}, {}, 400, { recording });
        QList<std::tuple<qint64, qint64, QString, quint64>> spans;
        for (const TimelineChartData::LeaderSpan &s : data.leaderSpans)
            spans.append({ s.fromMs, s.toMs, s.leader, s.term });
        const QList<std::tuple<qint64, qint64, QString, quint64>> expected {
            { 1000, 2000, QStringLiteral("aa"), 4 },
            { 2000, 4000, QStringLiteral("bb"), 5 },
            { 4000, 5000, QString(), 5 },
            { 5000, 5000, QStringLiteral("cc"), 6 },
        };
        QCOMPARE(spans, expected);
        QCOMPARE(data.memberApplied.size(), 1);
        QCOMPARE(data.memberApplied.first().member, QStringLiteral("cc"));
        QCOMPARE(data.indexBase, 90u); // the applied line's low, so it is not cut off below the axis
        QVERIFY(data.memberApplied.first().steps.contains(QPointF(3000, 0)));
        const QStringList at3000 = TimelineChartData::readout(data, 3000);
        QVERIFY2(at3000.contains(QStringLiteral("leader: bb (term 5)")), qPrintable(at3000.join(QLatin1Char('|'))));
        QVERIFY2(at3000.contains(QStringLiteral("applied · cc: 90")), qPrintable(at3000.join(QLatin1Char('|'))));
        QVERIFY(TimelineChartData::readout(data, 4500).contains(QStringLiteral("no leader (term 5)")));
    }

    // Without a recording, the logs' dated elections say who led until the next one.
    void leaderBandsFromLoggedElections()
    {
        const QDateTime start(QDate(2026, 12, 4), QTime(10, 0), Qt::UTC);
        TimelineEvent first = at(start, QStringLiteral("raft"));
        first.text = QStringLiteral("a1 became leader at term 5");
        TimelineEvent echo = at(start.addSecs(1), QStringLiteral("raft"));
        echo.text = QStringLiteral("raft.node: b2 elected leader a1 at term 5");
        TimelineEvent second = at(start.addSecs(60), QStringLiteral("raft"));
        second.text = QStringLiteral("b2 became leader at term 6");
        TimelineEvent later = at(start.addSecs(600), QStringLiteral("app"));
        const TimelineChartData data = TimelineChartData::build({ first, echo, second, later }, {}, 400);
        QCOMPARE(data.leaderSpans.size(), 2);
        QCOMPARE(data.leaderSpans.at(0).leader, QStringLiteral("a1"));
        QCOMPARE(data.leaderSpans.at(0).fromMs, start.toMSecsSinceEpoch());
        QCOMPARE(data.leaderSpans.at(0).toMs, start.addSecs(60).toMSecsSinceEpoch());
        QCOMPARE(data.leaderSpans.at(1).leader, QStringLiteral("b2"));
        QCOMPARE(data.leaderSpans.at(1).toMs, start.addSecs(600).toMSecsSinceEpoch()); // to the chart's end
    }

    // A marker's tooltip: what its events said and where (file:line), the first few, then how many more.
    void aMarkerSaysWhatItStandsFor()
    {
        const QDateTime start(QDate(2026, 12, 4), QTime(10, 0), Qt::UTC);
        QList<TimelineEvent> events;
        for (int i = 0; i < 7; ++i) {
            TimelineEvent e = at(start.addMSecs(i), QStringLiteral("etcd"));
            e.text = QStringLiteral("slow fdatasync <%1>\nsecond line").arg(i);
            e.location = SourceLocation { QStringLiteral("etcd.log"), i + 1, 1 };
            events.append(e);
        }
        TimelineEvent other = at(start.addMSecs(3), QStringLiteral("app"));
        other.text = QStringLiteral("not in the etcd lane");
        events.insert(3, other);
        const TimelineChartData data = TimelineChartData::build(events, {}, 1);
        QCOMPARE(data.points.at(0).size(), 1);
        const QStringList lines
            = TimelineChartData::markerText(data, events, 0, start.toMSecsSinceEpoch()).split(QLatin1Char('\n'));
        QCOMPARE(lines.size(), 6);
        QCOMPARE(lines.first(), QStringLiteral("2026-12-04 10:00:00.000  etcd: slow fdatasync <0> (etcd.log:1:1)"));
        QVERIFY(lines.at(4).contains(QStringLiteral("etcd.log:5:1")));
        QCOMPARE(lines.last(), QStringLiteral("and 2 more in this marker's time bin"));
    }

    // When a revision was written: between the last sample below it and the first at or above it.
    void revisionsAreDatedBetweenTwoSamples()
    {
        QByteArray bytes = "# strata etcd recording 1\n# started 2026-12-04T10:00:00.000Z every 1000 ms\n"
                           "E\t0\thttp://a:2379\n";
        int t = 1000;
        for (const int revision : { 10, 10, 12, 15 }) {
            bytes += "S\t" + QByteArray::number(t) + "\t0\taa\t4\t100\t100\t" + QByteArray::number(revision)
                + "\taa\t20480\t3\t\n";
            t += 1000;
        }
        const auto recording
            = std::make_shared<const EtcdRecordingData>(EtcdRecording::parse(bytes, QStringLiteral("r.tsv")));
        const EtcdRevisionTimes times({ recording });
        QVERIFY(!times.of(10)); // written before the recording began
        QVERIFY(!times.of(16)); // after it ended
        QCOMPARE(times.of(11)->afterMs, 2000);
        QCOMPARE(times.of(11)->byMs, 3000);
        QCOMPARE(times.of(12)->byMs, 3000);
        QCOMPARE(times.of(13)->afterMs, 3000);
        QCOMPARE(times.of(13)->byMs, 4000);
        QCOMPARE(times.describe(13),
            QStringLiteral(" (written between 1970-01-01 00:00:03.000 and 00:00:04.000 UTC, by the etcd recording)"));
    }

    // The crosshair reads every line at the cursor: its last point at or before it.
    void theReadoutSaysEveryLineAtTheCursor()
    {
        TimelineChartData data;
        data.memberTerms.append(
            { QStringLiteral("aa"), { QPointF(1000, 4), QPointF(5000, 4), QPointF(5000, 5), QPointF(9000, 5) } });
        data.memberIndexes.append({ QStringLiteral("aa"), { QPointF(1000, 0), QPointF(6000, 40) } });
        data.indexBase = 1000000;
        QCOMPARE(TimelineChartData::readout(data, 4999),
            QStringList({ QStringLiteral("term · aa: 4"), QStringLiteral("index · aa: 1000000") }));
        QCOMPARE(TimelineChartData::readout(data, 7000),
            QStringList({ QStringLiteral("term · aa: 5"), QStringLiteral("index · aa: 1000040") }));
        QVERIFY(TimelineChartData::readout(data, 999).isEmpty()); // before anything was sampled: nothing invented
    }

    void zoomStaysInsideTheSpan()
    {
        TimelineZoom zoom;
        zoom.setSpan(0, 100000);
        QVERIFY(!zoom.isZoomed());
        zoom.zoomAt(25000, 0.5); // the point under the cursor stays where it is
        QCOMPARE(zoom.from, qint64(12500));
        QCOMPARE(zoom.to, qint64(62500));
        QVERIFY(zoom.isZoomed());
        zoom.pan(-1); // past the start: clamped, width kept
        QCOMPARE(zoom.from, qint64(0));
        QCOMPARE(zoom.to, qint64(50000));
        for (int i = 0; i < 100; ++i)
            zoom.zoomAt(10000, 0.5);
        QCOMPARE(zoom.to - zoom.from, TimelineZoom::minimumSpanMs); // never narrower than a second
        QVERIFY(zoom.from <= 10000 && zoom.to >= 10000);
        zoom.zoomAt(10000, 1e9); // out past the span: the whole span
        QVERIFY(!zoom.isZoomed());
        zoom.show(90000, 80000); // a range dragged right to left
        QCOMPARE(zoom.from, qint64(80000));
        QCOMPARE(zoom.to, qint64(90000));
        zoom.panBy(-5000); // a drag: the window moves by what the cursor moved
        QCOMPARE(zoom.from, qint64(75000));
        QCOMPARE(zoom.to, qint64(85000));
        zoom.reset();
        QCOMPARE(zoom.from, qint64(0));
        QCOMPARE(zoom.to, qint64(100000));
    }
};

STRATA_TEST_MAIN(TestTimelineChart)
#include "tst_timelinechart.moc"
