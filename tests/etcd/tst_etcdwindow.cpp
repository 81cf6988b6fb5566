// The etcd tab of the real main window over a live read of a real 3-member
// etcd with one member killed: a row per endpoint (the dead one with its
// error, in red), the leader marked, the analysis incomplete; reached by
// keyboard (Ctrl+7). Saves a screenshot for people to look at.

#include "../gui/WindowDriver.h"
#include "EtcdTestCluster.h"
#include "EtcdTestSupport.h"
#include "StrataTestMain.h"
#include "TestFiles.h"

#include "DiffView.h"
#include "EtcdHistoryView.h"
#include "EtcdView.h"
#include "MainWindow.h"
#include "MessageBar.h"
#include "TimelineChartView.h"
#include "TimelineView.h"
#include "itemmodels/EtcdEndpointModel.h"
#include "itemmodels/EtcdHistoryModel.h"
#include "kube/StoredObjectEncoder.h"

#include <QChart>
#include <QChartView>
#include <QDockWidget>
#include <QLabel>
#include <QLegend>
#include <QLegendMarker>
#include <QPlainTextEdit>
#include <QScatterSeries>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QTreeView>
#include <QWheelEvent>

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
        // Room to read it, as a user would give it by dragging the dock's edge.
        auto *timelineDock = window.findChild<QDockWidget *>(QStringLiteral("timelineDock"));
        window.resizeDocks({ timelineDock }, { 520 }, Qt::Vertical);
        window.resizeDocks({ timelineDock }, { 1100 }, Qt::Horizontal);
        QTRY_VERIFY(timeline->height() > 400);
        int memberLines = 0, reported = 0;
        QStringList memberIds;
        for (const TimelineChartData::MemberSteps &m : timeline->shownData().memberTerms)
            memberIds.append(m.member);
        for (const QAbstractSeries *series : timeline->chartView()->chart()->series()) {
            memberLines += memberIds.contains(series->name()) ? 1 : 0; // each member's term, named by its id
            reported += series->name().endsWith(QLatin1String("at capture time")) ? 1 : 0;
        }
        QStringList names;
        for (const QAbstractSeries *series : timeline->chartView()->chart()->series())
            names.append(series->name());
        QVERIFY2(memberLines == 3, qPrintable(names.join(QStringLiteral(" | "))));
        QCOMPARE(reported, 1);
        // Who led: a band for the leader before the move and one for the member it moved to.
        QStringList bands;
        for (const QAbstractSeries *series : timeline->chartView()->chart()->series()) {
            if (series->name().startsWith(QStringLiteral("leader · ")))
                bands.append(series->name());
        }
        QCOMPARE(bands.size(), 2);
        QCOMPARE(bands.at(0), QStringLiteral("leader · ") + cluster.memberId(before));
        QCOMPARE(bands.at(1), QStringLiteral("leader · ") + cluster.memberId(before == 0 ? 1 : 0));
        QVERIFY(saveScreenshot(window, QStringLiteral("timeline-recording-move-leader.png")));

        // The crosshair reads every member's term and index at the cursor.
        auto *chartView = static_cast<TimelineChartView *>(timeline->chartView());
        const QPoint middle = chartView->mapFromScene(chartView->chart()->plotArea().center());
        QTest::mouseMove(chartView->viewport(), middle);
        QTRY_VERIFY(chartView->crosshairText().contains(QStringLiteral("term · ")));
        QVERIFY(chartView->crosshairText().contains(QStringLiteral("leader: ")));
        QCOMPARE(chartView->crosshairText().count(QStringLiteral("index · ")), 3);

        // The wheel zooms in around the cursor; the window is said; 0 resets.
        QVERIFY(!timeline->zoom().isZoomed());
        const qint64 fullSpan = timeline->zoom().to - timeline->zoom().from;
        for (int notch = 0; notch < 3; ++notch) {
            QWheelEvent wheel(QPointF(middle), chartView->viewport()->mapToGlobal(QPointF(middle)), {}, QPoint(0, 120),
                Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
            QApplication::sendEvent(chartView->viewport(), &wheel);
        }
        QTRY_VERIFY(timeline->zoom().isZoomed());
        QVERIFY(timeline->zoom().to - timeline->zoom().from < fullSpan * 6 / 10); // 0.8³ ≈ 0.51
        auto *windowLabel = timeline->findChild<QLabel *>(QStringLiteral("timelineWindow"));
        QTRY_VERIFY(windowLabel->text().startsWith(QStringLiteral("Zoomed: ")));
        QVERIFY(timeline->findChild<QToolButton *>(QStringLiteral("timelineResetZoom"))->isEnabled());
        QVERIFY(saveScreenshot(*timeline, QStringLiteral("timeline-zoomed.png")));
        chartView->setFocus();
        QTest::keyClick(chartView, Qt::Key_0);
        QTRY_VERIFY(!timeline->zoom().isZoomed());

        // The legend hides and shows a member's line.
        const QString line = timeline->shownData().memberTerms.first().member;
        QLegendMarker *marker = nullptr;
        for (QLegendMarker *m : chartView->chart()->legend()->markers()) {
            if (m->series()->name() == line)
                marker = m;
        }
        QVERIFY(marker && marker->isVisible());
        QCOMPARE(marker->label(), line); // one entry per member, named by its id
        const auto indexLine = [&]() -> QAbstractSeries * {
            for (QAbstractSeries *series : chartView->chart()->series()) {
                if (series->name() == QStringLiteral("index · ") + line)
                    return series;
            }
            return nullptr;
        };
        QVERIFY(indexLine() && indexLine()->isVisible());
        Q_EMIT marker->clicked(); // hides the member's term and index
        QTRY_VERIFY(!marker->series()->isVisible());
        QVERIFY(!indexLine()->isVisible());
        Q_EMIT marker->clicked();
        QTRY_VERIFY(marker->series()->isVisible());
        QVERIFY(indexLine()->isVisible());

        // An event selected in the table is marked on the chart; a marker clicked selects its event.
        QTableView *table = timeline->tableView();
        int termRow = -1;
        for (int row = 0; row < table->model()->rowCount(); ++row) {
            if (table->model()->index(row, 2).data().toString().startsWith(QStringLiteral("raft term ")))
                termRow = row;
        }
        QVERIFY(termRow >= 0);
        table->selectRow(termRow);
        const auto selectedMarker = [&]() -> QScatterSeries * {
            for (QAbstractSeries *s : chartView->chart()->series()) {
                if (s->name() == QLatin1String("selected event"))
                    return static_cast<QScatterSeries *>(s);
            }
            return nullptr;
        };
        QTRY_VERIFY(selectedMarker() != nullptr);
        QCOMPARE(qint64(selectedMarker()->at(0).x()), result->timeline.at(termRow).time.toMSecsSinceEpoch());
        table->clearSelection();
        table->setCurrentIndex({});
        QScatterSeries *lane = nullptr;
        for (QAbstractSeries *s : chartView->chart()->series()) {
            auto *scatter = qobject_cast<QScatterSeries *>(s);
            if (scatter && scatter->count() > 0 && s->name() != QLatin1String("selected event")
                && !s->name().endsWith(QLatin1String("at capture time")))
                lane = scatter;
        }
        QVERIFY(lane);
        const QPointF first = lane->at(0);
        Q_EMIT lane->clicked(first);
        QTRY_VERIFY(table->currentIndex().isValid());
        QCOMPARE(result->timeline.at(table->currentIndex().row()).time.toMSecsSinceEpoch(), qint64(first.x()));

        // Exported as PNG and SVG, as it shows.
        QTemporaryDir out;
        QString exportError;
        QVERIFY2(
            timeline->exportChart(out.filePath(QStringLiteral("chart.png")), &exportError), qPrintable(exportError));
        QVERIFY(readFile(out.filePath(QStringLiteral("chart.png"))).startsWith("\x89PNG"));
        QVERIFY2(
            timeline->exportChart(out.filePath(QStringLiteral("chart.svg")), &exportError), qPrintable(exportError));
        const QByteArray svg = readFile(out.filePath(QStringLiteral("chart.svg")));
        QVERIFY(svg.contains("<svg") && svg.contains("Strata timeline"));
        QVERIFY(!timeline->exportChart(out.filePath(QStringLiteral("chart.gif")), &exportError));
        QVERIFY(exportError.contains(QStringLiteral(".png or .svg")));
    }

    // Ctrl+Shift+H on a diff row: every version etcd holds of the object,
    // newest first, what each revision changed, the newest selected and
    // shown whole below.
    void theEtcdHistoryPanelShowsEveryVersion()
    {
        if (!haveEtcd())
            QSKIP(skipReason());
        EtcdTestCluster cluster(1);
        QString error;
        QVERIFY2(cluster.start(&error), qPrintable(error));
        const QString url = cluster.clientUrls().first();
        const auto flags = [](const QByteArray &mode, const QByteArray &limit) -> QByteArray {
            return StoredObjectEncoder::encode("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":"
                                               "\"flags\",\"namespace\":\"shop\",\"creationTimestamp\":"
                                               "\"2026-11-30T10:00:00Z\"},\"data\":{\"mode\":\""
                + mode + "\",\"limit\":\"" + limit + "\"}}");
        };
        const QByteArray key = "/registry/configmaps/shop/flags";
        const qint64 created = put(url, key, flags("classic", "25"));
        const qint64 edited = put(url, key, flags("new-checkout", "25"));
        const qint64 raised = put(url, key, flags("new-checkout", "40"));
        QTemporaryDir dir;
        writeFile(dir.filePath(QStringLiteral("live.yaml")),
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: flags\n  namespace: shop\n  resourceVersion: \""
                + QByteArray::number(raised) + "\"\ndata:\n  limit: \"40\"\n  mode: new-checkout\n");
        const QString casePath = dir.filePath(QStringLiteral("case.yaml"));
        writeFile(casePath,
            "strata: 1\ntitle: flags in etcd\nresources: [configmap/shop/flags]\nevidence:\n  - path: live.yaml\n"
            "    role: live\nsources:\n  etcd:\n    endpoints: ["
                + url.toUtf8() + "]\n");
        MainWindow window;
        window.resize(1500, 900);
        window.show();
        QVERIFY(openAndAnalyse(window, casePath));
        QVERIFY(action(window, "showEtcdHistoryAction")->isEnabled());

        auto *diff = window.findChild<DiffView *>();
        diff->selectFields(QStringLiteral("configmap/shop/flags"), { QStringLiteral("data.mode") });
        diff->treeView()->setFocus();
        QTest::keyClick(diff->treeView(), Qt::Key_H, Qt::ControlModifier | Qt::ShiftModifier);
        auto *view = window.findChild<EtcdHistoryView *>();
        QVERIFY(window.findChild<QDockWidget *>(QStringLiteral("etcdHistoryDock"))->isVisible());
        QTRY_COMPARE_WITH_TIMEOUT(view->model()->rowCount(), 3, 30000);
        const QAbstractItemModel *rows = view->tableView()->model();
        using strata::EtcdHistoryModel;
        QCOMPARE(rows->index(0, EtcdHistoryModel::RevisionColumn).data().toString(), QString::number(raised));
        QCOMPARE(rows->index(0, EtcdHistoryModel::ChangeColumn).data().toString(),
            QStringLiteral("data.limit: \"25\" → \"40\""));
        QCOMPARE(rows->index(1, EtcdHistoryModel::RevisionColumn).data().toString(), QString::number(edited));
        QCOMPARE(rows->index(1, EtcdHistoryModel::ChangeColumn).data().toString(),
            QStringLiteral("data.mode: \"classic\" → \"new-checkout\""));
        QCOMPARE(rows->index(2, EtcdHistoryModel::ChangeColumn).data().toString(), QStringLiteral("created"));
        QCOMPARE(rows->index(0, EtcdHistoryModel::EncodingColumn).data().toString(), QStringLiteral("protobuf"));
        auto *status = view->findChild<QLabel *>(QStringLiteral("etcdHistoryStatus"));
        QVERIFY2(
            status->text().contains(QStringLiteral("created at revision %1").arg(created)), qPrintable(status->text()));
        QTRY_VERIFY(view->versionView()->toPlainText().contains(QStringLiteral("data.mode: \"new-checkout\"")));
        // Another version selected by keyboard: its fields below.
        view->tableView()->setFocus();
        QTest::keyClick(view->tableView(), Qt::Key_End, Qt::ControlModifier); // the oldest version
        QTRY_VERIFY(view->versionView()->toPlainText().contains(QStringLiteral("data.mode: \"classic\"")));
        QVERIFY(saveScreenshot(window, QStringLiteral("etcd-history-panel.png")));
    }
};

STRATA_TEST_MAIN(TestEtcdWindow)
#include "tst_etcdwindow.moc"
