// A finding read in full and its evidence opened where it is: the detail pane
// shows every check uncut, Enter on an evidence row opens the file at the
// quoted line with the value marked, searchable, Secret values masked, and the
// diff row the evidence supports is selected.
#include "StrataTestMain.h"
#include "WindowDriver.h"

#include "CodeView.h"
#include "DiffView.h"
#include "EvidenceViewer.h"
#include "FindingsView.h"

#include "itemmodels/DiffModel.h"
#include "itemmodels/FindingsModel.h"
#include "output/FindingDetail.h"

#include <QApplication>
#include <QLineEdit>
#include <QSettings>
#include <QTextBrowser>
#include <QTreeView>

using namespace WindowDriver;

class TestFindingDetail : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init() { QSettings().clear(); }

    void theDetailPaneShowsTheWholeFinding()
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(openAndAnalyse(window, MainWindow::referenceCasePath()));
        auto *findings = window.findChild<FindingsView *>(QStringLiteral("findingsView"));
        QVERIFY(findings->detailView()->isVisible());
        const QList<strata::Finding> &list = window.analysis()->findings;
        QVERIFY(list.size() >= 2);
        for (int i : { 0, 1 }) {
            findings->treeView()->setCurrentIndex(findings->model()->index(i, 0));
            const QString shown = findings->detailView()->toPlainText();
            QVERIFY(shown.contains(list.at(i).title));
            for (const QString &check : list.at(i).checks + list.at(i).changes)
                QVERIFY2(shown.contains(check), qPrintable(check));
        }
        QVERIFY(saveScreenshot(window, QStringLiteral("finding-detail.png")));
    }

    void enterOnEvidenceOpensTheFileThereAndSelectsTheDiffRow()
    {
        MainWindow window;
        window.resize(1280, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QVERIFY(openAndAnalyse(window, MainWindow::referenceCasePath()));
        auto *findings = window.findChild<FindingsView *>(QStringLiteral("findingsView"));
        const strata::Finding &finding = window.analysis()->findings.at(0);
        // The evidence quoting the state file, where the Secret lives too.
        int evidence = -1;
        for (int i = 0; i < finding.evidence.size() && evidence < 0; ++i) {
            if (finding.evidence.at(i).location.file.endsWith(QLatin1String(".tfstate")))
                evidence = i;
        }
        QVERIFY2(evidence >= 0, "the first finding quotes no state");
        const strata::EvidenceRef &ref = finding.evidence.at(evidence);

        QTest::keyClick(QApplication::focusWidget(), Qt::Key_3, Qt::ControlModifier);
        QTRY_VERIFY(findings->treeView()->hasFocus());
        const QModelIndex parent = findings->model()->index(0, 0);
        findings->treeView()->expand(parent);
        const int row = evidence + (finding.detail.isEmpty() ? 0 : 1);
        findings->treeView()->setCurrentIndex(findings->model()->index(row, 0, parent));
        QTest::keyClick(findings->treeView(), Qt::Key_Return);

        EvidenceViewer *viewer = window.evidenceViewer();
        QVERIFY(viewer);
        QTRY_VERIFY(viewer->isVisible());
        QTRY_COMPARE(QApplication::activeWindow(), viewer); // it comes to the front, ready for keys
        CodeView *code = viewer->codeView();
        QCOMPARE(code->markedLine(), ref.location.line);
        QCOMPARE(code->textCursor().blockNumber() + 1, ref.location.line);
        const QString value = ref.quote.section(QStringLiteral(": "), 1); // `"false"`, as the file spells it
        QVERIFY2(value.size() > 0 && code->markedText() == value,
            qPrintable(QStringLiteral("marked %1, quoted %2").arg(code->markedText(), value)));
        QVERIFY(code->toPlainText().contains(QStringLiteral("\"serial\"")));
        QVERIFY2(!code->toPlainText().contains(QStringLiteral("super-secret-value")), "a Secret value is on screen");
        QVERIFY(code->toPlainText().contains(QStringLiteral("\"api_key\": ••••")));

        // The diff row this evidence supports is the current one.
        auto *diff = window.findChild<DiffView *>(QStringLiteral("diffView"));
        const QModelIndex current = diff->treeView()->currentIndex();
        QCOMPARE(current.siblingAtColumn(strata::DiffModel::FieldColumn).data().toString(),
            strata::evidenceFieldPath(finding, ref));
        QCOMPARE(
            current.parent().siblingAtColumn(0).data(strata::DiffModel::ResourceIdRole).toString(), finding.resource);

        // Search: Ctrl+F, type, Enter finds the next match.
        QTest::keyClick(code, Qt::Key_F, Qt::ControlModifier);
        QTRY_VERIFY(viewer->searchEdit()->hasFocus());
        QTest::keyClicks(viewer->searchEdit(), QStringLiteral("lineage"));
        QTest::keyClick(viewer->searchEdit(), Qt::Key_Return);
        QCOMPARE(code->textCursor().selectedText(), QStringLiteral("lineage"));
        QVERIFY(saveScreenshot(*viewer, QStringLiteral("evidence-viewer.png")));
    }
};

STRATA_TEST_MAIN(TestFindingDetail)
#include "tst_findingdetail.moc"
