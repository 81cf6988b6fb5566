// A case whose evidence could not all be read must never look clean: the
// banner over the diff, the status bar, the Findings panel and the diff's
// cells all say so. And in a clean case the odd cell of each row is marked.
#include "StrataTestMain.h"
#include "WindowDriver.h"

#include "DiffView.h"
#include "MessageBar.h"
#include "PlaceholderView.h"

#include "itemmodels/DiffModel.h"

#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QSettings>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTreeView>

using namespace WindowDriver;
using strata::DiffModel;
using strata::FieldStatus;

namespace {
// Terraform code and state from the reference case, and a live capture that is not there.
QString writeCaseWithMissingLive(const QTemporaryDir &dir)
{
    const QString path = dir.filePath(QStringLiteral("case.yaml"));
    const QByteArray yaml = "strata: 1\ntitle: Live capture lost\nevidence:\n"
                            "  - path: "
        + sharedPath("reference-case/terraform/platform").toUtf8()
        + "\n"
          "  - path: "
        + sharedPath("reference-case/terraform/platform/terraform.tfstate").toUtf8()
        + "\n"
          "  - path: captures/live.yaml\n    role: live\n";
    writeFile(path, yaml);
    return path;
}

QModelIndex fieldRow(QAbstractItemModel *model, const QString &path, int column)
{
    for (int r = 0; r < model->rowCount(); ++r) {
        const QModelIndex resource = model->index(r, 0);
        for (int f = 0; f < model->rowCount(resource); ++f) {
            if (model->index(f, 0, resource).data().toString() == path)
                return model->index(f, column, resource);
        }
    }
    return {};
}
} // namespace

class TestIncompleteCase : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init() { QSettings().clear(); }

    void aMissingFileShowsTheBannerAndNoAllClear()
    {
        QTemporaryDir dir;
        const QString casePath = writeCaseWithMissingLive(dir);
        QVERIFY(!casePath.isEmpty());
        MainWindow window;
        window.resize(1280, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(openAndAnalyse(window, casePath));

        auto *banner = window.findChild<MessageBar *>(QStringLiteral("incompleteBanner"));
        QVERIFY(banner);
        QVERIFY(banner->isVisible());
        QVERIFY2(banner->text().contains(QStringLiteral("1 of 3 evidence files could not be read")),
            qPrintable(banner->text()));
        QVERIFY(window.findChild<QLabel *>(QStringLiteral("completenessLabel"))->isVisible());
        QVERIFY(window.statusBar()->currentMessage().contains(QStringLiteral("INCOMPLETE")));

        // Code and state agree, live is unknown: no findings, and nothing may say "agree".
        QVERIFY(window.analysis()->findings.isEmpty());
        auto *noFindings = window.findChild<PlaceholderView *>(QStringLiteral("findingsPlaceholder"));
        QVERIFY(noFindings->isVisible());
        QVERIFY2(!noFindings->text().contains(QStringLiteral("agree")), qPrintable(noFindings->text()));
        QVERIFY(noFindings->text().contains(QStringLiteral("not an all-clear")));

        // The Live column stays, marked; its cells say "(not read)", the status says why.
        auto *diff = window.findChild<DiffView *>(QStringLiteral("diffView"));
        QTreeView *tree = diff->treeView();
        QVERIFY(!tree->isColumnHidden(DiffModel::LiveColumn));
        QVERIFY(tree->model()
                    ->headerData(DiffModel::LiveColumn, Qt::Horizontal)
                    .toString()
                    .contains(QStringLiteral("not all read")));
        const QModelIndex live = fieldRow(tree->model(), QStringLiteral("data.max_cart_items"), DiffModel::LiveColumn);
        QVERIFY(live.isValid());
        QCOMPARE(live.data().toString(), QStringLiteral("(not read)"));
        QCOMPARE(live.siblingAtColumn(DiffModel::StatusColumn).data().toString(), QStringLiteral("no live evidence"));
        QVERIFY(!(live.data(DiffModel::StatusesRole).toUInt() & unsigned(FieldStatus::Same)));

        QVERIFY(saveScreenshot(window, QStringLiteral("incomplete-case.png")));

        // The banner's link leads to the problems, which name the file.
        QMetaObject::invokeMethod(banner, "linkActivated", Q_ARG(QString, QStringLiteral("problems")));
        auto *problems = window.findChild<QListWidget *>(QStringLiteral("problemsList"));
        QVERIFY(problems->isVisible());
        QTRY_VERIFY(problems->hasFocus());
        QVERIFY(problems->item(0)->text().contains(QStringLiteral("captures/live.yaml")));
    }

    void aCompleteCaseHasNoBanner()
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(openAndAnalyse(window, MainWindow::referenceCasePath()));
        QVERIFY(!window.findChild<MessageBar *>(QStringLiteral("incompleteBanner"))->isVisible());
        QVERIFY(!window.findChild<QLabel *>(QStringLiteral("completenessLabel"))->isVisible());
    }

    void theOddCellCarriesTheMarkNotItsNeighbours()
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(openAndAnalyse(window, MainWindow::referenceCasePath()));
        QAbstractItemModel *model = window.findChild<DiffView *>(QStringLiteral("diffView"))->treeView()->model();
        // Live says true, code, state and replica false: the Live cell is the odd one.
        const QModelIndex live = fieldRow(model, QStringLiteral("data.enable_new_checkout"), DiffModel::LiveColumn);
        QVERIFY(live.isValid());
        QCOMPARE(live.data().toString(), QStringLiteral("true"));
        QVERIFY(live.data(DiffModel::CellStatusRole).toUInt() & unsigned(FieldStatus::Drift));
        for (int neighbour : { int(DiffModel::CodeColumn), int(DiffModel::StateColumn), int(DiffModel::ReplicaColumn) })
            QCOMPARE(live.siblingAtColumn(neighbour).data(DiffModel::CellStatusRole).toUInt(), 0u);
        // The Status cell explains in words.
        const QString tip = live.siblingAtColumn(DiffModel::StatusColumn).data(Qt::ToolTipRole).toString();
        QVERIFY2(tip.contains(QStringLiteral("live differs from state: changed outside Terraform")), qPrintable(tip));
        // A row that agrees carries no mark at all.
        const QModelIndex name = fieldRow(model, QStringLiteral("metadata.name"), DiffModel::LiveColumn);
        for (int c = DiffModel::CodeColumn; c <= DiffModel::ReplicaColumn; ++c)
            QCOMPARE(name.siblingAtColumn(c).data(DiffModel::CellStatusRole).toUInt(), 0u);
    }
};

STRATA_TEST_MAIN(TestIncompleteCase)
#include "tst_incompletecase.moc"
