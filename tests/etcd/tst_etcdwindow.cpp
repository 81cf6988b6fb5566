// The etcd tab of the real main window over a live read of a real 3-member
// etcd with one member killed: a row per endpoint (the dead one with its
// error, in red), the leader marked, the analysis incomplete; reached by
// keyboard (Ctrl+7). Saves a screenshot for people to look at.

#include "../gui/WindowDriver.h"
#include "EtcdTestCluster.h"
#include "StrataTestMain.h"
#include "TestFiles.h"

#include "EtcdView.h"
#include "MainWindow.h"
#include "MessageBar.h"
#include "itemmodels/EtcdEndpointModel.h"

#include <QLabel>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace strata;
using namespace WindowDriver;

class TestEtcdWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void theEndpointTableShowsEveryEndpointAndWhatFailed()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("etcd")).isEmpty()
            || QStandardPaths::findExecutable(QStringLiteral("etcdctl")).isEmpty())
            QSKIP("etcd-server or etcd-client is not installed (scripts/install-deps.sh installs them)");
        EtcdTestCluster cluster(3);
        QString error;
        QVERIFY2(cluster.start(&error), qPrintable(error));
        // A follower: the two left keep their leader, so the table has one to show.
        const int killed = cluster.follower();
        cluster.kill(killed);
        const QString down = cluster.clientUrls().at(killed);
        QTemporaryDir dir;
        const QString casePath = dir.filePath(QStringLiteral("case.yaml"));
        writeFile(casePath,
            "strata: 1\ntitle: etcd members\nsources:\n  etcd:\n    endpoints: ["
                + cluster.clientUrls().join(QStringLiteral(", ")).toUtf8() + "]\n    timeout: 2s\n");

        MainWindow window;
        window.resize(1500, 900);
        window.show();
        QVERIFY(openAndAnalyse(window, casePath));

        // Ctrl+7 brings the etcd tab forward with the table focused.
        QTest::keyClick(&window, Qt::Key_7, Qt::ControlModifier);
        auto *tabs = window.findChild<QTabWidget *>(QStringLiteral("centralTabs"));
        auto *view = window.findChild<EtcdView *>();
        QVERIFY(tabs && view);
        QCOMPARE(tabs->currentWidget(), view);
        QTRY_VERIFY(view->tableView()->hasFocus());

        const EtcdEndpointModel *model = view->model();
        QCOMPARE(model->rowCount(), 3);
        int leaders = 0, failed = 0;
        for (int row = 0; row < model->rowCount(); ++row) {
            const QString endpoint = model->index(row, EtcdEndpointModel::EndpointColumn).data().toString();
            const QString state
                = model->index(row, EtcdEndpointModel::ErrorsColumn).data(EtcdEndpointModel::StateRole).toString();
            const QString errors = model->index(row, EtcdEndpointModel::ErrorsColumn).data().toString();
            QVERIFY(cluster.clientUrls().contains(endpoint));
            if (endpoint == down) {
                ++failed;
                QCOMPARE(state, QStringLiteral("error"));
                QVERIFY2(errors.contains(QLatin1String("connection refused")), qPrintable(errors));
                QCOMPARE(model->index(row, EtcdEndpointModel::TermColumn).data().toString(), QStringLiteral("—"));
            } else {
                QVERIFY2(errors.isEmpty(), qPrintable(errors));
                QVERIFY(model->index(row, EtcdEndpointModel::LatencyColumn)
                            .data()
                            .toString()
                            .endsWith(QLatin1String(" ms")));
                QCOMPARE(model->index(row, EtcdEndpointModel::ApplyLagColumn).data().toInt(), 0);
                leaders += state == QLatin1String("leader") ? 1 : 0;
            }
        }
        QCOMPARE(failed, 1);
        QCOMPARE(leaders, 1);
        QVERIFY2(view->summaryLabel()->text().contains(QLatin1String("read live")),
            qPrintable(view->summaryLabel()->text()));
        // A member that did not answer: never an all-clear.
        QVERIFY(window.findChild<MessageBar *>(QStringLiteral("incompleteBanner"))->isVisible());
        QVERIFY(saveScreenshot(window, QStringLiteral("mainwindow-etcd-endpoints.png")));
    }
};

STRATA_TEST_MAIN(TestEtcdWindow)
#include "tst_etcdwindow.moc"
