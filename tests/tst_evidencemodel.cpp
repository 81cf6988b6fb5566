// The Evidence table: what inspectEvidence finds on disk, shown by
// EvidenceListModel, checked by QAbstractItemModelTester and a text snapshot.
#include "StrataTestMain.h"

#include "ModelSnapshot.h"

#include "case/CaseFileReader.h"
#include "itemmodels/EvidenceListModel.h"
#include "itemmodels/FindingsModel.h"
#include "itemmodels/TimelineModel.h"

#include <QAbstractItemModelTester>
#include <QTemporaryDir>

using namespace strata;

class TestEvidenceModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // Qt renders a tooltip that looks like HTML: text from evidence must show
    // as the characters it is, in every model.
    void tooltipsNeverRenderEvidenceAsMarkup()
    {
        const QString hostile = QStringLiteral("<img src=\"file:///etc/passwd\"><b>bold</b> & more");
        TimelineEvent e;
        e.text = hostile;
        e.location = { QStringLiteral("app.log"), 3, 1 };
        TimelineModel timeline;
        timeline.setEvents({ e });
        Finding f;
        f.id = QStringLiteral("live-drift");
        f.title = hostile;
        f.detail = QStringLiteral("plain detail");
        FindingsModel findings;
        findings.setFindings({ f });
        for (const QString &tip : { timeline.index(0, 0).data(Qt::ToolTipRole).toString(),
                 findings.index(0, FindingsModel::TitleColumn).data(Qt::ToolTipRole).toString() }) {
            QVERIFY2(!tip.contains(QStringLiteral("<img")) && !tip.contains(QStringLiteral("<b>")), qPrintable(tip));
            QVERIFY2(tip.contains(QStringLiteral("&lt;img src=&quot;file:///etc/passwd&quot;&gt;")), qPrintable(tip));
            QVERIFY2(tip.contains(QStringLiteral("&amp; more")), qPrintable(tip));
        }
        // Text that cannot be taken for markup is left as it is.
        e.text = QStringLiteral("leader changed");
        timeline.setEvents({ e });
        QCOMPARE(timeline.index(0, 0).data(Qt::ToolTipRole).toString(), QStringLiteral("app.log:3:1\nleader changed"));
    }

    void referenceCaseSnapshot()
    {
        const auto read = CaseFileReader::readFile(QStringLiteral(":/reference-case/case.yaml"));
        QVERIFY(read.caseFile);
        EvidenceListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setItems(inspectEvidence(*read.caseFile));
        QCOMPARE(model.rowCount(), 7);
        const QString diff
            = ModelSnapshot::compare(QStringLiteral("evidence-reference-case.txt"), ModelSnapshot::dump(model));
        QVERIFY2(diff.isEmpty(), qPrintable(diff));
    }

    void missingEvidenceIsShownAsMissing()
    {
        QTemporaryDir dir;
        CaseFile c;
        c.filePath = dir.filePath(QStringLiteral("case.yaml"));
        c.evidence.append({ QStringLiteral("gone.txt"), EvidenceRole::Live, QString(), 3 });
        EvidenceListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setItems(inspectEvidence(c));
        QCOMPARE(model.index(0, EvidenceListModel::SizeColumn).data().toString(), QStringLiteral("missing"));
        QCOMPARE(model.index(0, 0).data(EvidenceListModel::ExistsRole).toBool(), false);
        QCOMPARE(model.index(0, EvidenceListModel::RoleColumn).data().toString(), QStringLiteral("live"));
        QVERIFY(model.index(0, 0).data(Qt::ToolTipRole).toString().contains(dir.filePath(QStringLiteral("gone.txt"))));
        model.setItems({});
        QCOMPARE(model.rowCount(), 0);
    }

    void formatsSizesLikeEtcdctl()
    {
        QCOMPARE(formatByteSize(0), QStringLiteral("0 B"));
        QCOMPARE(formatByteSize(999), QStringLiteral("999 B"));
        QCOMPARE(formatByteSize(4100000), QStringLiteral("4.1 MB"));
        QCOMPARE(formatByteSize(182000), QStringLiteral("182 kB"));
    }
};

STRATA_TEST_MAIN(TestEvidenceModel)
#include "tst_evidencemodel.moc"
