// The incident report (Markdown): the postmortem's order, the
// investigator's sections from the case beside what Strata found, key
// moments first, findings left out or annotated, hostile text kept as text,
// the appendix's SHA-256 of each evidence file; the reference case's report
// against its reviewed golden copy.
#include "AnalyseCase.h"
#include "StrataTestMain.h"
#include "TestFiles.h"

#include "case/CaseFileReader.h"
#include "core/BuildInfo.h"
#include "investigation/Analyzer.h"
#include "report/ReportMarkdown.h"

#include <QCryptographicHash>
#include <QDir>
#include <QTemporaryDir>

using namespace strata;

namespace {

const QDateTime generated = QDateTime::fromString(QStringLiteral("2026-12-05T10:00:00Z"), Qt::ISODate);

} // namespace

class TestReport : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void theInvestigatorsWordsBesideTheFindings()
    {
        QTemporaryDir dir;
        copyFolder(QStringLiteral(STRATA_SHARED_DIR "/reference-case"), dir.path());
        QByteArray text = readFile(dir.filePath(QStringLiteral("case.yaml")));
        text += "report:\n  status: in review\n  authors: [ana]\n"
                "  summary: |\n    The flag was flipped by hand.\n\n    Terraform would flip it back.\n"
                "  impact: \"<img src=x onerror=alert(1)> | `x`\"\n"
                "  action-items:\n    - {item: Codify the flag, type: prevent, owner: ana, ticket: OPS-1}\n"
                "  findings:\n    \"live-drift:configmap/platform/feature-flags\": {note: confirmed with ana}\n"
                "    \"leader-churn:etcd cluster\": {include: false}\n"
                "  key-moments: [artifacts/events.log:3]\n";
        writeFile(dir.filePath(QStringLiteral("case.yaml")), text);
        const AnalysisResult r = analyseOffline(dir.filePath(QStringLiteral("case.yaml")));
        const QString md = QString::fromUtf8(ReportMarkdown::write(r, { generated, {}, {}, QPageSize::A4 }));

        // The postmortem's order.
        qsizetype at = 0;
        for (const char *heading : { "## Summary", "## Impact", "## Timeline", "### Key moments", "## Findings",
                 "## Where the system disagrees with itself", "## etcd members", "## Root cause", "## Trigger",
                 "## Resolution", "## Detection", "## Action items", "## Lessons learned", "## Appendix: sources" }) {
            const qsizetype next = md.indexOf(QLatin1String(heading), at);
            QVERIFY2(next >= at, heading);
            at = next;
        }
        QVERIFY(md.contains(QStringLiteral("| Status | in review |")));
        QVERIFY(md.contains(QStringLiteral("The flag was flipped by hand.\n\nTerraform would flip it back.")));
        // Hostile text stays text: every "<img" is inside a code span.
        const QString impact = md.section(QStringLiteral("## Impact"), 1, 1).section(QStringLiteral("## "), 0, 0);
        QVERIFY2(impact.contains(QStringLiteral("`<img`")), qPrintable(impact));
        for (qsizetype i = md.indexOf(QStringLiteral("<img")); i >= 0; i = md.indexOf(QStringLiteral("<img"), i + 1))
            QVERIFY2(i > 0 && md.at(i - 1) == QLatin1Char('`'), qPrintable(md.mid(std::max<qsizetype>(0, i - 20), 40)));
        // The key moment first, the left-out finding only named, the note under its finding.
        const QString keyMoments
            = md.section(QStringLiteral("### Key moments"), 1, 1).section(QStringLiteral("###"), 0, 0);
        QVERIFY2(keyMoments.contains(QStringLiteral("enable_new_checkout")), qPrintable(keyMoments));
        QVERIFY(!keyMoments.contains(QStringLiteral("leadership transferred")));
        QVERIFY(!md.contains(QStringLiteral("### **HIGH** etcd has seen")));
        QVERIFY(
            md.contains(QStringLiteral("Left out of this report by the investigator: `leader-churn:etcd cluster`.")));
        const QString drift
            = md.section(QStringLiteral("changed outside Terraform"), 1, 1).section(QStringLiteral("### "), 0, 0);
        QVERIFY2(drift.contains(QStringLiteral("**Investigator's note:** confirmed with ana")), qPrintable(drift));
        QVERIFY(md.contains(QStringLiteral("| Codify the flag | prevent | ana | OPS-1 |")));
        // The appendix: each evidence file's SHA-256, as sha256sum would say.
        const QByteArray events = readFile(dir.filePath(QStringLiteral("artifacts/events.log")));
        QVERIFY(md.contains(
            QStringLiteral("| `artifacts/events.log` | log |  | `%1` |")
                .arg(QString::fromLatin1(QCryptographicHash::hash(events, QCryptographicHash::Sha256).toHex()))));
        QVERIFY(md.contains(QStringLiteral("`terraform/platform/feature-flags.tf`")));
        QVERIFY(!md.contains(QStringLiteral("super-secret")));
    }

    void anIncompleteAnalysisSaysSoFirst()
    {
        QTemporaryDir dir;
        writeFile(
            dir.filePath(QStringLiteral("case.yaml")), "strata: 1\nevidence:\n  - path: gone.yaml\n    role: live\n");
        const AnalysisResult r = analyseOffline(dir.filePath(QStringLiteral("case.yaml")));
        const QString md = QString::fromUtf8(ReportMarkdown::write(r, { generated, {}, {}, QPageSize::A4 }));
        const qsizetype banner = md.indexOf(QStringLiteral("**Incomplete analysis:**"));
        QVERIFY(banner > 0 && banner < md.indexOf(QStringLiteral("## Summary")));
        QVERIFY(md.contains(QStringLiteral("`gone.yaml`")));
        // Never an all-clear: nothing says the columns agree.
        QVERIFY(!md.contains(QStringLiteral(" agree")));
    }

    void referenceCaseReportMatchesTheReviewedCopy()
    {
        const AnalysisResult r = analyseOffline(QStringLiteral(STRATA_SHARED_DIR "/reference-case/case.yaml"));
        QString md = QString::fromUtf8(
            ReportMarkdown::write(r, { generated, QStringLiteral("raft-timeline.png"), {}, QPageSize::A4 }));
        md.replace(r.caseFile.baseDirectory(), QStringLiteral("<case folder>"));
        md.replace(BuildInfo::version(), QStringLiteral("<version>"));
        const QString goldenPath = QStringLiteral(STRATA_TEST_SOURCE_DIR "/golden/reference-case-report.md");
        if (qEnvironmentVariableIsSet("STRATA_UPDATE_GOLDEN"))
            writeFile(goldenPath, md.toUtf8());
        const QStringList got = md.split(QLatin1Char('\n'));
        const QStringList want = QString::fromUtf8(readFile(goldenPath)).split(QLatin1Char('\n'));
        for (qsizetype i = 0; i < std::min(got.size(), want.size()); ++i) {
            if (got.at(i) != want.at(i))
                QFAIL(
                    qPrintable(QStringLiteral("line %1 differs:\n got: %2\nwant: %3\n(STRATA_UPDATE_GOLDEN=1 rewrites "
                                              "it; review the diff)")
                                   .arg(i + 1)
                                   .arg(got.at(i), want.at(i))));
        }
        QCOMPARE(got.size(), want.size());
    }
};

STRATA_TEST_MAIN(TestReport)
#include "tst_report.moc"
