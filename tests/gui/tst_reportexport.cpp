// File ▸ Export Report… in the real window: the preview shows the report
// (with the chart) before anything is written; each format is written off
// the GUI thread into the file the user named; a bundle written from the
// window opens in a window again — offline, to the same findings — and the
// case and its evidence are never overwritten.
#include "ReportEditor.h"
#include "ReportPreviewDialog.h"
#include "StrataTestMain.h"
#include "WindowDriver.h"

#include "case/CaseFileReader.h"
#include "report/ReportExport.h"
#include "report/ReportHtml.h"

#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QStatusBar>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QTimer>

using namespace WindowDriver;

namespace {

QStringList findingKeys(const strata::AnalysisResult &r)
{
    QStringList keys;
    for (const strata::Finding &f : r.findings)
        keys.append(f.id + QLatin1Char('|') + f.resource);
    return keys;
}

bool exportTo(MainWindow &window, const QString &path)
{
    QSignalSpy written(&window, &MainWindow::reportExported);
    window.exportReportTo(path, QPageSize::A4);
    return written.wait(60000) && written.first().first().toString() == path;
}

} // namespace

class TestReportExport : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init() { QSettings().clear(); }

    void exportsEveryFormatAndReopensTheBundle()
    {
        QTemporaryDir dir;
        copyFolder(sharedPath("reference-case"), dir.filePath(QStringLiteral("case")));
        const QString casePath = dir.filePath(QStringLiteral("case/case.yaml"));
        MainWindow window;
        window.resize(1400, 900);
        window.show();
        QVERIFY(!action(window, "exportAction")->isEnabled()); // nothing to report yet
        QVERIFY(openAndAnalyse(window, casePath));
        QVERIFY(action(window, "exportAction")->isEnabled());
        const strata::AnalysisResult analysed = *window.analysis();

        // The preview: the report's sections and the chart, before any file.
        const strata::ReportOptions options { QDateTime::currentDateTimeUtc(), {}, {}, QPageSize::A4 };
        ReportPreviewDialog preview(strata::ReportHtml::richText(analysed, options, 700), {},
            dir.filePath(QStringLiteral("r.pdf")), QPageSize::Letter, &window);
        preview.resize(900, 760);
        preview.show();
        QVERIFY(QTest::qWaitForWindowExposed(&preview));
        const QString shown = preview.browser()->toPlainText();
        QVERIFY(shown.contains(QStringLiteral("Where the system disagrees with itself")));
        QVERIFY(shown.contains(QStringLiteral("Appendix: sources")));
        QCOMPARE(preview.pageSize(), QPageSize::Letter);
        QVERIFY(saveScreenshot(preview, QStringLiteral("report-preview.png")));
        preview.close();

        for (const char *name : { "out/r.pdf", "out/r.html", "out/r.md", "out/r.json", "out/r.zip" }) {
            QDir().mkpath(dir.filePath(QStringLiteral("out")));
            const QString path = dir.filePath(QString::fromLatin1(name));
            QVERIFY2(exportTo(window, path), name);
            QVERIFY2(QFileInfo(path).size() > 1000, name);
        }
        QVERIFY(QFileInfo::exists(dir.filePath(QStringLiteral("out/r.chart.png"))));
        QVERIFY(readFile(dir.filePath(QStringLiteral("out/r.html"))).contains("data:image/png;base64,"));

        // Never over the case or its evidence: refused, the file untouched.
        const QByteArray before = readFile(casePath);
        QSignalSpy written(&window, &MainWindow::reportExported);
        QTimer answer; // the warning is modal: answered once it shows
        connect(&answer, &QTimer::timeout, [&answer] {
            for (QWidget *w : QApplication::topLevelWidgets()) {
                if (auto *box = qobject_cast<QMessageBox *>(w); box && box->isVisible()) {
                    answer.stop();
                    box->accept();
                }
            }
        });
        answer.start(20);
        window.exportReportTo(dir.filePath(QStringLiteral("case/artifacts/events.log")), QPageSize::A4);
        // Refused before any job starts: said in the status bar, nothing written.
        QVERIFY(window.statusBar()->currentMessage().startsWith(QStringLiteral("Report not written:")));
        QCOMPARE(written.count(), 0);
        QCOMPARE(readFile(casePath), before);

        // The bundle opens in a window as a case, offline, to the same findings.
        MainWindow reopened;
        reopened.show();
        QVERIFY(openAndAnalyse(reopened, dir.filePath(QStringLiteral("out/r.zip"))));
        QVERIFY(reopened.currentCase()->filePath.contains(QStringLiteral("/strata/bundles/")));
        QCOMPARE(findingKeys(*reopened.analysis()), findingKeys(analysed));
        QCOMPARE(reopened.analysis()->completeness.isComplete(), analysed.completeness.isComplete());
    }

    void theReportTabKeepsWhatIsTyped()
    {
        QTemporaryDir dir;
        copyFolder(sharedPath("reference-case"), dir.path());
        const QString casePath = dir.filePath(QStringLiteral("case.yaml"));
        auto window = std::make_unique<MainWindow>();
        window->resize(1500, 950);
        window->show();
        QVERIFY(openAndAnalyse(*window, casePath));
        auto *editor = window->findChild<ReportEditor *>(QStringLiteral("reportEditor"));
        QVERIFY(editor);
        action(*window, "goToReportAction")->trigger();
        QVERIFY(editor->isVisible());
        QPlainTextEdit *summary = editor->textField(QStringLiteral("summary"));
        QCOMPARE(QApplication::focusWidget(), summary);

        // Typed text reaches the case file by itself, atomically, with nothing else of the case changed.
        QTest::keyClicks(summary, QStringLiteral("The flag was flipped by hand. <b>not bold</b>"));
        QTRY_VERIFY_WITH_TIMEOUT(readFile(casePath).contains("The flag was flipped by hand."), 10000);
        QVERIFY(readFile(casePath).contains("artifacts/feature-flags.live.yaml"));
        QTRY_VERIFY_WITH_TIMEOUT(
            editor->preview()->toPlainText().contains(QStringLiteral("The flag was flipped by hand. <b>not bold</b>")),
            10000); // shown as typed: the preview escapes it
        QVERIFY(!window->isWindowModified());

        // A finding left out, a key moment, an action item: all in the case.
        QTableWidget *findings = editor->findingsTable();
        QVERIFY(findings->rowCount() >= 3);
        const QString leftOut = findings->item(0, 1)->toolTip();
        findings->item(0, 0)->setCheckState(Qt::Unchecked);
        findings->item(1, 2)->setText(QStringLiteral("confirmed with the platform team"));
        editor->keyMomentsList()->item(2)->setCheckState(Qt::Checked);
        const QString moment = editor->keyMomentsList()->item(2)->toolTip();
        QTest::mouseClick(editor->findChild<QPushButton *>(QStringLiteral("report_addActionItem")), Qt::LeftButton);
        editor->actionItemsTable()->setItem(
            editor->actionItemsTable()->rowCount() - 1, 0, new QTableWidgetItem(QStringLiteral("Codify the flag")));
        QTRY_VERIFY_WITH_TIMEOUT(readFile(casePath).contains("Codify the flag"), 10000);
        const auto read = strata::CaseFileReader::readFile(casePath);
        QVERIFY(read.caseFile);
        const strata::ReportSections &saved = read.caseFile->report;
        QVERIFY2(!saved.findings.value(leftOut).included, qPrintable(leftOut));
        QCOMPARE(saved.findings.value(findings->item(1, 0)->data(Qt::UserRole + 1).toString()).note,
            QStringLiteral("confirmed with the platform team"));
        QVERIFY(saved.keyMoments.contains(moment));
        QCOMPARE(saved.actionItems.last().item, QStringLiteral("Codify the flag"));
        QCOMPARE(saved.actionItems.last().type, QStringLiteral("prevent"));
        QTRY_VERIFY_WITH_TIMEOUT(
            editor->preview()->toPlainText().contains(QStringLiteral("Left out of this report by the investigator")),
            10000);
        QVERIFY(saveScreenshot(*window, QStringLiteral("report-tab.png")));

        // Typed just before closing: kept, not lost with the timer.
        QTest::keyClicks(editor->textField(QStringLiteral("lessons")), QStringLiteral("Alert on drift."));
        window->close();
        QVERIFY(readFile(casePath).contains("Alert on drift."));
        window.reset();

        // Re-opened: the form shows what was written.
        MainWindow again;
        again.show();
        QVERIFY(openAndAnalyse(again, casePath));
        auto *form = again.findChild<ReportEditor *>(QStringLiteral("reportEditor"));
        QVERIFY(form->textField(QStringLiteral("summary"))->toPlainText().contains(QStringLiteral("flipped by hand")));
        QCOMPARE(form->sections().actionItems.size(), saved.actionItems.size());

        // Another case opened: its own (empty) sections in the form at once, before its analysis,
        // so nothing typed meanwhile could carry the first case's text into it.
        QSignalSpy opened(&again, &MainWindow::caseOpened);
        again.openCase(MainWindow::referenceCasePath());
        QVERIFY(opened.wait(30000));
        QVERIFY(form->textField(QStringLiteral("summary"))->toPlainText().isEmpty());
        QVERIFY(form->sections().actionItems.isEmpty());
        QVERIFY(readFile(casePath).contains("The flag was flipped by hand."));
    }

    void theExampleCaseAsksToBeSavedFirst()
    {
        MainWindow window;
        window.show();
        QVERIFY(openAndAnalyse(window, MainWindow::referenceCasePath()));
        auto *editor = window.findChild<ReportEditor *>(QStringLiteral("reportEditor"));
        QTest::keyClicks(editor->textField(QStringLiteral("impact")), QStringLiteral("Checkout broke."));
        QTRY_VERIFY_WITH_TIMEOUT(window.isWindowModified(), 10000); // kept in the window, said unsaved
        QVERIFY(window.currentCase()->report.impact.contains(QStringLiteral("Checkout broke.")));
        auto *status = editor->findChild<QLabel *>(QStringLiteral("report_saved"));
        QVERIFY2(status->text().startsWith(QStringLiteral("Not saved yet")), qPrintable(status->text()));
        window.setWindowModified(false); // no question on close in a test
    }
};

STRATA_TEST_MAIN(TestReportExport)
#include "tst_reportexport.moc"
