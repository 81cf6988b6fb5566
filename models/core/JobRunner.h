#pragma once

#include <QObject>
#include <QPointer>
#include <QString>
#include <QThreadPool>

#include <atomic>
#include <functional>
#include <memory>
#include <utility>

namespace strata {

// Handed to a job's work function on the worker thread: lets the work check
// for cancellation and report progress without knowing about the GUI.
class JobContext
{
public:
    using Post = std::function<void(quint64, std::function<void()>)>;
    JobContext(quint64 id, std::shared_ptr<std::atomic_bool> cancelled, std::function<void(quint64, int, int)> progress,
        Post post = {});

    quint64 id() const { return m_id; }
    bool isCancelled() const { return m_cancelled->load(std::memory_order_relaxed); }
    // Thread-safe; delivered to the runner's thread queued.
    void reportProgress(int done, int total) const;
    // Thread-safe: runs `deliver` on the runner's thread, queued and in the
    // order posted, unless the job was cancelled or superseded by then. For
    // results that stream (the history of a field): post them in batches.
    void post(std::function<void()> deliver) const;

private:
    quint64 m_id;
    std::shared_ptr<std::atomic_bool> m_cancelled;
    std::function<void(quint64, int, int)> m_progress;
    Post m_post;
};

// Runs long work (file parsing, network fetches, analysis) off the GUI thread.
// Every job has an id and a channel name; starting a job on a channel cancels
// and supersedes the previous one there, and a superseded job's result is
// dropped instead of delivered. Results come back on the runner's thread,
// queued, in one piece. Used by the main window; tests drive it directly.
class JobRunner : public QObject
{
    Q_OBJECT
public:
    explicit JobRunner(QObject *parent = nullptr);
    ~JobRunner() override;

    // Runs `work` on a pool thread; `onDone` runs on this object's thread with
    // the result, unless the job was cancelled or superseded by then.
    template<typename Result>
    quint64 start(
        const QString &channel, std::function<Result(const JobContext &)> work, std::function<void(Result)> onDone)
    {
        auto cancelled = std::make_shared<std::atomic_bool>(false);
        const quint64 id = beginJob(channel, cancelled);
        QPointer<JobRunner> self(this);
        JobContext context(
            id, cancelled, [self](quint64 jobId, int done, int total) { postProgress(self, jobId, done, total); },
            [self](quint64 jobId, std::function<void()> deliver) { postPartial(self, jobId, std::move(deliver)); });
        m_pool.start([self, id, context, work = std::move(work), onDone = std::move(onDone)]() mutable {
            if (context.isCancelled()) {
                postFinished(self, id, {});
                return;
            }
            auto result = std::make_shared<Result>(work(context));
            postFinished(self, id, [onDone = std::move(onDone), result]() { onDone(std::move(*result)); });
        });
        return id;
    }

    void cancel(quint64 id);
    void cancelAll();
    bool isRunning(quint64 id) const;
    int runningCount() const;
    // Blocks until every started job has left the pool (for shutdown and tests).
    void waitForIdle();

Q_SIGNALS:
    void jobStarted(quint64 id, const QString &channel);
    void jobProgress(quint64 id, int done, int total);
    void jobFinished(quint64 id);
    void jobCancelled(quint64 id);

private:
    struct Running
    {
        quint64 id;
        QString channel;
        std::shared_ptr<std::atomic_bool> cancelled;
    };

    quint64 beginJob(const QString &channel, std::shared_ptr<std::atomic_bool> cancelled);
    void finishJob(quint64 id, const std::function<void()> &deliver);
    static void postProgress(const QPointer<JobRunner> &self, quint64 id, int done, int total);
    static void postFinished(const QPointer<JobRunner> &self, quint64 id, std::function<void()> deliver);
    static void postPartial(const QPointer<JobRunner> &self, quint64 id, std::function<void()> deliver);

    QThreadPool m_pool;
    QList<Running> m_running;
    quint64 m_nextId = 1;
};

} // namespace strata
