// The window on a case whose Terraform comes from git: the Code column says
// which commit it shows and that the work tree differs, the Sources dock says
// where code came from, and Compare the Work Tree switches (and undoes).

#include "../gui/WindowDriver.h"
#include "StrataTestMain.h"
#include "TestFiles.h"
#include "TestRepository.h"

#include "MainWindow.h"
#include "PlaceholderView.h"
#include "itemmodels/DiffModel.h"

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
