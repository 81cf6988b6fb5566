// The window on a case whose Terraform comes from git: the Code column says
// which commit it shows and that the work tree differs, the Sources dock says
// where code came from, and Compare the Work Tree switches (and undoes).

#include "../gui/WindowDriver.h"
#include "StrataTestMain.h"
#include "TestFiles.h"
#include "TestRepository.h"

#include "CommitPickerDialog.h"
#include "DiffView.h"
#include "HistoryView.h"
#include "MainWindow.h"
#include "PlaceholderView.h"
#include "itemmodels/DiffModel.h"
#include "itemmodels/FindingsModel.h"
#include "itemmodels/HistoryModel.h"

#include <QDockWidget>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QTableView>

#include <QDir>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTreeView>
#include <QUndoStack>

using namespace WindowDriver;

namespace {

QString codeHeader(MainWindow &window)
{
    auto *tree = window.findChild<QTreeView *>(QStringLiteral("diffTree"));
    if (!tree)
        qFatal("no diff tree");
    return tree->model()->headerData(strata::DiffModel::CodeColumn, Qt::Horizontal).toString();
}

} // namespace

class TestGitWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void theCodeColumnNamesItsCommitAndTheWorkTree()
    {
        QTemporaryDir tmp;
        TestRepository repo(tmp.filePath(QStringLiteral("infra")));
        const QString stack = sharedPath("reference-case/terraform/platform");
        for (const QString &name : QDir(stack).entryList(QDir::Files))
            repo.write(QStringLiteral("stack/") + name, readFile(stack + QLatin1Char('/') + name));
        const QString commit = repo.commit(QStringLiteral("Platform stack"), QStringLiteral("Ana Lima"),
            QDateTime::fromString(QStringLiteral("2026-10-01T09:00:00+02:00"), Qt::ISODate));
        QByteArray edited = readFile(stack + QStringLiteral("/feature-flags.tf"));
        edited.replace("\"25\"", "\"77\"");
        repo.write(QStringLiteral("stack/feature-flags.tf"), edited);
        const QString casePath = tmp.filePath(QStringLiteral("case.yaml"));
        writeFile(casePath,
            "strata: 1\ntitle: from git\nevidence:\n  - path: "
                + sharedPath("reference-case/artifacts/feature-flags.live.yaml").toUtf8()
                + "\n    role: live\nsources:\n  terraform:\n    repo: infra\n    ref: main\n    dir: stack\n"
                  "    state: stack/terraform.tfstate\n");

        MainWindow window;
        window.resize(1400, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(openAndAnalyse(window, casePath));
        const QString shortId = commit.left(7);
        QVERIFY2(codeHeader(window).contains(QStringLiteral("main @ %1 · ⚠ work tree differs: 1 file").arg(shortId)),
            qPrintable(codeHeader(window)));
        auto *sources = window.findChild<PlaceholderView *>(QStringLiteral("sourcesPlaceholder"));
        QVERIFY(sources->text().contains(QStringLiteral("infra at main = %1 (Ana Lima").arg(shortId)));
        QVERIFY(sources->text().contains(QStringLiteral("stack/feature-flags.tf")));
        QVERIFY(window.analysis()->findings.size() > 0);
        saveScreenshot(window, QStringLiteral("mainwindow-git-source.png"));

        QAction *workTree = action(window, "workTreeAction");
        QVERIFY(workTree->isEnabled());
        QVERIFY(!workTree->isChecked());
        QSignalSpy analysed(&window, &MainWindow::analysisFinished);
        workTree->trigger();
        QVERIFY(analysed.wait(30000));
        QVERIFY(workTree->isChecked());
        QVERIFY2(
            codeHeader(window).contains(QStringLiteral("work tree (1 file changed")), qPrintable(codeHeader(window)));
        QVERIFY(window.currentCase()->terraformSource->workTree);
        bool seventySeven = false;
        for (const strata::ResourceDiff &d : window.analysis()->resources)
            for (const strata::FieldDiff &f : d.fields)
                seventySeven = seventySeven || f.cell(strata::Column::Code).value.text == QLatin1String("77");
        QVERIFY(seventySeven); // the files on disk are what is compared now

        action(window, "undoAction")->trigger();
        QVERIFY(analysed.wait(30000));
        QVERIFY(!workTree->isChecked());
        QVERIFY(codeHeader(window).contains(QStringLiteral("main @ %1").arg(shortId)));
    }

    // History of a diff row, streamed into the History panel, with what the
    // selected commit changed; then the commit picker re-analyses at an older
    // commit, by keyboard, and Undo goes back.
    void historyPanelAndCommitPicker()
    {
        QTemporaryDir tmp;
        TestRepository repo(tmp.filePath(QStringLiteral("infra")));
        const auto flags = [](const char *limit, const char *mode) -> QByteArray {
            return QByteArray(
                       "resource \"kubernetes_config_map\" \"flags\" {\n  metadata {\n    name      = \"flags\"\n"
                       "    namespace = \"shop\"\n  }\n  data = {\n    limit = \"")
                + limit + "\"\n    mode  = \"" + mode + "\"\n  }\n}\n";
        };
        repo.write(QStringLiteral("stack/flags.tf"), flags("25", "strict"));
        const QString c1 = repo.commit(QStringLiteral("Add the shop flags"), QStringLiteral("Ana Lima"),
            QDateTime::fromString(QStringLiteral("2026-10-01T09:00:00+02:00"), Qt::ISODate));
        repo.write(QStringLiteral("stack/flags.tf"), flags("40", "strict"));
        const QString c2 = repo.commit(QStringLiteral("Raise the limit for the sale"), QStringLiteral("Bo Chen"),
            QDateTime::fromString(QStringLiteral("2026-10-02T09:00:00-05:00"), Qt::ISODate));
        repo.write(QStringLiteral("stack/flags.tf"), flags("40", "lenient"));
        repo.commit(QStringLiteral("Lenient mode"), QStringLiteral("Cy Dee"),
            QDateTime::fromString(QStringLiteral("2026-10-03T09:00:00+05:30"), Qt::ISODate));
        writeFile(tmp.filePath(QStringLiteral("live.yaml")),
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: flags\n  namespace: shop\n"
            "  resourceVersion: \"12\"\ndata:\n  limit: \"40\"\n  mode: strict\n");
        const QString casePath = tmp.filePath(QStringLiteral("case.yaml"));
        writeFile(casePath,
            "strata: 1\ntitle: history\nevidence:\n  - path: live.yaml\n    role: live\nsources:\n  terraform:\n"
            "    repo: infra\n    dir: stack\n");

        MainWindow window;
        window.resize(1400, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(openAndAnalyse(window, casePath));
        QVERIFY(action(window, "showHistoryAction")->isEnabled());

        auto *diff = window.findChild<DiffView *>();
        diff->selectFields(QStringLiteral("configmap/shop/flags"), { QStringLiteral("data.limit") });
        diff->treeView()->setFocus();
        QTest::keyClick(diff->treeView(), Qt::Key_H, Qt::ControlModifier); // the shortcut, as a user types it
        auto *history = window.findChild<HistoryView *>();
        QVERIFY(window.findChild<QDockWidget *>(QStringLiteral("historyDock"))->isVisible());
        QTRY_COMPARE_WITH_TIMEOUT(history->model()->rowCount(), 2, 30000);
        auto *status = history->findChild<QLabel *>(QStringLiteral("historyStatus"));
        QTRY_VERIFY_WITH_TIMEOUT(status->text().contains(QLatin1String("2 changes in 3 commits")), 30000);
        QVERIFY(history->findChild<QLabel *>(QStringLiteral("historyQuestion"))
                    ->text()
                    .contains(QLatin1String("data.limit of configmap/shop/flags")));
        using strata::HistoryModel;
        const QAbstractItemModel *rows = history->tableView()->model();
        QCOMPARE(rows->index(0, HistoryModel::CommitColumn).data().toString(), c2.left(7));
        QCOMPARE(rows->index(0, HistoryModel::ChangeColumn).data().toString(),
            QStringLiteral("data.limit: \"25\" → \"40\""));
        QCOMPARE(rows->index(0, HistoryModel::SubjectColumn).data().toString(),
            QStringLiteral("Raise the limit for the sale"));
        QCOMPARE(rows->index(1, HistoryModel::CommitColumn).data().toString(), c1.left(7));
        // The newest change is selected when the walk ends, and its patch shown.
        QTRY_COMPARE_WITH_TIMEOUT(history->shownPatchCommit(), c2, 30000);
        QVERIFY2(history->patchView()->toPlainText().contains(QLatin1String("+    limit = \"40\"")),
            qPrintable(history->patchView()->toPlainText()));
        saveScreenshot(window, QStringLiteral("history-panel.png"));

        // From a finding: its field's history (the drifted data.mode).
        auto *findings = window.findChild<QTreeView *>(QStringLiteral("findingsTree"));
        QModelIndex drift;
        for (int row = 0; row < findings->model()->rowCount(); ++row) {
            const QModelIndex i = findings->model()->index(row, 0);
            if (i.data(strata::FindingsModel::FindingIdRole).toString() == QLatin1String("live-drift"))
                drift = i;
        }
        QVERIFY(drift.isValid());
        findings->setFocus();
        findings->setCurrentIndex(drift);
        action(window, "showHistoryAction")->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(status->text().contains(QLatin1String("2 changes in 3 commits")), 30000);
        QVERIFY(history->findChild<QLabel *>(QStringLiteral("historyQuestion"))
                    ->text()
                    .contains(QLatin1String("data.mode of configmap/shop/flags")));
        QCOMPARE(rows->index(0, HistoryModel::ChangeColumn).data().toString(),
            QStringLiteral("data.mode: \"strict\" → \"lenient\""));

        QSignalSpy analysed(&window, &MainWindow::analysisFinished);
        action(window, "pickCommitAction")->trigger();
        CommitPickerDialog *picker = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((picker = window.findChild<CommitPickerDialog *>()) != nullptr, 10000);
        auto *pickerStatus = picker->findChild<QLabel *>(QStringLiteral("commitPickerStatus"));
        QTRY_VERIFY_WITH_TIMEOUT(pickerStatus->text().contains(QLatin1String("3 commits")), 30000);
        QCOMPARE(picker->tableView()->model()->rowCount(), 4); // main, then three commits
        QTest::keyClicks(picker->filterEdit(), QStringLiteral("add the shop"));
        QCOMPARE(picker->tableView()->model()->rowCount(), 1);
        QCOMPARE(picker->selectedRevision(), c1);
        saveScreenshot(*picker, QStringLiteral("commit-picker.png"));
        QTest::keyClick(picker->filterEdit(), Qt::Key_Return);
        QVERIFY(analysed.wait(30000));
        QCOMPARE(window.currentCase()->terraformSource->ref, c1);
        QVERIFY2(codeHeader(window).contains(c1.left(7)), qPrintable(codeHeader(window)));
        const auto limitIn = [&window]() {
            for (const strata::ResourceDiff &d : window.analysis()->resources)
                for (const strata::FieldDiff &f : d.fields)
                    if (f.path == QLatin1String("data.limit"))
                        return f.cell(strata::Column::Code).value.text;
            return QString();
        };
        QCOMPARE(limitIn(), QStringLiteral("25"));
        action(window, "undoAction")->trigger();
        QVERIFY(analysed.wait(30000));
        QVERIFY(window.currentCase()->terraformSource->ref.isEmpty());
        QCOMPARE(limitIn(), QStringLiteral("40"));
    }

    void aCaseWithoutSourcesSaysSo()
    {
        MainWindow window;
        window.show();
        QVERIFY(openAndAnalyse(window, MainWindow::referenceCasePath()));
        QVERIFY(!action(window, "workTreeAction")->isEnabled());
        auto *sources = window.findChild<PlaceholderView *>(QStringLiteral("sourcesPlaceholder"));
        QVERIFY(sources->text().contains(QStringLiteral("sources.terraform")));
    }
};

STRATA_TEST_MAIN(TestGitWindow)
#include "tst_gitwindow.moc"
