// The Plan panel as a user works it: the ordered steps of the reference case
// with their commands filled in from the case, Copy puts exactly one command
// on the clipboard, "Copy all checks" a script of read-only commands only,
// a step's finding link selects that finding; and a screenshot to look at.
#include "StrataTestMain.h"
#include "WindowDriver.h"

#include "FindingsView.h"
#include "PlanView.h"

#include "itemmodels/FindingsModel.h"

#include <QApplication>
#include <QClipboard>
#include <QDockWidget>
#include <QPushButton>
#include <QSettings>
#include <QTextBrowser>
#include <QTreeView>

using namespace WindowDriver;

class TestPlanPanel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init() { QSettings().clear(); }

    void stepsCommandsAndCopying()
    {
        MainWindow window;
        window.resize(1400, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(openAndAnalyse(window, QStringLiteral(STRATA_SHARED_DIR "/reference-case/case.yaml")));
        auto *plan = window.findChild<PlanView *>(QStringLiteral("planView"));
        QVERIFY(plan);
        QTest::keyClick(&window, Qt::Key_8, Qt::ControlModifier); // Ctrl+8: the Plan panel
        QTRY_VERIFY(plan->isVisible());
        QVERIFY(plan->browser()->hasFocus());

        const strata::AnalysisResult *result = &*window.analysis();
        QVERIFY(!result->proposals.isEmpty());
        const QString shown = plan->browser()->toPlainText();
        // The replica's real context and the stack's real folder and address, no secret.
        QVERIFY(
            shown.contains(QStringLiteral("kubectl --context=read-replica -n platform get configmap feature-flags")));
        QVERIFY(shown.contains(
            QStringLiteral("terraform -chdir=terraform/platform plan -target=kubernetes_config_map.feature_flags")));
        QVERIFY(shown.contains(QStringLiteral("Changes something.")));
        const qsizetype firstCheck = shown.indexOf(QStringLiteral("Check (read-only)"));
        const qsizetype firstChange = shown.indexOf(QStringLiteral(". Change"));
        QVERIFY(firstCheck >= 0 && firstChange > firstCheck);

        // Copy on one command: exactly that command.
        const strata::PlanCommand &first = result->proposals.first().commands.first();
        Q_EMIT plan->browser()->anchorClicked(QUrl(QStringLiteral("copy:0:0")));
        QCOMPARE(QApplication::clipboard()->text(), first.command);

        // Copy all checks: every read-only command, nothing that changes anything.
        plan->copyChecksButton()->click();
        const QString script = QApplication::clipboard()->text();
        QVERIFY(script.startsWith(QStringLiteral("#!/bin/sh\n")));
        int readOnly = 0;
        for (const strata::Proposal &p : result->proposals) {
            for (const strata::PlanCommand &c : p.commands) {
                if (c.readOnly) {
                    ++readOnly;
                    QVERIFY2(script.contains(c.command), qPrintable(c.command));
                } else {
                    QVERIFY2(!script.contains(c.command + QLatin1Char('\n')), qPrintable(c.command));
                }
            }
        }
        QVERIFY(readOnly >= 5);
        for (const QString &line : script.split(QLatin1Char('\n')))
            QVERIFY2(line.startsWith(QLatin1Char('#')) || !line.contains(QStringLiteral(" apply ")), qPrintable(line));

        // A step's finding link selects that finding in the Findings panel.
        const QString key = result->proposals.at(2).findings.first();
        Q_EMIT plan->browser()->anchorClicked(
            QUrl(QStringLiteral("finding:") + QString::fromLatin1(QUrl::toPercentEncoding(key))));
        auto *findings = window.findChild<FindingsView *>(QStringLiteral("findingsView"));
        const int current = findings->currentFinding();
        QVERIFY(current >= 0);
        const strata::Finding &selected = findings->model()->findings().at(current);
        QCOMPARE(selected.id + QLatin1Char(':') + selected.resource, key);
        QTRY_VERIFY(findings->isVisible());

        QTest::keyClick(&window, Qt::Key_8, Qt::ControlModifier);
        QTRY_VERIFY(plan->isVisible());
        auto *dock = window.findChild<QDockWidget *>(QStringLiteral("planDock"));
        window.resizeDocks({ dock }, { 560 }, Qt::Vertical);
        plan->browser()->scrollToAnchor(QString()); // top: the first steps and their commands
        QCoreApplication::processEvents();
        QVERIFY(saveScreenshot(window, QStringLiteral("plan-panel.png")));
    }
};

STRATA_TEST_MAIN(TestPlanPanel)
#include "tst_planpanel.moc"
