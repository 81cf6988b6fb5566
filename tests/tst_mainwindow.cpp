// The real main window on the offscreen platform: docks, menus, opening the
// reference case in the background, persistence, failures, and a screenshot
// saved into the build tree (tests/screenshots/) for people to look at.
#include "StrataTestMain.h"

#include "AboutDialog.h"
#include "DiffView.h"
#include "FindingsView.h"
#include "MainWindow.h"
#include "PlaceholderView.h"
#include "StatusColors.h"
#include "SystemView.h"
#include "TimelineView.h"

#include "core/BuildInfo.h"
#include "core/JobRunner.h"
#include "itemmodels/EvidenceListModel.h"
#include "itemmodels/FindingsModel.h"
#include "itemmodels/TimelineModel.h"

#include <QAction>
#include <QClipboard>
#include <QDir>
#include <QDockWidget>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QProgressBar>
#include <QSettings>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTreeView>

namespace {

QAction *action(QWidget &window, const char *name)
{
    return window.findChild<QAction *>(QString::fromLatin1(name));
}

bool openAndWait(MainWindow &window, const QString &path)
{
    QSignalSpy inspected(&window, &MainWindow::evidenceInspected);
    window.openCase(path);
    return inspected.wait(20000);
}

bool openAndAnalyse(MainWindow &window, const QString &path)
{
    QSignalSpy analysed(&window, &MainWindow::analysisFinished);
    window.openCase(path);
    return analysed.wait(30000);
}

void saveScreenshot(QWidget &widget, const QString &name)
{
    const QString dir = QStringLiteral(STRATA_TEST_BINARY_DIR "/screenshots");
    QDir().mkpath(dir);
    QVERIFY(widget.grab().save(dir + QLatin1Char('/') + name));
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init() { QSettings().clear(); }

    void showsDocksMenusAndPlaceholders()
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        for (const char *dock : { "sourcesDock", "evidenceDock", "timelineDock", "findingsDock" }) {
            auto *d = window.findChild<QDockWidget *>(QString::fromLatin1(dock));
            QVERIFY2(d, dock);
            QVERIFY2(d->isVisible(), dock);
        }
        auto *viewMenu = window.findChild<QMenu *>(QStringLiteral("viewMenu"));
        QVERIFY(viewMenu);
        auto *panels = window.findChild<QMenu *>(QStringLiteral("panelsMenu"));
        QVERIFY(panels);
        QCOMPARE(panels->actions().size(), 7); // one toggle per dock, both History panels and the Plan included
        QVERIFY(window.findChild<QDockWidget *>(QStringLiteral("planDock")));
        QVERIFY(window.findChild<QDockWidget *>(QStringLiteral("etcdHistoryDock")));
        QVERIFY(window.findChild<QDockWidget *>(QStringLiteral("historyDock")));
        for (const char *name :
            { "nextDifferenceAction", "previousDifferenceAction", "differencesOnlyAction", "filterDiffAction" })
            QVERIFY2(viewMenu->actions().contains(action(window, name)), name);
        QVERIFY(!action(window, "exportAction")->isEnabled());
        QVERIFY(!action(window, "saveAction")->isEnabled());
        QVERIFY(!action(window, "saveAsAction")->isEnabled());
        QVERIFY(action(window, "openAction")->isEnabled());
        QVERIFY(!window.findChild<QMenu *>(QStringLiteral("recentMenu"))->isEnabled());
        auto *diff = window.findChild<PlaceholderView *>(QStringLiteral("diffPlaceholder"));
        QVERIFY(diff->text().contains(QStringLiteral("No case is open")));
    }

    void opensTheReferenceCaseAndSavesAScreenshot()
    {
        MainWindow window;
        window.resize(1280, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(openAndAnalyse(window, MainWindow::referenceCasePath()));
        QVERIFY(window.currentCase().has_value());
        QCOMPARE(window.windowTitle().remove(QStringLiteral("[*]")),
            QStringLiteral("The cluster that disagrees with itself"));
        QVERIFY(window.analysis().has_value());
        auto *view = window.findChild<QTableView *>(QStringLiteral("evidenceView"));
        QVERIFY(view->isVisible());
        QCOMPARE(view->model()->rowCount(), 7);
        QCOMPARE(
            view->model()->index(1, strata::EvidenceListModel::RoleColumn).data().toString(), QStringLiteral("live"));
        QVERIFY(action(window, "saveAction")->isEnabled());
        QVERIFY(action(window, "exportAction")->isEnabled()); // an analysis to report

        const QString dir = QStringLiteral(STRATA_TEST_BINARY_DIR "/screenshots");
        QDir().mkpath(dir);
        auto *diff = window.findChild<DiffView *>(QStringLiteral("diffView"));
        QVERIFY(diff->isVisible());
        diff->differencesOnlyAction()->setChecked(true);
        const QImage shot = window.grab().toImage();
        QVERIFY(shot.save(dir + QStringLiteral("/mainwindow-reference-case.png")));
        window.findChild<QTabWidget *>(QStringLiteral("centralTabs"))->setCurrentIndex(1);
        saveScreenshot(window, QStringLiteral("mainwindow-system.png"));
        window.findChild<QTabWidget *>(QStringLiteral("centralTabs"))->setCurrentIndex(0);
        // Not a blank image: a real window has many colours.
        QSet<QRgb> colours;
        for (int y = 0; y < shot.height(); y += 7)
            for (int x = 0; x < shot.width(); x += 7)
                colours.insert(shot.pixel(x, y));
        QVERIFY2(colours.size() > 10, qPrintable(QString::number(colours.size())));
    }

    void diffAndFindingsWorkTogether()
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(openAndAnalyse(window, MainWindow::referenceCasePath()));
        auto *diff = window.findChild<DiffView *>(QStringLiteral("diffView"));
        QTreeView *tree = diff->treeView();
        QVERIFY(tree->model()->rowCount() >= 1);
        const QModelIndex resource = tree->model()->index(0, 0);
        QCOMPARE(resource.data().toString(), QStringLiteral("configmap/platform/feature-flags"));

        // F7 walks the differences, in order, and wraps.
        tree->setFocus();
        diff->nextDifference();
        const QString first = tree->currentIndex().siblingAtColumn(0).data().toString();
        diff->nextDifference();
        const QString second = tree->currentIndex().siblingAtColumn(0).data().toString();
        QVERIFY(first != second);
        QVERIFY(QStringList({ QStringLiteral("data.enable_new_checkout"), QStringLiteral("data.max_cart_items") })
                    .contains(first));
        diff->previousDifference();
        QCOMPARE(tree->currentIndex().siblingAtColumn(0).data().toString(), first);

        // Copy row: tab-separated, as shown.
        diff->copyRow();
        QVERIFY(QGuiApplication::clipboard()->text().startsWith(first + QLatin1Char('\t')));

        // "Differences only" hides agreeing fields.
        diff->differencesOnlyAction()->setChecked(true);
        QCOMPARE(tree->model()->rowCount(tree->model()->index(0, 0)), 2);
        diff->differencesOnlyAction()->setChecked(false);

        // Selecting a finding selects its fields in the diff.
        auto *findings = window.findChild<FindingsView *>(QStringLiteral("findingsView"));
        QVERIFY(findings->isVisible());
        QAbstractItemModel *fm = findings->treeView()->model();
        QModelIndex drift;
        for (int r = 0; r < fm->rowCount(); ++r) {
            if (fm->index(r, 0).data(strata::FindingsModel::FindingIdRole).toString() == QLatin1String("live-drift"))
                drift = fm->index(r, 0);
        }
        QVERIFY(drift.isValid());
        findings->treeView()->setCurrentIndex(drift);
        QStringList selected;
        for (const QModelIndex &i : tree->selectionModel()->selectedIndexes()) {
            if (i.column() == 0)
                selected.append(i.data().toString());
        }
        selected.sort();
        QCOMPARE(selected,
            (QStringList { QStringLiteral("data.enable_new_checkout"), QStringLiteral("data.max_cart_items") }));

        auto *timeline = window.findChild<TimelineView *>(QStringLiteral("timelineView"));
        QVERIFY(timeline->model()->rowCount() >= 3);
        QVERIFY(window.findChild<SystemView *>(QStringLiteral("systemView"))->componentCount() >= 5);
    }

    void longWorkCanBeCancelled()
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QSignalSpy opened(&window, &MainWindow::caseOpened);
        window.openCase(MainWindow::referenceCasePath());
        QAction *cancel = action(window, "cancelJobsAction");
        QVERIFY(cancel->isEnabled());
        QVERIFY(window.findChild<QProgressBar *>(QStringLiteral("jobProgress"))->isVisibleTo(&window));
        cancel->trigger();
        // The job may still be running on its thread; its result must be dropped.
        window.jobs()->waitForIdle();
        QCoreApplication::processEvents();
        QCOMPARE(opened.size(), 0);
        QVERIFY(!window.currentCase().has_value());
        QVERIFY(!cancel->isEnabled());
        QVERIFY(!window.findChild<QProgressBar *>(QStringLiteral("jobProgress"))->isVisibleTo(&window));
    }

    void layoutAndRecentFilesPersist()
    {
        QTemporaryDir dir;
        const QString casePath = dir.filePath(QStringLiteral("incident.yaml"));
        {
            QFile f(casePath);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("strata: 1\ntitle: Persisted\nevidence: []\n");
        }
        {
            MainWindow window;
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            window.resize(900, 640);
            window.findChild<QDockWidget *>(QStringLiteral("findingsDock"))->hide();
            QVERIFY(openAndWait(window, casePath));
            window.close();
        }
        MainWindow again;
        again.show();
        QVERIFY(QTest::qWaitForWindowExposed(&again));
        QCOMPARE(again.size(), QSize(900, 640));
        QVERIFY(!again.findChild<QDockWidget *>(QStringLiteral("findingsDock"))->isVisible());
        QVERIFY(again.findChild<QDockWidget *>(QStringLiteral("evidenceDock"))->isVisible());
        auto *recent = again.findChild<QMenu *>(QStringLiteral("recentMenu"));
        QVERIFY(recent->isEnabled());
        QCOMPARE(recent->actions().first()->data().toString(), casePath);

        // The recent entry opens the case.
        QSignalSpy opened(&again, &MainWindow::caseOpened);
        recent->actions().first()->trigger();
        QVERIFY(opened.wait(20000));
        QCOMPARE(again.windowTitle().remove(QStringLiteral("[*]")), QStringLiteral("Persisted"));
    }

    void badCaseIsReportedAndTheOpenCaseKept()
    {
        QTemporaryDir dir;
        const QString bad = dir.filePath(QStringLiteral("bad.yaml"));
        {
            QFile f(bad);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("strata: 1\nevidence: [unclosed\n");
        }
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(openAndWait(window, MainWindow::referenceCasePath()));
        QSignalSpy failed(&window, &MainWindow::caseOpenFailed);
        window.openCase(bad);
        QVERIFY(failed.wait(20000));
        QVERIFY(failed.first().at(1).toString().startsWith(bad + QLatin1Char(':')));
        auto *box = window.findChild<QMessageBox *>(QStringLiteral("openFailedBox"));
        QVERIFY(box);
        QTRY_VERIFY(box->isVisible());
        QVERIFY(box->informativeText().contains(bad));
        // What was open stays open.
        QCOMPARE(window.windowTitle().remove(QStringLiteral("[*]")),
            QStringLiteral("The cluster that disagrees with itself"));
        box->close();
    }

    void saveAsWritesACaseThatReopens()
    {
        QTemporaryDir dir;
        MainWindow window;
        window.show();
        QVERIFY(openAndWait(window, MainWindow::referenceCasePath()));
        const QString target = dir.filePath(QStringLiteral("copy.yaml"));
        QVERIFY(window.saveCaseAs(target));
        QCOMPARE(window.currentCase()->filePath, target);
        QVERIFY(openAndWait(window, target));
        auto *view = window.findChild<QTableView *>(QStringLiteral("evidenceView"));
        for (int row = 0; row < view->model()->rowCount(); ++row)
            QVERIFY(view->model()->index(row, 0).data(strata::EvidenceListModel::ExistsRole).toBool());
    }

    void aboutNamesVersionsAndLicences()
    {
        MainWindow window;
        window.show();
        action(window, "aboutAction")->trigger();
        auto *dialog = window.findChild<AboutDialog *>(QStringLiteral("aboutDialog"));
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible());
        const QString text = dialog->findChild<QLabel *>(QStringLiteral("aboutText"))->text();
        QVERIFY(text.contains(strata::BuildInfo::version()));
        QVERIFY(text.contains(QString::fromLatin1(qVersion())));
        for (const auto &dep : strata::BuildInfo::dependencies()) {
            QVERIFY(!dep.version.isEmpty());
            QVERIFY2(text.contains(dep.name.toHtmlEscaped()) && text.contains(dep.license.toHtmlEscaped()),
                qPrintable(dep.name));
        }
        dialog->close();
    }

    void placeholdersFollowThePalette()
    {
        PlaceholderView view(QStringLiteral("x"));
        QPalette dark;
        dark.setColor(QPalette::Window, QColor(0x20, 0x20, 0x20));
        dark.setColor(QPalette::WindowText, QColor(0xee, 0xee, 0xee));
        dark.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x80, 0x90, 0xa0));
        view.setPalette(dark);
        auto *label = view.findChild<QLabel *>(QStringLiteral("placeholderText"));
        // The palette's muted colour where it is readable…
        QCOMPARE(label->palette().color(QPalette::WindowText), QColor(0x80, 0x90, 0xa0));
        // …and lifted to WCAG AA where it is not.
        dark.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x30, 0x30, 0x30));
        view.setPalette(dark);
        QVERIFY(
            StatusColors::contrastRatio(label->palette().color(QPalette::WindowText), QColor(0x20, 0x20, 0x20)) >= 4.5);
    }
};

STRATA_TEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
