// Background jobs: results arrive on the owner's thread, superseded and
// cancelled jobs are dropped, progress is reported. Synchronised with
// semaphores, never with sleeps.
#include "StrataTestMain.h"

#include "core/JobRunner.h"

#include <QSemaphore>
#include <QSignalSpy>
#include <QThread>

using namespace strata;

class TestJobRunner : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void deliversResultOnOwnerThread()
    {
        JobRunner runner;
        QThread *workerThread = nullptr;
        QThread *deliveryThread = nullptr;
        int result = 0;
        QSignalSpy finished(&runner, &JobRunner::jobFinished);
        const quint64 id = runner.start<int>(
            QStringLiteral("sum"),
            [&workerThread](const JobContext &) {
                workerThread = QThread::currentThread();
                return 6 * 7;
            },
            [&](int value) {
                deliveryThread = QThread::currentThread();
                result = value;
            });
        QVERIFY(runner.isRunning(id));
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.first().first().toULongLong(), id);
        QCOMPARE(result, 42);
        QVERIFY(workerThread != QThread::currentThread());
        QCOMPARE(deliveryThread, QThread::currentThread());
        QCOMPARE(runner.runningCount(), 0);
    }

    // The first job is running (its work started) when the second supersedes
    // it, and finishes first: its result still never arrives. (The pool has
    // one thread on two cores, so the second runs only once the first is
    // done; the test once let the first block that thread while it waited
    // for the second, and passed only when the pool picked the first up
    // after it was already cancelled.)
    void supersededJobResultIsDropped()
    {
        JobRunner runner;
        QSemaphore firstStarted, firstMayFinish;
        QStringList delivered;
        QSignalSpy cancelled(&runner, &JobRunner::jobCancelled);
        QSignalSpy finished(&runner, &JobRunner::jobFinished);
        const quint64 first = runner.start<QString>(
            QStringLiteral("open"),
            [&](const JobContext &) {
                firstStarted.release();
                firstMayFinish.acquire();
                return QStringLiteral("old");
            },
            [&delivered](QString s) { delivered.append(s); });
        firstStarted.acquire();
        const quint64 second = runner.start<QString>(
            QStringLiteral("open"), [](const JobContext &) { return QStringLiteral("new"); },
            [&delivered](QString s) { delivered.append(s); });
        QCOMPARE(cancelled.size(), 1);
        QCOMPARE(cancelled.first().first().toULongLong(), first);
        firstMayFinish.release(); // "old" is made, and dropped
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.size(), 1);
        QCOMPARE(finished.first().first().toULongLong(), second);
        runner.waitForIdle();
        QCoreApplication::processEvents();
        QCOMPARE(delivered, QStringList { QStringLiteral("new") });
        QCOMPARE(finished.size(), 1);
    }

    void cancelStopsWorkAndDropsResult()
    {
        JobRunner runner;
        QSemaphore started, mayCheck;
        bool sawCancel = false;
        bool delivered = false;
        const quint64 id = runner.start<int>(
            QStringLiteral("long"),
            [&](const JobContext &context) {
                started.release();
                mayCheck.acquire();
                sawCancel = context.isCancelled();
                return 1;
            },
            [&delivered](int) { delivered = true; });
        started.acquire();
        runner.cancel(id);
        QVERIFY(!runner.isRunning(id));
        mayCheck.release();
        runner.waitForIdle();
        QCoreApplication::processEvents();
        QVERIFY(sawCancel);
        QVERIFY(!delivered);
    }

    void reportsProgress()
    {
        JobRunner runner;
        QSignalSpy progress(&runner, &JobRunner::jobProgress);
        QSignalSpy finished(&runner, &JobRunner::jobFinished);
        runner.start<int>(
            QStringLiteral("count"),
            [](const JobContext &context) {
                for (int i = 1; i <= 3; ++i)
                    context.reportProgress(i, 3);
                return 3;
            },
            [](int) {});
        QVERIFY(finished.wait(10000));
        QCOMPARE(progress.size(), 3);
        QCOMPARE(progress.last().at(1).toInt(), 3);
        QCOMPARE(progress.last().at(2).toInt(), 3);
    }

    // A streamed result: batches arrive in order on the owner's thread before
    // the final one, and a cancelled job's later batches are dropped.
    void postsBatchesInOrderUntilCancelled()
    {
        JobRunner runner;
        QStringList seen;
        QList<QThread *> threads;
        QSignalSpy finished(&runner, &JobRunner::jobFinished);
        runner.start<int>(
            QStringLiteral("stream"),
            [&](const JobContext &context) {
                for (int i = 1; i <= 3; ++i)
                    context.post([&seen, &threads, i] {
                        seen.append(QString::number(i));
                        threads.append(QThread::currentThread());
                    });
                return 3;
            },
            [&seen](int n) { seen.append(QStringLiteral("done %1").arg(n)); });
        QVERIFY(finished.wait(10000));
        QCOMPARE(seen,
            (QStringList { QStringLiteral("1"), QStringLiteral("2"), QStringLiteral("3"), QStringLiteral("done 3") }));
        for (QThread *t : threads)
            QCOMPARE(t, QThread::currentThread());

        QSemaphore posted, mayGoOn;
        QStringList late;
        const quint64 id = runner.start<int>(
            QStringLiteral("stream"),
            [&](const JobContext &context) {
                context.post([&late] { late.append(QStringLiteral("before cancel")); });
                posted.release();
                mayGoOn.acquire();
                context.post([&late] { late.append(QStringLiteral("after cancel")); });
                return 0;
            },
            [](int) {});
        posted.acquire();
        runner.cancel(id);
        mayGoOn.release();
        runner.waitForIdle();
        QCoreApplication::processEvents();
        QVERIFY(late.isEmpty()); // cancelled before either batch was delivered on this thread
    }
};

STRATA_TEST_MAIN(TestJobRunner)
#include "tst_jobrunner.moc"
