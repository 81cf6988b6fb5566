// The whole analysis on the reference case, checked against what
// ../shared/reference-case/EXPECTED.md says a good investigation concludes,
// with evidence pointing at the right lines; and on a second case with other
// names, formats and an unhealthy etcd (tests/investigation/data/payments).
#include "StrataTestMain.h"
#include "TestFiles.h"

#include "case/CaseFileReader.h"
#include "etcd/EtcdctlParser.h"
#include "investigation/Analyzer.h"
#include "investigation/Verdict.h"
#include "output/AnalysisJson.h"
#include "output/AnalysisMarkdown.h"
#include "output/CompactJson.h"
#include "output/MarkdownText.h"
#include "rules/ApplicationRules.h"
#include "rules/EtcdRules.h"
#include "rules/LeaderChangeRate.h"
#include "rules/LeaderElections.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <nlohmann/json.hpp>

using namespace strata;

namespace {

AnalysisResult analyzeCase(const QString &path)
{
    const auto read = CaseFileReader::readFile(path);
    if (!read.caseFile)
        qFatal("cannot read %s", qPrintable(path));
    return Analyzer::analyze(*read.caseFile);
}

const ResourceDiff *resource(const AnalysisResult &r, const QString &id)
{
    for (const ResourceDiff &d : r.resources) {
        if (d.id.toString() == id)
            return &d;
    }
    return nullptr;
}

const FieldDiff *field(const ResourceDiff &d, const QString &path)
{
    for (const FieldDiff &f : d.fields) {
        if (f.path == path)
            return &f;
    }
    return nullptr;
}

QList<const Finding *> findingsWithId(const AnalysisResult &r, const char *id)
{
    QList<const Finding *> out;
    for (const Finding &f : r.findings) {
        if (f.id == QLatin1String(id))
            out.append(&f);
    }
    return out;
}

bool citesLine(const Finding &f, const QString &fileSuffix, int line)
{
    for (const EvidenceRef &e : f.evidence) {
        if (e.location.file.endsWith(fileSuffix) && e.location.line == line)
            return true;
    }
    return false;
}

QString describe(const Finding &f)
{
    QStringList lines { f.id + QStringLiteral(": ") + f.title };
    for (const EvidenceRef &e : f.evidence)
        lines.append(QStringLiteral("  ") + e.location.toString() + QStringLiteral(" ") + e.quote);
    return lines.join(QLatin1Char('\n'));
}

} // namespace

class TestAnalysis : public QObject
{
    Q_OBJECT

    AnalysisResult reference;

private Q_SLOTS:
    void initTestCase()
    {
        reference = analyzeCase(QStringLiteral(STRATA_SHARED_DIR "/reference-case/case.yaml"));
        for (const Diagnostic &d : reference.diagnostics)
            qInfo().noquote() << d.toString();
    }

    void everyEvidenceFileLoads()
    {
        QCOMPARE(reference.evidence.size(), 7);
        for (const ImportedEvidence &e : reference.evidence)
            QVERIFY2(e.loaded, qPrintable(e.entry.path + QStringLiteral(": ") + e.summary));
        QCOMPARE(reference.evidence.at(0).kind, EvidenceKind::Etcdctl);
        QCOMPARE(reference.evidence.at(1).kind, EvidenceKind::Kubectl);
        QCOMPARE(reference.evidence.at(3).kind, EvidenceKind::Prometheus);
        QCOMPARE(reference.evidence.at(4).kind, EvidenceKind::Log);
        QCOMPARE(reference.evidence.at(5).kind, EvidenceKind::TerraformCode);
        QCOMPARE(reference.evidence.at(6).kind, EvidenceKind::TerraformState);
        QVERIFY2(!hasErrors(reference.diagnostics), qPrintable(reference.diagnostics.value(0).toString()));
    }

    void fieldsAndStatusesAsExpected()
    {
        const ResourceDiff *d = resource(reference, QStringLiteral("configmap/platform/feature-flags"));
        QVERIFY(d);
        QVERIFY(d->investigated);
        struct Row
        {
            const char *path, *code, *state, *live, *replica;
            QStringList statuses;
        };
        const QList<Row> rows = {
            { "data.enable_new_checkout", "false", "false", "true", "false",
                { QStringLiteral("drift"), QStringLiteral("stale") } },
            { "data.max_cart_items", "25", "25", "50", "25", { QStringLiteral("drift"), QStringLiteral("stale") } },
            { "data.enable_dark_mode", "true", "true", "true", "true", { QStringLiteral("same") } },
        };
        for (const Row &row : rows) {
            const FieldDiff *f = field(*d, QString::fromLatin1(row.path));
            QVERIFY2(f, row.path);
            QCOMPARE(f->cell(Column::Code).value.text, QString::fromLatin1(row.code));
            QCOMPARE(f->cell(Column::State).value.text, QString::fromLatin1(row.state));
            QCOMPARE(f->cell(Column::Live).value.text, QString::fromLatin1(row.live));
            QCOMPARE(f->cell(Column::Replica).value.text, QString::fromLatin1(row.replica));
            QCOMPARE(f->statusNames(), row.statuses);
        }
        // Values point at their own lines.
        QCOMPARE(field(*d, QStringLiteral("data.enable_new_checkout"))->cell(Column::Live).value.location.line(), 9);
        QCOMPARE(field(*d, QStringLiteral("data.enable_new_checkout"))->cell(Column::Code).value.location.line(), 8);
        QCOMPARE(field(*d, QStringLiteral("data.max_cart_items"))->cell(Column::State).value.location.line(), 52);
        // Nothing but the data keys disagrees once bookkeeping is set aside.
        for (const FieldDiff &f : d->fields) {
            if (!f.noise && f.isDifference())
                QVERIFY2(f.path.startsWith(QStringLiteral("data.")),
                    qPrintable(f.path + QStringLiteral(" ") + f.statusNames().join(QLatin1Char(','))));
        }
    }

    void identities()
    {
        const ResourceDiff *d = resource(reference, QStringLiteral("configmap/platform/feature-flags"));
        QCOMPARE(d->identity(Column::Live).resourceVersion, QStringLiteral("289102"));
        QCOMPARE(d->identity(Column::Replica).resourceVersion, QStringLiteral("288847"));
        QCOMPARE(d->identity(Column::State).resourceVersion, QStringLiteral("288847"));
        QCOMPARE(d->identity(Column::State).stateSerial, 112);
        QCOMPARE(d->identity(Column::State).stateLineage, QStringLiteral("7c1e0d2a-5b3f-4e8a-9c6d-1f2e3a4b5c6d"));
        QCOMPARE(d->identity(Column::Code).location.line, 1);
        QVERIFY(d->identity(Column::Code).location.file.endsWith(QStringLiteral("feature-flags.tf")));
    }

    void expectedFindings()
    {
        const auto drift = findingsWithId(reference, "live-drift");
        QCOMPARE(drift.size(), 1);
        const Finding &d = *drift.first();
        QVERIFY(d.severity == Severity::High || d.severity == Severity::Critical);
        QCOMPARE(d.paths,
            (QStringList { QStringLiteral("data.enable_new_checkout"), QStringLiteral("data.max_cart_items") }));
        QVERIFY2(citesLine(d, QStringLiteral("feature-flags.live.yaml"), 9), qPrintable(describe(d)));
        QVERIFY2(citesLine(d, QStringLiteral("feature-flags.live.yaml"), 11), qPrintable(describe(d)));
        QVERIFY2(citesLine(d, QStringLiteral("terraform.tfstate"), 51), qPrintable(describe(d)));
        QVERIFY(d.detail.contains(QStringLiteral("289102")) && d.detail.contains(QStringLiteral("288847")));

        const auto revert = findingsWithId(reference, "revert-risk");
        QCOMPARE(revert.size(), 1);
        QVERIFY(revert.first()->severity == Severity::High || revert.first()->severity == Severity::Critical);
        QVERIFY2(revert.first()->detail.contains(QStringLiteral("data.enable_new_checkout \"true\" → \"false\"")),
            qPrintable(revert.first()->detail));
        QVERIFY(revert.first()->detail.contains(QStringLiteral("data.max_cart_items \"50\" → \"25\"")));
        QVERIFY(citesLine(*revert.first(), QStringLiteral("feature-flags.tf"), 8));

        const auto stale = findingsWithId(reference, "stale-replica");
        QCOMPARE(stale.size(), 1);
        QCOMPARE(stale.first()->severity, Severity::High);
        QVERIFY(stale.first()->title.contains(QStringLiteral("255 revisions behind")));
        QVERIFY(stale.first()->detail.contains(QStringLiteral("exactly the version recorded in Terraform state")));
        QVERIFY(citesLine(*stale.first(), QStringLiteral("feature-flags.replica.yaml"), 9));

        const auto observed = findingsWithId(reference, "app-observed-value");
        QCOMPARE(observed.size(), 1);
        const Finding &o = *observed.first();
        QCOMPARE(o.paths, QStringList { QStringLiteral("data.enable_new_checkout") });
        QVERIFY2(o.detail.contains(QStringLiteral("2024-12-15T09:45:02Z")), qPrintable(o.detail));
        QVERIFY(o.detail.contains(QStringLiteral("matches live")));
        QVERIFY(o.detail.contains(QStringLiteral("not code")));
        QVERIFY(citesLine(o, QStringLiteral("events.log"), 3));
        QVERIFY2(citesLine(o, QStringLiteral("metrics.prom"), 15), qPrintable(describe(o)));

        const auto churn = findingsWithId(reference, "leader-churn");
        QCOMPARE(churn.size(), 1);
        QVERIFY(churn.first()->severity == Severity::Medium || churn.first()->severity == Severity::High);
        QVERIFY(churn.first()->title.contains(QStringLiteral("12")));
        QVERIFY2(churn.first()->detail.contains(QStringLiteral("term 46"))
                && churn.first()->detail.contains(QStringLiteral("term 47")),
            qPrintable(churn.first()->detail));
        QVERIFY(citesLine(*churn.first(), QStringLiteral("metrics.prom"), 5));
        QVERIFY(citesLine(*churn.first(), QStringLiteral("events.log"), 1));

        const auto failed = findingsWithId(reference, "failed-proposals");
        QCOMPARE(failed.size(), 1);
        QCOMPARE(failed.first()->severity, Severity::Medium);
        QVERIFY(failed.first()->detail.contains(QStringLiteral("847"))
            && failed.first()->detail.contains(QStringLiteral("289,341")));
        QVERIFY(citesLine(*failed.first(), QStringLiteral("metrics.prom"), 12));

        QVERIFY(findingsWithId(reference, "raft-divergence").isEmpty());
        QVERIFY(findingsWithId(reference, "member-unhealthy").isEmpty());
        QVERIFY(findingsWithId(reference, "pending-change").isEmpty());
        QVERIFY(findingsWithId(reference, "missing-resource").isEmpty());
        QCOMPARE(findingsWithId(reference, "etcd-consistent").size(), 1);
    }

    void etcdMembersAndTimeline()
    {
        QCOMPARE(reference.etcdMembers.size(), 3);
        int leaders = 0;
        for (const EtcdMemberSummary &m : reference.etcdMembers) {
            QCOMPARE(m.raftTerm, 47u);
            QCOMPARE(m.raftIndex, 289341u);
            leaders += m.isLeader ? 1 : 0;
        }
        QCOMPARE(leaders, 1);
        QCOMPARE(reference.etcdMembers.at(1).id, QStringLiteral("3a57933972cb8131"));
        QVERIFY(reference.timeline.size() >= 3);
        for (qsizetype i = 1; i < reference.timeline.size(); ++i) {
            if (reference.timeline.at(i).time.isValid())
                QVERIFY(reference.timeline.at(i - 1).time <= reference.timeline.at(i).time);
        }
    }

    void reconstructAndPropose()
    {
        QStringList kinds;
        for (const Component &c : reference.components)
            kinds.append(c.kind);
        for (const char *k :
            { "etcd-cluster", "etcd-member", "api-context", "terraform-stack", "kubernetes-object", "application" })
            QVERIFY2(kinds.contains(QString::fromLatin1(k)), k);
        QVERIFY(!reference.relations.isEmpty());
        QVERIFY(!reference.proposals.isEmpty());
        // Checks come before changes.
        bool seenChange = false;
        for (const Proposal &p : reference.proposals) {
            if (p.kind == QLatin1String("change"))
                seenChange = true;
            else
                QVERIFY2(!seenChange, qPrintable(p.text));
        }
    }

    void jsonFollowsTheSchema()
    {
        const QJsonDocument doc = QJsonDocument::fromJson(AnalysisJson::write(reference));
        QVERIFY(doc.isObject());
        const QJsonObject root = doc.object();
        QCOMPARE(root.value(QStringLiteral("strata")).toInt(), 2);
        for (const char *key : { "case", "evidence", "resources", "etcd", "metrics", "timeline", "components",
                 "relations", "findings", "proposals" })
            QVERIFY2(root.contains(QString::fromLatin1(key)), key);
        const QJsonObject r = root.value(QStringLiteral("resources")).toArray().first().toObject();
        QCOMPARE(r.value(QStringLiteral("id")).toString(), QStringLiteral("configmap/platform/feature-flags"));
        bool sawDrift = false;
        for (const QJsonValue &f : r.value(QStringLiteral("fields")).toArray()) {
            const QJsonObject fo = f.toObject();
            if (fo.value(QStringLiteral("path")).toString() == QLatin1String("data.max_cart_items")) {
                QCOMPARE(fo.value(QStringLiteral("live")).toString(), QStringLiteral("50"));
                QCOMPARE(fo.value(QStringLiteral("statuses")).toArray().first().toString(), QStringLiteral("drift"));
                sawDrift = true;
            }
        }
        QVERIFY(sawDrift);
        // Schema 2: a location is file, line and column (no "text" that repeats them).
        const QJsonObject firstField = r.value(QStringLiteral("fields")).toArray().first().toObject();
        const QJsonObject liveAt
            = firstField.value(QStringLiteral("locations")).toObject().value(QStringLiteral("live")).toObject();
        QCOMPARE(
            liveAt.keys(), (QStringList { QStringLiteral("column"), QStringLiteral("file"), QStringLiteral("line") }));
        QVERIFY(liveAt.value(QStringLiteral("line")).toInt() > 0);
        QCOMPARE(root.value(QStringLiteral("etcd")).toObject().value(QStringLiteral("members")).toArray().size(), 3);
        // The secret's value never leaves the analysis.
        const QByteArray json = AnalysisJson::write(reference);
        QVERIFY(!json.contains("super-secret-value"));
        QVERIFY(!AnalysisMarkdown::write(reference).contains("super-secret-value"));
    }

    void compactJsonEscapesStringsLikeNlohmann_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("plain") << QStringLiteral("feature-flags");
        QTest::newRow("quotes and backslashes") << QStringLiteral("say \"hi\" \\ C:\\tmp");
        QTest::newRow("named escapes") << QStringLiteral("a\bb\fc\nd\re\tf");
        QString controls;
        for (char16_t c = 0; c < 0x20; ++c)
            controls.append(QChar(c));
        controls.append(QChar(0x7f));
        controls.append(QChar(0x9b)); // C1 CSI
        QTest::newRow("every control character") << controls;
        QTest::newRow("non-ASCII") << QStringLiteral("größe ✓ 日本 \U0001F680");
        QTest::newRow("lone surrogate") << (QStringLiteral("x") + QChar(0xD800) + QStringLiteral("y"));
        QTest::newRow("empty") << QString();
    }

    // The resources are written by CompactJson, the rest by nlohmann: a value
    // from evidence must come out the same in either part of the document.
    void compactJsonEscapesStringsLikeNlohmann()
    {
        QFETCH(QString, text);
        QByteArray ours;
        CompactJson::appendString(ours, text);
        const std::string theirs
            = nlohmann::json(text.toStdString()).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        QCOMPARE(ours, QByteArray::fromStdString(theirs));
        QCOMPARE(
            QJsonDocument::fromJson("[" + ours + "]").array().first().toString(), QString::fromUtf8(text.toUtf8()));
    }

    void aSecondCaseWithOtherNamesAndShapes()
    {
        const AnalysisResult r = analyzeCase(QStringLiteral(STRATA_TEST_SOURCE_DIR "/data/payments/case.yaml"));
        for (const ImportedEvidence &e : r.evidence)
            QVERIFY2(e.loaded, qPrintable(e.entry.path + QStringLiteral(": ") + e.summary));
        const ResourceDiff *limits = resource(r, QStringLiteral("configmap/payments/limits"));
        QVERIFY(limits);
        QVERIFY(limits->investigated);
        QCOMPARE(field(*limits, QStringLiteral("data.rate_limit"))->cell(Column::Code).value.text,
            QStringLiteral("25")); // from tfvars
        QCOMPARE(
            field(*limits, QStringLiteral("data.rate_limit"))->statusNames(), QStringList { QStringLiteral("drift") });
        const FieldDiff *timeout = field(*limits, QStringLiteral("data[\"app.json\"].timeout_ms"));
        QVERIFY2(timeout, "a JSON value in a ConfigMap is compared as sub-paths");
        QCOMPARE(timeout->cell(Column::Live).value.text, QStringLiteral("800"));
        QCOMPARE(timeout->cell(Column::Code).value.text, QStringLiteral("500"));
        QVERIFY(field(*limits, QStringLiteral("data[\"app.json\"].retries"))->has(FieldStatus::Same));
        QVERIFY(field(*limits, QStringLiteral("data.region"))->has(FieldStatus::Same));

        const ResourceDiff *secret = resource(r, QStringLiteral("secret/payments/db-creds"));
        QVERIFY(secret);
        QVERIFY(field(*secret, QStringLiteral("data.username"))->has(FieldStatus::Drift));
        const FieldDiff *password = field(*secret, QStringLiteral("data.password"));
        QCOMPARE(password->cell(Column::Code).value.kind, FieldValue::Kind::Unknown); // sensitive input
        QVERIFY(password->has(FieldStatus::Same));
        const QByteArray json = AnalysisJson::write(r);
        QVERIFY(!json.contains("hunter2") && !json.contains("aHVudGVyMg") && !json.contains("YWRtaW4"));

        QStringList ids;
        for (const Finding &f : r.findings)
            ids.append(f.id);
        for (const char *id :
            { "live-drift", "revert-risk", "app-observed-value", "raft-divergence", "etcd-alarm", "member-cut-off" })
            QVERIFY2(ids.contains(QString::fromLatin1(id)), id);
        QVERIFY(!ids.contains(QStringLiteral("stale-replica"))); // no replica evidence
        QVERIFY(!ids.contains(QStringLiteral("leader-churn"))); // 2 changes
        QVERIFY(!ids.contains(QStringLiteral("failed-proposals")));
        QVERIFY(!ids.contains(QStringLiteral("etcd-consistent")));
        QVERIFY(!ids.contains(QStringLiteral("member-unhealthy"))); // every member answered
        QCOMPARE(findingsWithId(r, "etcd-alarm").first()->severity, Severity::Critical); // NOSPACE
        QVERIFY2(findingsWithId(r, "etcd-alarm")
                     .first()
                     ->title.contains(QStringLiteral("NOSPACE raised by https://10.0.0.11:2379 (b273bc7741bcb020)")),
            qPrintable(findingsWithId(r, "etcd-alarm").first()->title));
        // managedFields tell who last wrote the drifted key.
        QVERIFY2(findingsWithId(r, "live-drift")
                     .first()
                     ->detail.contains(QStringLiteral("kubectl-edit (Update, 2025-03-01T09:58:31Z)")),
            qPrintable(findingsWithId(r, "live-drift").first()->detail));
        // 10.0.0.13 at term 8 while the others are at 9: cut off, named as etcdctl names it.
        const auto cutOff = findingsWithId(r, "member-cut-off");
        QCOMPARE(cutOff.size(), 1);
        QCOMPARE(cutOff.first()->severity, Severity::High);
        QVERIFY2(cutOff.first()->title.contains(QStringLiteral("https://10.0.0.13:2379 (fd422379fda50e48)")),
            qPrintable(cutOff.first()->title));
        QVERIFY2(cutOff.first()->detail.contains(QStringLiteral("2,207 entries behind")),
            qPrintable(cutOff.first()->detail));
        // Its apply lag is behind-and-catching-up, said apart.
        QCOMPARE(findingsWithId(r, "raft-divergence").first()->severity, Severity::Medium);
        QVERIFY(findingsWithId(r, "raft-divergence").first()->detail.contains(QStringLiteral("apply lag")));
        bool observedLive = false;
        for (const Finding *f : findingsWithId(r, "app-observed-value")) {
            if (f->paths == QStringList { QStringLiteral("data.rate_limit") }) {
                observedLive = f->detail.contains(QStringLiteral("matches live"));
                QVERIFY(citesLine(*f, QStringLiteral("limiter.log"), 1));
            }
        }
        QVERIFY(observedLive);
        QCOMPARE(r.etcdMembers.size(), 3);
        QCOMPARE(r.etcdMembers.first().id, QStringLiteral("b273bc7741bcb020"));
    }

    // A one-word key is matched by a metric of exactly that name, never as the
    // suffix of any exporter's series (etcd's own os_fd_limit is not the
    // application's `limit`); a key of several words still matches a prefixed name.
    // Every member logs the same election: one change per term, cluster-wide.
    // A transfer that starts, fails or is skipped, and another program's
    // lease ("becoming the leader"), are not etcd elections; the cluster's
    // first election (term 2) is not churn.
    // Churn is a rate where the evidence says over how long: the scraped
    // member's uptime (process_start_time_seconds at the scrape's time), or
    // the span of the dated logs. "12 changes in 30 days" is not churn,
    // "8 in 2 minutes" is.
    void leaderChangesAreReadAsARateWhereTheWindowIsKnown()
    {
        const qint64 scrapeMs
            = QDateTime::fromString(QStringLiteral("2026-03-01T12:00:00Z"), Qt::ISODate).toMSecsSinceEpoch();
        const auto scrape = [scrapeMs](double changes, double uptimeSeconds, bool timed) {
            QList<MetricValue> m;
            m.append({ QStringLiteral("etcd_server_leader_changes_seen_total"), {}, changes,
                timed ? std::optional<qint64>(scrapeMs) : std::nullopt,
                SourceLocation { QStringLiteral("metrics.prom"), 3, 1 } });
            m.append({ QStringLiteral("process_start_time_seconds"), {}, double(scrapeMs) / 1000.0 - uptimeSeconds,
                timed ? std::optional<qint64>(scrapeMs) : std::nullopt,
                SourceLocation { QStringLiteral("metrics.prom"), 9, 1 } });
            return m;
        };
        const auto churn = [](const QList<Finding> &findings) -> const Finding * {
            for (const Finding &f : findings) {
                if (f.id == QLatin1String("leader-churn"))
                    return &f;
            }
            return nullptr;
        };
        // 12 changes after the first in 30 days: restarts and upgrades, not churn.
        QVERIFY(!churn(EtcdRules::evaluate({}, {}, scrape(13, 30 * 86400.0, true), {})));
        // Without the scrape's time the window is unknown: the count alone decides, as before.
        const QList<Finding> untimed = EtcdRules::evaluate({}, {}, scrape(13, 30 * 86400.0, false), {});
        QVERIFY(churn(untimed));
        QVERIFY(!churn(untimed)->title.contains(QStringLiteral(" in ")));
        // 8 changes in 2 minutes of uptime: churn, high, said as a rate, the start time quoted.
        const QList<Finding> fast = EtcdRules::evaluate({}, {}, scrape(9, 120, true), {});
        const Finding *f = churn(fast);
        QVERIFY(f);
        QCOMPARE(f->severity, Severity::High);
        QVERIFY2(f->title.endsWith(QStringLiteral("in 2 minutes")), qPrintable(f->title));
        QVERIFY2(f->detail.contains(QStringLiteral("240.0 an hour")), qPrintable(f->detail));
        QCOMPARE(f->evidence.size(), 2);
        QCOMPARE(f->evidence.at(1).location.line, 9);

        // From the logs alone: 8 elections within 2 minutes.
        QList<TimelineEvent> events;
        for (int term = 2; term <= 10; ++term) {
            TimelineEvent e;
            e.time = QDateTime::fromMSecsSinceEpoch(scrapeMs + (term - 2) * 15000, Qt::UTC);
            e.source = QStringLiteral("etcd");
            e.text = QStringLiteral("8e9e05c52164694d became leader at term %1").arg(term);
            e.location = SourceLocation { QStringLiteral("etcd.log"), term, 1 };
            events.append(e);
        }
        // An application's log of last month does not stretch the window.
        TimelineEvent old;
        old.time = QDateTime::fromMSecsSinceEpoch(scrapeMs - 30LL * 86400 * 1000, Qt::UTC);
        old.source = QStringLiteral("checkout");
        old.text = QStringLiteral("started");
        old.location = SourceLocation { QStringLiteral("app.log"), 1, 1 };
        events.prepend(old);
        const QList<Finding> logFindings = EtcdRules::evaluate({}, {}, {}, events);
        const Finding *fromLogs = churn(logFindings);
        QVERIFY(fromLogs);
        QVERIFY2(
            fromLogs->title == QStringLiteral("etcd changed leader 8 times in 2 minutes"), qPrintable(fromLogs->title));
        QCOMPARE(fromLogs->severity, Severity::High);
        QCOMPARE(durationInWords(30 * 86400.0), QStringLiteral("30 days"));
        QCOMPARE(durationInWords(3.5 * 3600), QStringLiteral("3.5 hours"));
        QCOMPARE(durationInWords(45), QStringLiteral("45 seconds"));
    }

    void leaderChangesAreCountedOncePerTerm()
    {
        auto line = [](const char *time, const char *source, const char *text, int lineNo) {
            TimelineEvent e;
            if (time)
                e.time = QDateTime::fromString(QString::fromLatin1(time), Qt::ISODate);
            e.source = QString::fromLatin1(source);
            e.text = QString::fromLatin1(text);
            e.location = SourceLocation { QStringLiteral("etcd.log"), lineNo, 1 };
            return e;
        };
        QList<TimelineEvent> events {
            line("2026-01-01T10:00:00Z", "raft", "a1 became leader at term 2", 1),
            line("2026-01-01T10:00:00Z", "raft", "raft.node: b2 elected leader a1 at term 2", 2),
            line("2026-01-01T10:00:01Z", "raft", "raft.node: c3 elected leader a1 at term 2", 3),
            line("2026-01-01T10:05:00Z", "etcdserver", "skipped leadership transfer; local server is not leader", 4),
            line("2026-01-01T10:05:00Z", "raft", "a1 [term 2] starts to transfer leadership to b2", 5),
            line("2026-01-01T10:05:01Z", "api-server", "Server is becoming the leader, discarding stale reads", 6),
            line("2026-01-01T10:05:30Z", "kube-apiserver", "etcd request failed: etcdserver: leader changed", 6),
            line("2026-01-01T10:05:40Z", "etcd-operator", "leaderelection.go:250] attempting to acquire leader lease",
                6),
            line("2026-01-01T10:06:00Z", "raft", "raft.node: c3 lost leader a1 at term 2", 7),
            line("2026-01-01T10:06:01Z", "raft", "b2 became leader at term 3", 8),
            line("2026-01-01T10:06:01Z", "raft", "raft.node: c3 elected leader b2 at term 3", 9),
            line("2026-01-01T10:06:01Z", "raft", "raft.node: a1 elected leader b2 at term 3", 10),
        };
        LeaderElectionCount count = LeaderElections::count(events);
        QCOMPARE(count.elections.size(), 2);
        QCOMPARE(count.elections.at(0).term, 2u);
        QVERIFY(count.elections.at(0).first);
        QCOMPARE(count.elections.at(0).lines.size(), 3);
        QCOMPARE(count.elections.at(1).term, 3u);
        QCOMPARE(count.elections.at(1).leader, QStringLiteral("b2"));
        QCOMPARE(count.elections.at(1).lines.size(), 4); // the lost leader before it included
        QCOMPARE(count.changes(), 1);
        QVERIFY(EtcdRules::evaluate({}, {}, {}, events).isEmpty()); // one change after the first: no churn

        // Three more elections, each logged by three members, one line with
        // no term (a transfer finished) within seconds of its election.
        int n = 20;
        for (const int term : { 4, 5, 6 }) {
            const QByteArray time = QStringLiteral("2026-01-01T11:0%1:00Z").arg(term).toLatin1();
            for (const char *member : { "a1", "b2", "c3" })
                events.append(line(time.constData(), "raft",
                    QStringLiteral("raft.node: %1 elected leader b2 at term %2")
                        .arg(QLatin1String(member))
                        .arg(term)
                        .toLatin1()
                        .constData(),
                    ++n));
        }
        events.append(line("2026-01-01T11:06:03Z", "etcdserver", "leadership transfer finished", ++n));
        count = LeaderElections::count(events);
        QCOMPARE(count.elections.size(), 5);
        QCOMPARE(count.changes(), 4);
        QCOMPARE(count.elections.last().lines.size(), 4);
        const QList<Finding> findings = EtcdRules::evaluate({}, {}, {}, events);
        QCOMPARE(findings.size(), 1);
        QCOMPARE(findings.first().id, QStringLiteral("leader-churn"));
        QVERIFY2(findings.first().title.contains(QStringLiteral("4 times")), qPrintable(findings.first().title));
        QVERIFY(findings.first().detail.contains(QStringLiteral("term 3, 4, 5, 6")));
        QCOMPARE(findings.first().evidence.size(), 4); // one line per election
        QVERIFY(!findings.first().detail.contains(QStringLiteral("becoming the leader")));

        // A counter of 3 on a member is its first leader and two changes: not churn.
        MetricValue counter;
        counter.name = QStringLiteral("etcd_server_leader_changes_seen_total");
        counter.value = 3;
        QVERIFY(EtcdRules::evaluate({}, {}, { counter }, {}).isEmpty());
        counter.value = 4;
        QCOMPARE(EtcdRules::evaluate({}, {}, { counter }, {}).size(), 1);
    }

    // An unhealthy cluster as a ticket shows it: each problem its own finding,
    // naming its member by endpoint and hex id, with that member's own lines
    // — never another member's.
    void etcdFindingsNameEachMember()
    {
        const QByteArray text = readFile(QStringLiteral(STRATA_TEST_SOURCE_DIR "/../etcd/data/unhealthy.txt"));
        const EtcdctlOutput etcd = EtcdctlParser::parse(text, QStringLiteral("u.txt"));
        const QList<Finding> findings = EtcdRules::evaluate(etcd, EtcdRules::members(etcd), {}, {});
        QList<const Finding *> unhealthy, alarms;
        for (const Finding &f : findings) {
            if (f.id == QLatin1String("member-unhealthy"))
                unhealthy.append(&f);
            if (f.id == QLatin1String("etcd-alarm"))
                alarms.append(&f);
            QVERIFY(f.id != QLatin1String("etcd-consistent"));
        }
        QCOMPARE(unhealthy.size(), 1);
        const Finding &down = *unhealthy.first();
        QVERIFY2(down.title == QStringLiteral("etcd member https://10.1.1.3:2379 is not answering in time"),
            qPrintable(down.title));
        QCOMPARE(down.resource, QStringLiteral("10.1.1.3"));
        QVERIFY(citesLine(down, QStringLiteral("u.txt"), 5)); // endpoint health: unhealthy
        QVERIFY(citesLine(down, QStringLiteral("u.txt"), 8)); // Failed to get the status of endpoint …
        for (const EvidenceRef &e : down.evidence)
            QVERIFY2(!e.quote.contains(QStringLiteral("10.1.1.1")) && !e.quote.contains(QStringLiteral("10.1.1.2")),
                qPrintable(e.quote));
        QCOMPARE(alarms.size(), 1); // once per alarm type
        const Finding &nospace = *alarms.first();
        QCOMPARE(nospace.severity, Severity::Critical);
        QVERIFY2(
            nospace.title == QStringLiteral("etcd alarm NOSPACE raised by https://10.1.1.1:2379 (8e9e05c52164694d)"),
            qPrintable(nospace.title));
        QVERIFY(nospace.detail.contains(QStringLiteral("database space exceeded")));
        QVERIFY(nospace.detail.contains(QStringLiteral("reads still work")));
        QVERIFY2(nospace.detail.contains(QStringLiteral("4.1 MB")), qPrintable(nospace.detail));
        QVERIFY(citesLine(nospace, QStringLiteral("u.txt"), 9));
        for (const Finding &f : findings)
            QVERIFY2(!f.title.contains(QStringLiteral("10.1.1.2")), qPrintable(f.title)); // healthy, if slow

        // Two of three down: no quorum, critical, said on each.
        QByteArray twoDown = text;
        twoDown.replace("https://10.1.1.2:2379 is healthy: successfully committed proposal: took = 1.2s",
            "https://10.1.1.2:2379 is unhealthy: failed to commit proposal: connection refused");
        const EtcdctlOutput worse = EtcdctlParser::parse(twoDown, QStringLiteral("u.txt"));
        int critical = 0;
        for (const Finding &f : EtcdRules::evaluate(worse, EtcdRules::members(worse), {}, {})) {
            if (f.id == QLatin1String("member-unhealthy")) {
                QCOMPARE(f.severity, Severity::Critical);
                QVERIFY(f.detail.contains(QStringLiteral("no quorum")));
                ++critical;
            }
        }
        QCOMPARE(critical, 2);
    }

    // Missing evidence is not a failure: a member list with one endpoint's
    // status leaves the others unknown (medium), never "down" or "no quorum".
    // An alarm makes etcdctl call every member unhealthy: that is etcd-alarm's.
    // A member whose status says "etcdserver: no leader" is cut off.
    void etcdMembersWithoutStatusAreUnknownNotDown()
    {
        const QByteArray text
            = "$ etcdctl member list\n"
              "8e9e05c52164694d, started, a, http://10.2.0.1:2380, http://10.2.0.1:2379, false\n"
              "3a57933972cb8131, started, b, http://10.2.0.2:2380, http://10.2.0.2:2379, false\n"
              "2943212f5e2cf73, started, c, http://10.2.0.3:2380, http://10.2.0.3:2379, false\n"
              "$ etcdctl endpoint status -w json\n"
              "[{\"Endpoint\":\"http://10.2.0.1:2379\",\"Status\":{\"header\":{\"member_id\":10276657743932975437},"
              "\"version\":\"3.5.9\",\"leader\":10276657743932975437,\"raftIndex\":10,\"raftTerm\":3,"
              "\"raftAppliedIndex\":10}}]\n"
              "$ etcdctl endpoint health\n"
              "http://10.2.0.1:2379 is unhealthy: failed to commit proposal: Active Alarm(s): NOSPACE\n";
        const EtcdctlOutput etcd = EtcdctlParser::parse(text, QStringLiteral("m.txt"));
        const QList<Finding> findings = EtcdRules::evaluate(etcd, EtcdRules::members(etcd), {}, {});
        int unknown = 0;
        for (const Finding &f : findings) {
            QVERIFY2(f.severity != Severity::Critical, qPrintable(f.title));
            if (f.id == QLatin1String("member-unhealthy")) {
                QCOMPARE(f.severity, Severity::Medium);
                QVERIFY2(f.title.contains(QStringLiteral("not in the status output")), qPrintable(f.title));
                QVERIFY(!f.title.contains(QStringLiteral("10.2.0.1"))); // its unhealthy is the alarm's
                ++unknown;
            }
        }
        QCOMPARE(unknown, 2);

        const QByteArray leaderless
            = "$ etcdctl endpoint status -w json\n"
              "[{\"Endpoint\":\"http://10.2.0.1:2379\",\"Status\":{\"header\":{\"member_id\":10276657743932975437},"
              "\"version\":\"3.5.9\",\"leader\":10276657743932975437,\"raftIndex\":10,\"raftTerm\":3,"
              "\"raftAppliedIndex\":10}},"
              "{\"Endpoint\":\"http://10.2.0.3:2379\",\"Status\":{\"header\":{\"member_id\":185294803456454515},"
              "\"version\":\"3.5.9\",\"raftIndex\":9,\"raftTerm\":3,\"raftAppliedIndex\":9,"
              "\"errors\":[\"etcdserver: no leader\"]}}]\n";
        const EtcdctlOutput cut = EtcdctlParser::parse(leaderless, QStringLiteral("l.txt"));
        QStringList cutOff;
        for (const Finding &f : EtcdRules::evaluate(cut, EtcdRules::members(cut), {}, {})) {
            if (f.id == QLatin1String("member-cut-off"))
                cutOff.append(f.title);
            QVERIFY(f.id != QLatin1String("etcd-consistent"));
        }
        QCOMPARE(cutOff.size(), 1);
        QVERIFY2(cutOff.first().contains(QStringLiteral("http://10.2.0.3:2379 (2924ca45abf6f73)")),
            qPrintable(cutOff.first()));
    }

    // HashKV at one revision that differs names the odd member; without the
    // revision it is only a hint (members hash their own newest revision).
    void kvHashMismatch()
    {
        const QByteArray atOneRevision
            = "$ etcdctl endpoint status -w json\n"
              "[{\"Endpoint\":\"https://10.9.0.1:2379\",\"Status\":{\"header\":{\"member_id\":1311768467463790320,"
              "\"revision\":500},\"version\":\"3.5.9\",\"leader\":1311768467463790320,\"raftIndex\":900,"
              "\"raftTerm\":4,\"raftAppliedIndex\":900}}]\n"
              "$ etcdctl member list\n"
              "123456789abcdef0, started, alpha, https://10.9.0.1:2380, https://10.9.0.1:2379, false\n"
              "$ etcdctl endpoint hashkv --cluster --rev=480 -w table\n"
              "+-----------------------+------------+\n"
              "|       ENDPOINT        |    HASH    |\n"
              "+-----------------------+------------+\n"
              "| https://10.9.0.1:2379 | 1000000001 |\n"
              "| https://10.9.0.2:2379 | 1000000001 |\n"
              "| https://10.9.0.3:2379 |  777777777 |\n"
              "+-----------------------+------------+\n";
        EtcdctlOutput etcd = EtcdctlParser::parse(atOneRevision, QStringLiteral("etcd.txt"));
        QCOMPARE(etcd.hashes.size(), 3);
        QCOMPARE(etcd.hashes.first().hashRevision.value_or(0), 480);
        QList<Finding> findings = EtcdRules::evaluate(etcd, EtcdRules::members(etcd), {}, {});
        const auto mismatch = std::find_if(findings.cbegin(), findings.cend(),
            [](const Finding &f) { return f.id == QLatin1String("kv-hash-mismatch"); });
        QVERIFY(mismatch != findings.cend());
        QCOMPARE(mismatch->severity, Severity::Critical);
        QVERIFY2(mismatch->title.contains(QStringLiteral("revision 480")), qPrintable(mismatch->title));
        QVERIFY2(mismatch->detail.contains(QStringLiteral("The odd one out: https://10.9.0.3:2379.")),
            qPrintable(mismatch->detail));
        QVERIFY2(mismatch->detail.contains(QStringLiteral("alpha (https://10.9.0.1:2379, 123456789abcdef0)")),
            qPrintable(mismatch->detail));
        QCOMPARE(mismatch->evidence.size(), 3);
        QCOMPARE(mismatch->evidence.last().location.line, 11);
        for (const Finding &f : findings)
            QVERIFY(f.id != QLatin1String("etcd-consistent"));

        // The same hashes with no revision said: a medium hint to hash at one revision.
        etcd = EtcdctlParser::parse(QByteArray(atOneRevision).replace("--rev=480 ", ""), QStringLiteral("etcd.txt"));
        findings = EtcdRules::evaluate(etcd, EtcdRules::members(etcd), {}, {});
        const auto hint = std::find_if(findings.cbegin(), findings.cend(),
            [](const Finding &f) { return f.id == QLatin1String("kv-hash-mismatch"); });
        QVERIFY(hint != findings.cend());
        QCOMPARE(hint->severity, Severity::Medium);
        QVERIFY(hint->detail.contains(QStringLiteral("does not say at which revision")));

        // One revision but different compactions: the hashes cover different histories, so only a hint.
        etcd = EtcdctlParser::parse("$ etcdctl endpoint hashkv -w json\n"
                                    "[{\"Endpoint\":\"https://10.9.0.1:2379\",\"HashKV\":{\"hash\":1,"
                                    "\"compact_revision\":100,\"hash_revision\":480}},"
                                    "{\"Endpoint\":\"https://10.9.0.2:2379\",\"HashKV\":{\"hash\":2,"
                                    "\"compact_revision\":200,\"hash_revision\":480}}]\n",
            QStringLiteral("h.txt"));
        QCOMPARE(etcd.hashes.size(), 2);
        findings = EtcdRules::evaluate(etcd, EtcdRules::members(etcd), {}, {});
        QCOMPARE(findings.size(), 1);
        QCOMPARE(findings.first().severity, Severity::Medium);
        QVERIFY(findings.first().title.contains(QStringLiteral("at revision 480")));
        QVERIFY(findings.first().detail.contains(QStringLiteral("different compact revisions")));

        // Equal hashes: no finding.
        etcd = EtcdctlParser::parse(
            QByteArray(atOneRevision).replace("777777777", "1000000001"), QStringLiteral("e.txt"));
        for (const Finding &f : EtcdRules::evaluate(etcd, EtcdRules::members(etcd), {}, {}))
            QVERIFY(f.id != QLatin1String("kv-hash-mismatch"));
    }

    void aOneWordKeyIsNotEveryMetricEndingInIt()
    {
        ResourceDiff d;
        d.id = *ResourceId::parse(QStringLiteral("configmap/shop/flags"));
        d.identities.make(size_t(columnIndex(Column::Live))).present = true;
        for (const char *path : { "data.limit", "data.max_cart_items" }) {
            FieldDiff f;
            f.path = QString::fromLatin1(path);
            f.cells.make(size_t(columnIndex(Column::Live)))
                = { CellValue { QStringLiteral("40"), {}, CellValue::Kind::Scalar }, true };
            d.fields.append(f);
        }
        const auto metric = [](const char *name, double value) {
            MetricValue m;
            m.name = QString::fromLatin1(name);
            m.value = value;
            return m;
        };
        const auto observedPaths = [&](const QList<MetricValue> &metrics) {
            QStringList paths;
            for (const Finding &f : ApplicationRules::evaluate({ d }, {}, metrics)) {
                if (f.id == QLatin1String("app-observed-value"))
                    paths += f.paths;
            }
            return paths;
        };
        QCOMPARE(observedPaths({ metric("os_fd_limit", 20000), metric("process_max_fds", 1024) }), QStringList());
        QCOMPARE(observedPaths({ metric("limit", 40) }), QStringList({ QStringLiteral("data.limit") }));
        QCOMPARE(observedPaths({ metric("shop_max_cart_items", 40) }),
            QStringList({ QStringLiteral("data.max_cart_items") }));
    }

    void referenceCaseIsCompleteButSaysWhatItCouldNotCompare()
    {
        QVERIFY(reference.completeness.isComplete());
        QVERIFY(reference.completeness.summary().isEmpty());
        for (Column c : allColumns)
            QCOMPARE(reference.completeness.coverage[size_t(columnIndex(c))], ColumnEvidence::Read);
        // Terraform manages objects the kubectl captures do not show: unknown there, never "same".
        const ResourceDiff *settings = resource(reference, QStringLiteral("configmap/platform/checkout-settings"));
        QVERIFY(settings);
        for (const FieldDiff &f : settings->fields) {
            QVERIFY2(!f.has(FieldStatus::Same), qPrintable(f.path));
            QCOMPARE(f.unknownColumns, columnBit(Column::Live) | columnBit(Column::Replica));
        }
        const QString verdict = Verdict::noFindings(reference);
        QVERIFY2(!verdict.contains(QStringLiteral("agree in this evidence")), qPrintable(verdict));
        QVERIFY(!Verdict::headline(reference).contains(QStringLiteral("INCOMPLETE")));
    }

    void aSecondCopyInOneColumnIsWarnedWhereItIs()
    {
        QTemporaryDir dir;
        const QString live = dir.filePath(QStringLiteral("live.yaml"));
        QFile f(live);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("apiVersion: v1\nkind: List\nitems:\n"
                "- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: a, namespace: n}\n  data: {k: one}\n"
                "- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: a, namespace: n}\n  data: {k: two}\n");
        f.close();
        CaseFile c;
        c.filePath = dir.filePath(QStringLiteral("case.yaml"));
        c.evidence.append({ QStringLiteral("live.yaml"), EvidenceRole::Live, QString(), 0 });
        const AnalysisResult r = Analyzer::analyze(c);
        QStringList warnings;
        for (const Diagnostic &d : r.diagnostics) {
            if (d.message.contains(QStringLiteral("appears again")))
                warnings.append(d.toString());
        }
        QCOMPARE(warnings.size(), 1);
        QVERIFY2(warnings.first().startsWith(QStringLiteral("live.yaml:8:")), qPrintable(warnings.first()));
        QVERIFY2(warnings.first().contains(
                     QStringLiteral("configmap/n/a appears again in the live column (first at live.yaml:4")),
            qPrintable(warnings.first()));
        // The first copy is the one compared.
        QCOMPARE(r.resources.size(), 1);
    }

    // Once resources are named, an unnamed object only live holds is left out
    // with a note — unless a log line or a metric speaks of one of its keys,
    // which the application rule then reads.
    void unnamedLiveOnlyObjectsAreLeftOutUnlessTheLogsSpeakOfThem()
    {
        QTemporaryDir dir;
        writeFile(dir.filePath(QStringLiteral("live.yaml")),
            "apiVersion: v1\nkind: List\nitems:\n"
            "- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: flags, namespace: shop}\n  data: {mode: a}\n"
            "- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: cart, namespace: shop}\n"
            "  data: {max_cart_items: \"50\"}\n"
            "- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: quiet, namespace: shop}\n  data: {colour: "
            "blue}\n");
        writeFile(dir.filePath(QStringLiteral("app.log")), "2024-12-15T09:45:02Z checkout started max_cart_items=75\n");
        const auto analyze = [&](bool withLog) {
            CaseFile c;
            c.filePath = dir.filePath(QStringLiteral("case.yaml"));
            c.resources.append(QStringLiteral("configmap/shop/flags"));
            c.evidence.append({ QStringLiteral("live.yaml"), EvidenceRole::Live, QString(), 0 });
            if (withLog)
                c.evidence.append({ QStringLiteral("app.log"), EvidenceRole::Unspecified, QString(), 0 });
            return Analyzer::analyze(c);
        };
        const auto names = [](const AnalysisResult &r) {
            QStringList out;
            for (const ResourceDiff &d : r.resources)
                out.append(d.id.toString());
            return out;
        };
        const auto notes = [](const AnalysisResult &r) {
            QStringList out;
            for (const Diagnostic &d : r.diagnostics) {
                if (d.message.contains(QLatin1String("not compared")))
                    out.append(d.toString());
            }
            return out;
        };
        const AnalysisResult alone = analyze(false);
        QCOMPARE(names(alone), QStringList({ QStringLiteral("configmap/shop/flags") }));
        QCOMPARE(notes(alone).size(), 1);
        QVERIFY2(notes(alone).first().startsWith(QLatin1String("live.yaml: note: 2 object(s) held only by the live")),
            qPrintable(notes(alone).first()));

        const AnalysisResult withLog = analyze(true);
        QCOMPARE(names(withLog),
            QStringList({ QStringLiteral("configmap/shop/flags"), QStringLiteral("configmap/shop/cart") }));
        QVERIFY2(notes(withLog).first().contains(QLatin1String("1 object(s)")), qPrintable(notes(withLog).join(u'\n')));
        QStringList observed;
        for (const Finding &f : withLog.findings) {
            if (f.id == QLatin1String("app-observed-value"))
                observed.append(f.resource + QLatin1Char(' ') + f.paths.join(u','));
        }
        QCOMPARE(observed, QStringList({ QStringLiteral("configmap/shop/cart data.max_cart_items") }));
    }

    // Entries are imported in parallel and merged in case order: the first
    // state in the case claims the state column, whichever finished first,
    // and objects, events and diagnostics keep the case's order.
    void entriesMergeInCaseOrderWhateverFinishesFirst()
    {
        QTemporaryDir dir;
        const auto write = [&dir](const QString &name, const QByteArray &text) {
            QFile f(dir.filePath(name));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(text);
        };
        // moc reads this file: plain literals, no raw strings.
        const auto state = [](const char *value, int serial) {
            QJsonObject attributes { { QStringLiteral("metadata"),
                                         QJsonArray { QJsonObject { { QStringLiteral("name"), QStringLiteral("a") },
                                             { QStringLiteral("namespace"), QStringLiteral("n") } } } },
                { QStringLiteral("data"), QJsonObject { { QStringLiteral("k"), QString::fromLatin1(value) } } } };
            QJsonObject instance { { QStringLiteral("schema_version"), 0 },
                { QStringLiteral("attributes"), attributes } };
            QJsonObject resource { { QStringLiteral("mode"), QStringLiteral("managed") },
                { QStringLiteral("type"), QStringLiteral("kubernetes_config_map") },
                { QStringLiteral("name"), QStringLiteral("a") },
                { QStringLiteral("provider"),
                    QStringLiteral("provider[\"registry.terraform.io/hashicorp/kubernetes\"]") },
                { QStringLiteral("instances"), QJsonArray { instance } } };
            QJsonObject root { { QStringLiteral("version"), 4 },
                { QStringLiteral("terraform_version"), QStringLiteral("1.9.8") }, { QStringLiteral("serial"), serial },
                { QStringLiteral("lineage"), QStringLiteral("l") }, { QStringLiteral("outputs"), QJsonObject() },
                { QStringLiteral("resources"), QJsonArray { resource } } };
            return QJsonDocument(root).toJson();
        };
        // A large first state (parsed last) and a tiny second one (parsed first).
        QByteArray big = state("from-the-first", 1);
        big.append(QByteArray(4 << 20, ' '));
        write(QStringLiteral("first.tfstate"), big);
        write(QStringLiteral("second.tfstate"), state("from-the-second", 2));
        CaseFile c;
        c.filePath = dir.filePath(QStringLiteral("case.yaml"));
        c.evidence.append({ QStringLiteral("first.tfstate"), EvidenceRole::State, QString(), 0 });
        c.evidence.append({ QStringLiteral("second.tfstate"), EvidenceRole::Live, QString(), 0 });
        for (int i = 0; i < 8; ++i) {
            const QString log = QStringLiteral("app-%1.log").arg(i);
            write(log,
                QByteArray("2026-01-0") + QByteArray::number(i + 1) + "T00:00:00Z INFO entry " + QByteArray::number(i)
                    + "\n");
            c.evidence.append({ log, EvidenceRole::Unspecified, QString(), 0 });
        }
        const AnalysisResult r = Analyzer::analyze(c);
        QCOMPARE(r.evidence.size(), c.evidence.size());
        for (qsizetype i = 0; i < r.evidence.size(); ++i)
            QCOMPARE(r.evidence.at(i).entry.path, c.evidence.at(i).path);
        QVERIFY(r.evidence.at(0).loaded);
        QVERIFY(!r.evidence.at(1).loaded);
        const QStringList second = [&] {
            QStringList all;
            for (const Diagnostic &d : r.evidence.at(1).diagnostics)
                all.append(d.toString());
            return all;
        }();
        QCOMPARE(second.size(), 2);
        QVERIFY2(
            second.at(0).contains(QStringLiteral("always feeds the state column, not live")), qPrintable(second.at(0)));
        QVERIFY2(second.at(1).contains(QStringLiteral(
                     "a second Terraform state in one case is not compared (the first was first.tfstate)")),
            qPrintable(second.at(1)));
        QCOMPARE(r.resources.size(), 1);
        QCOMPARE(field(r.resources.first(), QStringLiteral("data.k"))->cell(Column::State).value.text,
            QStringLiteral("from-the-first"));
        QCOMPARE(r.diagnostics.size(), 2); // only the second state's, in its place
        for (int i = 0; i < 8; ++i)
            QCOMPARE(r.timeline.at(i).location.file, QStringLiteral("app-%1.log").arg(i));
    }

    void unreadableEvidenceMakesTheAnalysisIncomplete()
    {
        QTemporaryDir dir;
        const QString junk = dir.filePath(QStringLiteral("empty.txt")); // nothing in it: no kind of evidence
        QFile f(junk);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.close();
        auto read = CaseFileReader::readFile(QStringLiteral(STRATA_SHARED_DIR "/reference-case/case.yaml"));
        CaseFile broken = *read.caseFile;
        for (EvidenceEntry &e : broken.evidence) {
            if (e.role == EvidenceRole::Live)
                e.path = QStringLiteral("artifacts/gone.yaml"); // a file that is not there
        }
        broken.evidence.append({ junk, EvidenceRole::Unspecified, QString(), 0 });
        const AnalysisResult r = Analyzer::analyze(broken);
        QVERIFY(!r.completeness.isComplete());
        QCOMPARE(r.completeness.failedCount, 2);
        QCOMPARE(r.completeness.summary(),
            QStringLiteral("2 of 8 evidence files could not be read — the analysis is incomplete"));
        QCOMPARE(r.completeness.problems.first().source, QStringLiteral("artifacts/gone.yaml"));
        QCOMPARE(r.completeness.coverage[size_t(columnIndex(Column::Live))], ColumnEvidence::Incomplete);
        // No row of the investigated object may read as agreeing while live is unknown.
        const ResourceDiff *flags = resource(r, QStringLiteral("configmap/platform/feature-flags"));
        QVERIFY(flags);
        for (const FieldDiff &fd : flags->fields)
            QVERIFY2(!fd.has(FieldStatus::Same) && (fd.unknownColumns & columnBit(Column::Live)), qPrintable(fd.path));
        const QString verdict = Verdict::noFindings(r);
        QVERIFY(!verdict.contains(QStringLiteral("agree")));
        QVERIFY(verdict.contains(QStringLiteral("not an all-clear")));
        QVERIFY(Verdict::headline(r).contains(QStringLiteral("INCOMPLETE")));

        // Markdown: the problems come before the findings; JSON: complete=false with problems[].
        const QString md = QString::fromUtf8(AnalysisMarkdown::write(r));
        const qsizetype problems = md.indexOf(QStringLiteral("## Problems reading the evidence"));
        QVERIFY(problems > 0);
        QVERIFY(problems < md.indexOf(QStringLiteral("## Findings")));
        QVERIFY(md.indexOf(QStringLiteral("gone.yaml")) < md.indexOf(QStringLiteral("## Findings")));
        const QJsonObject json = QJsonDocument::fromJson(AnalysisJson::write(r)).object();
        QCOMPARE(json.value(QStringLiteral("complete")).toBool(true), false);
        const QJsonArray list = json.value(QStringLiteral("problems")).toArray();
        QCOMPARE(list.size(), 2);
        QCOMPARE(
            list.at(0).toObject().value(QStringLiteral("source")).toString(), QStringLiteral("artifacts/gone.yaml"));
        QCOMPARE(list.at(1).toObject().value(QStringLiteral("state")).toString(), QStringLiteral("failed"));
        QCOMPARE(json.value(QStringLiteral("coverage")).toObject().value(QStringLiteral("live")).toString(),
            QStringLiteral("incomplete"));
    }

    void caseFileErrorsMakeItIncompleteToo()
    {
        auto read = CaseFileReader::readText(
            "strata: 1\nevidence:\n  - {path: [not, a, path]}\n", QStringLiteral("/tmp/odd-case.yaml"));
        QVERIFY(read.caseFile);
        QVERIFY(hasErrors(read.diagnostics));
        const AnalysisResult r = Analyzer::analyze(*read.caseFile, nullptr, read.diagnostics);
        QVERIFY(!r.completeness.isComplete());
        QCOMPARE(r.completeness.caseErrorCount, 1);
        QVERIFY(r.completeness.summary().contains(QStringLiteral("entry of the case file")));
        QVERIFY(Verdict::noFindings(r).contains(QStringLiteral("not an all-clear")));
    }

    void markdownEscapesEvidence()
    {
        QCOMPARE(MarkdownText::prose(QStringLiteral("<script>[x](y)|*")), QStringLiteral("`<script>[x](y)|*`"));
        const QString md = QString::fromUtf8(AnalysisMarkdown::write(reference));
        QVERIFY(md.startsWith(QStringLiteral("# The cluster that disagrees with itself")));
        QVERIFY(md.contains(QStringLiteral("live-drift")));
    }
};

STRATA_TEST_MAIN(TestAnalysis)
#include "tst_analysis.moc"
