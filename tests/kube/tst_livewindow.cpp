// The window on a case with live contexts: the Sources dock lists every
// context of the case's kubeconfig with the roles the case gives and what
// the last read found; a role given there (by keyboard) is an undoable edit
// that reads the contexts again; F5 reads them again; an edit to the
// evidence re-uses the newest capture instead of the network.

#include "../gui/WindowDriver.h"
#include "StrataTestMain.h"
#include "TestApiServer.h"
#include "TestFiles.h"

#include "MainWindow.h"
#include "core/JobRunner.h"
#include "itemmodels/ContextListModel.h"
#include "itemmodels/DiffModel.h"

#include <QAbstractButton>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QFileInfo>
#include <QMessageBox>
#include <QProgressBar>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>

#include <QTest>
#include <QTimer>
#include <QTreeView>
#include <QUndoStack>
#include <memory>

using namespace WindowDriver;
using strata::ContextListModel;

namespace {

int rowOf(QAbstractItemModel *model, const QString &context)
{
    for (int r = 0; r < model->rowCount(); ++r) {
        if (model->index(r, ContextListModel::ContextColumn).data().toString().startsWith(context + QLatin1Char(' '))
            || model->index(r, ContextListModel::ContextColumn).data().toString() == context)
            return r;
    }
    return -1;
}

QString cell(QAbstractItemModel *model, const QString &context, int column)
{
    return model->index(rowOf(model, context), column).data().toString();
}

} // namespace

class TestLiveWindow : public QObject
{
    Q_OBJECT

    // A test API server in `tmp` serving configmap shop/flags (limit 40 at
    // resourceVersion 120, last set by kubectl-edit) to bearer token
    // "planted-token"; null (said) when it cannot start.
    static std::unique_ptr<TestApiServer> shopServer(const QTemporaryDir &tmp)
    {
        QDir().mkpath(tmp.filePath(QStringLiteral("server")));
        auto server = std::make_unique<TestApiServer>(tmp.filePath(QStringLiteral("server")));
        server->setToken(QStringLiteral("planted-token"));
        server->addObject(QStringLiteral("/api/v1/namespaces/shop/configmaps/flags"),
            "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"flags\",\"namespace\":"
            "\"shop\",\"resourceVersion\":\"120\",\"managedFields\":[{\"manager\":\"kubectl-edit\",\"operation\":"
            "\"Update\",\"time\":\"2026-11-30T22:14:05Z\",\"fieldsType\":\"FieldsV1\",\"fieldsV1\":{\"f:data\":{"
            "\"f:limit\":{}}}}]},\"data\":{\"limit\":\"40\"}}");
        QString error;
        if (!server->start(&error)) {
            qWarning("test API server: %s", qPrintable(error));
            return nullptr;
        }
        return server;
    }

private Q_SLOTS:
    void sourcesDockShowsContextsRolesAndReads()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("openssl")).isEmpty())
            QSKIP("openssl is not installed: no certificates for the test API server");
        QTemporaryDir tmp;
        const auto started = shopServer(tmp);
        QVERIFY(started);
        TestApiServer &server = *started;
        writeFile(tmp.filePath(QStringLiteral("kubeconfig")),
            "apiVersion: v1\nkind: Config\nclusters:\n- name: shop\n  cluster:\n    server: " + server.url().toUtf8()
                + "\n    certificate-authority: " + server.caFile().toUtf8()
                + "\n- name: gone\n  cluster: {server: 'https://127.0.0.1:1'}\n"
                  "users:\n- name: sre\n  user: {token: planted-token}\n"
                  "contexts:\n- name: shop-prod\n  context: {cluster: shop, user: sre}\n"
                  "- name: shop-replica\n  context: {cluster: shop, user: sre}\n"
                  "- name: old-cluster\n  context: {cluster: gone, user: sre}\n"
                  "current-context: shop-prod\n");
        writeFile(tmp.filePath(QStringLiteral("state.yaml")),
            "# what terraform state recorded, pasted\n"
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: flags\n  namespace: shop\n  resourceVersion: \"100\"\n"
            "data:\n  limit: \"25\"\n");
        const QString casePath = tmp.filePath(QStringLiteral("case.yaml"));
        writeFile(casePath,
            "strata: 1\ntitle: shop flags\nresources: [configmap/shop/flags]\nevidence:\n"
            "  - path: state.yaml\n    role: state\n"
            "sources:\n  kubernetes:\n    kubeconfig: kubeconfig\n    contexts: {live: shop-prod}\n");

        MainWindow window;
        window.resize(1500, 900);
        window.show();
        QVERIFY(openAndAnalyse(window, casePath));
        auto *view = window.findChild<QTableView *>(QStringLiteral("contextsView"));
        QVERIFY(view && view->isVisible());
        QAbstractItemModel *model = view->model();
        QTRY_COMPARE(model->rowCount(), 3);
        QCOMPARE(cell(model, QStringLiteral("shop-prod"), ContextListModel::RoleColumn), QStringLiteral("live"));
        QVERIFY(cell(model, QStringLiteral("shop-prod"), ContextListModel::ContextColumn)
                    .contains(QLatin1String("current")));
        QVERIFY2(cell(model, QStringLiteral("shop-prod"), ContextListModel::StateColumn)
                     .startsWith(QStringLiteral("✓ v1.30.0-strata-test")),
            qPrintable(cell(model, QStringLiteral("shop-prod"), ContextListModel::StateColumn)));
        QCOMPARE(cell(model, QStringLiteral("shop-prod"), ContextListModel::UserColumn), QStringLiteral("sre (token)"));
        QVERIFY(window.analysis()->capture);
        const int readsAfterOpen = server.requestCount(QStringLiteral("/api/v1/namespaces/shop/configmaps/flags"));
        QCOMPARE(readsAfterOpen, 1);

        // Who set the drifted value, from the live object's managedFields, on its cell.
        auto *tree = window.findChild<QTreeView *>(QStringLiteral("diffTree"));
        QVERIFY(tree);
        QString limitTip;
        const QModelIndex object = tree->model()->index(0, 0);
        for (int r = 0; r < tree->model()->rowCount(object); ++r) {
            if (tree->model()->index(r, 0, object).data().toString() == QLatin1String("data.limit"))
                limitTip
                    = tree->model()->index(r, strata::DiffModel::LiveColumn, object).data(Qt::ToolTipRole).toString();
        }
        QVERIFY2(limitTip.contains(QLatin1String("Last set by kubectl-edit (Update, 2026-11-30T22:14:05Z)")),
            qPrintable(limitTip));

        // The replica role, given by keyboard in the Role column: an undoable edit that reads again.
        QSignalSpy analysed(&window, &MainWindow::analysisFinished);
        view->setFocus();
        view->setCurrentIndex(model->index(rowOf(model, QStringLiteral("old-cluster")), ContextListModel::RoleColumn));
        QTest::keyClick(view, Qt::Key_F2);
        QWidget *editor = QApplication::focusWidget();
        QVERIFY(editor && editor != view);
        // The choices are none, live, replica: End picks the last.
        QTest::keyClick(editor, Qt::Key_End);
        QTest::keyClick(editor, Qt::Key_Return);
        QVERIFY(analysed.wait(30000));
        QCOMPARE(window.currentCase()->kubernetesSource->replicaContext, QStringLiteral("old-cluster"));
        QCOMPARE(cell(model, QStringLiteral("old-cluster"), ContextListModel::RoleColumn), QStringLiteral("replica"));
        QVERIFY2(cell(model, QStringLiteral("old-cluster"), ContextListModel::StateColumn)
                     .contains(QLatin1String("connection refused")),
            qPrintable(cell(model, QStringLiteral("old-cluster"), ContextListModel::StateColumn)));
        QVERIFY(!window.analysis()->completeness.isComplete()); // a context that failed: never an all-clear
        // Said as a source, not a file: a context is not a file.
        QCOMPARE(window.analysis()->completeness.summary(),
            QStringLiteral("1 of 3 evidence sources could not be read — the analysis is incomplete"));
        saveScreenshot(window, QStringLiteral("mainwindow-live-contexts.png"));
        QCOMPARE(server.requestCount(QStringLiteral("/api/v1/namespaces/shop/configmaps/flags")), readsAfterOpen + 1);

        // Undo takes the role back; the capture for that assignment is re-used, no network.
        window.undoStack()->undo();
        QVERIFY(analysed.wait(30000));
        QVERIFY(window.currentCase()->kubernetesSource->replicaContext.isEmpty());
        QVERIFY(window.analysis()->completeness.isComplete());

        // F5 reads the contexts again.
        action(window, "reanalyseAction")->trigger();
        QVERIFY(analysed.wait(30000));
        QTRY_COMPARE(
            server.requestCount(QStringLiteral("/api/v1/namespaces/shop/configmaps/flags")), readsAfterOpen + 2);

        // F5 against a server that does not answer: progress shows, Esc stops
        // the read in flight (its connection closed, not left to time out),
        // and nothing half-read is kept as a capture.
        const QString flags = QStringLiteral("/api/v1/namespaces/shop/configmaps/flags");
        const QStringList capturesBefore
            = QDir(tmp.filePath(QStringLiteral("captures"))).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        server.hold(flags);
        action(window, "reanalyseAction")->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(server.heldRequests(flags), 1, 30000);
        QVERIFY(window.findChild<QProgressBar *>(QStringLiteral("jobProgress"))->isVisibleTo(&window));
        QVERIFY2(window.statusBar()->currentMessage().startsWith(QLatin1String("Reading the live sources")),
            qPrintable(window.statusBar()->currentMessage()));
        QTest::keyClick(&window, Qt::Key_Escape);
        QTRY_COMPARE_WITH_TIMEOUT(server.heldRequests(flags), 0, 5000); // well before the 10 s timeout
        window.jobs()->waitForIdle();
        QCoreApplication::processEvents();
        QVERIFY(!window.findChild<QProgressBar *>(QStringLiteral("jobProgress"))->isVisibleTo(&window));
        server.release(flags);
        QCOMPARE(QDir(tmp.filePath(QStringLiteral("captures"))).entryList(QDir::Dirs | QDir::NoDotAndDotDot),
            capturesBefore);

        // Save As into another folder brings every capture along, off the
        // GUI thread, and says so.
        QDir().mkpath(tmp.filePath(QStringLiteral("elsewhere")));
        QVERIFY(window.saveCaseAs(tmp.filePath(QStringLiteral("elsewhere/case.yaml"))));
        QTRY_VERIFY_WITH_TIMEOUT(window.statusBar()->currentMessage().startsWith(QLatin1String("Brought ")), 30000);
        const auto captures = [&tmp](const QString &folder) {
            return QDir(tmp.filePath(folder)).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
        };
        QVERIFY(!captures(QStringLiteral("captures")).isEmpty());
        QCOMPARE(captures(QStringLiteral("elsewhere/captures")), captures(QStringLiteral("captures")));
        for (const QString &c : captures(QStringLiteral("elsewhere/captures")))
            QVERIFY2(QFile::exists(tmp.filePath(QStringLiteral("elsewhere/captures/%1/manifest.json").arg(c))),
                qPrintable(c));
        saveScreenshot(window, QStringLiteral("mainwindow-saved-elsewhere.png"));
    }

    // The first read through an exec plugin asks, showing the exact command
    // and its kubeconfig; "Run It" is remembered, so the next read does not ask.
    void execPluginsAreAskedAboutOnce()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("openssl")).isEmpty())
            QSKIP("openssl is not installed: no certificates for the test API server");
        QTemporaryDir tmp;
        const auto started = shopServer(tmp);
        QVERIFY(started);
        TestApiServer &server = *started;
        const QString plugin = tmp.filePath(QStringLiteral("sso-login"));
        writeExecPlugin(plugin, "planted-token", tmp.filePath(QStringLiteral("runs")));
        writeFile(tmp.filePath(QStringLiteral("kubeconfig")),
            "apiVersion: v1\nkind: Config\nclusters:\n- name: shop\n  cluster:\n    server: " + server.url().toUtf8()
                + "\n    certificate-authority: " + server.caFile().toUtf8()
                + "\nusers:\n- name: sso\n  user:\n    exec:\n      apiVersion: client.authentication.k8s.io/v1\n"
                  "      command: "
                + plugin.toUtf8()
                + "\n      args: [--profile, shop]\n      interactiveMode: IfAvailable\ncontexts:\n- name: shop\n  "
                  "context: {cluster: shop, user: sso}\n");
        const QString casePath = tmp.filePath(QStringLiteral("case.yaml"));
        writeFile(casePath,
            "strata: 1\nresources: [configmap/shop/flags]\nsources:\n  kubernetes:\n    kubeconfig: kubeconfig\n"
            "    contexts: {live: shop}\n");

        MainWindow window;
        window.show();
        QString asked;
        QString answerWith = QStringLiteral("Run It");
        int questions = 0;
        // Answers the question as a user would, once it is on the screen.
        QTimer answer;
        connect(&answer, &QTimer::timeout, &window, [&] {
            auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
            if (!box || box->objectName() != QLatin1String("execApprovalDialog"))
                return;
            ++questions;
            asked = box->text() + QLatin1Char('\n') + box->informativeText();
            for (QAbstractButton *b : box->buttons()) {
                if (b->text() == answerWith)
                    b->click();
            }
        });
        answer.start(20);
        QVERIFY(openAndAnalyse(window, casePath));
        QCOMPARE(questions, 1);
        QVERIFY2(asked.contains(plugin + QStringLiteral(" --profile shop")), qPrintable(asked));
        QVERIFY2(asked.contains(tmp.filePath(QStringLiteral("kubeconfig"))), qPrintable(asked));
        QVERIFY(window.analysis()->completeness.isComplete());
        QCOMPARE(readFile(tmp.filePath(QStringLiteral("runs"))).count('\n'), 1);

        // F5: read again, through the plugin, without asking again.
        QSignalSpy analysed(&window, &MainWindow::analysisFinished);
        action(window, "reanalyseAction")->trigger();
        QVERIFY(analysed.wait(30000));
        QCOMPARE(questions, 1);
        QVERIFY(window.analysis()->completeness.isComplete());

        // Another plugin, declined: not run, said, and not asked again on F5.
        const QString declined = tmp.filePath(QStringLiteral("other-login"));
        writeExecPlugin(declined, "planted-token", tmp.filePath(QStringLiteral("declined-runs")));
        QByteArray text = readFile(tmp.filePath(QStringLiteral("kubeconfig")));
        text.replace(plugin.toUtf8(), declined.toUtf8());
        writeFile(tmp.filePath(QStringLiteral("kubeconfig")), text);
        answerWith = QStringLiteral("Don't Run");
        action(window, "reanalyseAction")->trigger();
        QVERIFY(analysed.wait(30000));
        QCOMPARE(questions, 2);
        QVERIFY2(asked.contains(declined), qPrintable(asked));
        QVERIFY(!window.analysis()->completeness.isComplete());
        action(window, "reanalyseAction")->trigger();
        QVERIFY(analysed.wait(30000));
        QCOMPARE(questions, 2); // the no is remembered
        QVERIFY(!window.analysis()->completeness.isComplete());
        QVERIFY(!QFileInfo::exists(tmp.filePath(QStringLiteral("declined-runs"))));
    }
};

STRATA_TEST_MAIN(TestLiveWindow)
#include "tst_livewindow.moc"
