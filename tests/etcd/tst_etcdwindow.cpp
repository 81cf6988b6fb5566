// The etcd tab of the real main window over a live read of a real 3-member
// etcd with one member killed: a row per endpoint (the dead one with its
// error, in red), the leader marked, the analysis incomplete; reached by
// keyboard (Ctrl+7). Saves a screenshot for people to look at.

#include "../gui/WindowDriver.h"
#include "EtcdTestCluster.h"
#include "EtcdTestSupport.h"
#include "StrataTestMain.h"
#include "TestFiles.h"

#include "EtcdView.h"
#include "MainWindow.h"
#include "MessageBar.h"
#include "TimelineView.h"
#include "itemmodels/EtcdEndpointModel.h"

#include <QChart>
#include <QChartView>
#include <QLabel>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace strata;
using namespace EtcdTestSupport;
using namespace WindowDriver;

class TestEtcdWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void theEndpointTableShowsEveryEndpointAndWhatFailed()
    {
        if (!haveEtcd())
            QSKIP(skipReason());
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

    // Ctrl+Shift+R records while leadership is moved; turning it off reads
    // the recording: the term change is an event and every member's sampled
    // term is a line on the chart.
    void aRecordingMadeWhileLeadershipMovesIsCharted()
    {
        if (!haveEtcd())
            QSKIP(skipReason());
        EtcdTestCluster cluster(3);
        QString error;
        QVERIFY2(cluster.start(&error), qPrintable(error));
        QTemporaryDir dir;
        const QString casePath = dir.filePath(QStringLiteral("case.yaml"));
        writeFile(casePath,
            "strata: 1\ntitle: leadership moved\nsources:\n  etcd:\n    endpoints: ["
                + cluster.clientUrls().first().toUtf8() + "]\n    cluster: true\n    sample-every: 250ms\n");
        MainWindow window;
        window.resize(1500, 900);
        window.show();
        QVERIFY(openAndAnalyse(window, casePath));

        auto *label = window.findChild<QLabel *>(QStringLiteral("recordingLabel"));
        QVERIFY(label);
        QTest::keyClick(&window, Qt::Key_R, Qt::ControlModifier | Qt::ShiftModifier);
        QVERIFY(action(window, "recordEtcdAction")->isChecked());
        const auto samples = [label] { return label->text().section(QLatin1Char(' '), 3, 3).toInt(); };
        QTRY_VERIFY_WITH_TIMEOUT(label->isVisible() && samples() >= 9, 30000);
        const int before = cluster.leader();
        QVERIFY2(cluster.moveLeader(before == 0 ? 1 : 0, &error), qPrintable(error));
        const int afterMove = samples();
        QTRY_VERIFY_WITH_TIMEOUT(samples() >= afterMove + 9, 30000);

        QSignalSpy analysed(&window, &MainWindow::analysisFinished);
        QTest::keyClick(&window, Qt::Key_R, Qt::ControlModifier | Qt::ShiftModifier); // off: stops, analyses again
        QVERIFY(analysed.wait(30000));
        QVERIFY(!action(window, "recordEtcdAction")->isChecked());
        QVERIFY(!label->isVisible());
        const AnalysisResult *result = &*window.analysis();
        QCOMPARE(result->recordings.size(), 1);
        int termEvents = 0;
        for (const TimelineEvent &e : result->timeline)
            termEvents += e.text.startsWith(QLatin1String("raft term ")) ? 1 : 0;
        QCOMPARE(termEvents, 1);

        // The chart: one sampled term line per member, and the live status's term at its read time.
        QTest::keyClick(&window, Qt::Key_4, Qt::ControlModifier);
        auto *timeline = window.findChild<TimelineView *>();
        QVERIFY(timeline && timeline->isVisible());
        int memberLines = 0, reported = 0;
        for (const QAbstractSeries *series : timeline->chartView()->chart()->series()) {
            memberLines += series->name().startsWith(QStringLiteral("term · ")) ? 1 : 0;
            reported += series->name().endsWith(QLatin1String("at capture time")) ? 1 : 0;
        }
        QStringList names;
        for (const QAbstractSeries *series : timeline->chartView()->chart()->series())
            names.append(series->name());
        QVERIFY2(memberLines == 3, qPrintable(names.join(QStringLiteral(" | "))));
        QCOMPARE(reported, 1);
        QVERIFY(saveScreenshot(window, QStringLiteral("timeline-recording-move-leader.png")));
    }
};

STRATA_TEST_MAIN(TestEtcdWindow)
#include "tst_etcdwindow.moc"
