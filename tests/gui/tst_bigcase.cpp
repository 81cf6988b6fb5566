// A case the size of a real namespace, used as a user would: thousands of
// objects, one evidence file missing, keyboard only. The window must say the
// analysis is incomplete, F7 must land on the replica rows that differ, and
// the filter must find one object among thousands.
#include "StrataTestMain.h"
#include "WindowDriver.h"

#include "DiffView.h"
#include "MessageBar.h"
#include "SystemView.h"

#include "itemmodels/DiffModel.h"
#include "itemmodels/SystemOverview.h"

#include <QApplication>
#include <QGraphicsItem>
#include <QGraphicsScene>
#include <QLineEdit>
#include <QSettings>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTreeView>

using namespace WindowDriver;
using strata::DiffModel;

namespace {
constexpr int objects = 2000;
constexpr int everyNthDiffers = 37;

// A kubectl List of ConfigMaps; in the live copy every 37th has flag "on".
QByteArray configMapList(bool live)
{
    QByteArray out = "apiVersion: v1\nkind: List\nitems:\n";
    for (int i = 0; i < objects; ++i) {
        const bool on = live && i % everyNthDiffers == 0;
        out += "- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: cm-" + QByteArray::number(i)
            + "\n    namespace: shop\n  data:\n    flag: \"" + (on ? "on" : "off") + "\"\n    size: \""
            + QByteArray::number(i) + "\"\n";
    }
    return out;
}
} // namespace

class TestBigCase : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init() { QSettings().clear(); }

    void thousandsOfObjectsWithAMissingFileByKeyboard()
    {
        QTemporaryDir dir;
        writeFile(dir.filePath(QStringLiteral("live.yaml")), configMapList(true));
        writeFile(dir.filePath(QStringLiteral("replica.yaml")), configMapList(false));
        const QString casePath = dir.filePath(QStringLiteral("case.yaml"));
        writeFile(casePath,
            "strata: 1\ntitle: big shop\nevidence:\n  - path: live.yaml\n    role: live\n"
            "  - path: replica.yaml\n    role: replica\n  - path: gone.tfstate\n");
        MainWindow window;
        window.resize(1280, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QVERIFY(openAndAnalyse(window, casePath));

        QVERIFY(window.findChild<MessageBar *>(QStringLiteral("incompleteBanner"))->isVisible());
        QCOMPARE(window.analysis()->resources.size(), objects);
        auto *diff = window.findChild<DiffView *>(QStringLiteral("diffView"));
        QTreeView *tree = diff->treeView();
        QCOMPARE(tree->model()->rowCount(), objects);

        // F7 from the diff: each stop is a data.flag row where the replica is the odd cell.
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_1, Qt::ControlModifier);
        QTRY_VERIFY(tree->hasFocus());
        for (int step = 0; step < 3; ++step) {
            QTest::keyClick(tree, Qt::Key_F7);
            const QModelIndex current = tree->currentIndex();
            QCOMPARE(current.siblingAtColumn(DiffModel::FieldColumn).data().toString(), QStringLiteral("data.flag"));
            QVERIFY(current.siblingAtColumn(DiffModel::ReplicaColumn).data(DiffModel::CellStatusRole).toUInt()
                & unsigned(strata::FieldStatus::Stale));
        }

        // Differences only: exactly the objects whose live flag is "on".
        QTest::keyClick(tree, Qt::Key_D, Qt::ControlModifier);
        QCOMPARE(tree->model()->rowCount(), (objects + everyNthDiffers - 1) / everyNthDiffers);
        QTest::keyClick(tree, Qt::Key_D, Qt::ControlModifier);

        // The filter finds one object among thousands as the user types.
        QTest::keyClick(tree, Qt::Key_F, Qt::ControlModifier);
        QTRY_VERIFY(diff->filterEdit()->hasFocus());
        QTest::keyClicks(diff->filterEdit(), QStringLiteral("cm-1999"));
        QCOMPARE(tree->model()->rowCount(), 1);
        QVERIFY(saveScreenshot(window, QStringLiteral("big-case.png")));

        // The System view folds the namespace's objects into one box, and a
        // double-click on it shows them one by one.
        auto *tabs = window.findChild<QTabWidget *>(QStringLiteral("centralTabs"));
        auto *system = window.findChild<SystemView *>(QStringLiteral("systemView"));
        tabs->setCurrentWidget(system);
        const int folded = system->componentCount();
        QVERIFY2(folded < 10, qPrintable(QString::number(folded)));
        QGraphicsItem *group = nullptr;
        for (QGraphicsItem *item : system->scene()->items()) {
            if (item->data(0).toString() == strata::SystemOverview::groupId(QStringLiteral("shop")))
                group = item;
        }
        QVERIFY(group);
        QVERIFY(saveScreenshot(window, QStringLiteral("big-case-system.png")));
        system->centerOn(group);
        const QPoint at = system->mapFromScene(group->sceneBoundingRect().center());
        QTest::mouseDClick(system->viewport(), Qt::LeftButton, {}, at);
        qsizetype inventoried = 0; // the objects the inventory names: those that differ or are investigated
        for (const strata::Component &c : window.analysis()->components)
            inventoried += c.kind == QLatin1String("kubernetes-object");
        QVERIFY(inventoried > strata::SystemOverview::foldAbove);
        QCOMPARE(system->componentCount(), folded - 1 + inventoried);
    }
};

STRATA_TEST_MAIN(TestBigCase)
#include "tst_bigcase.moc"
