#include "JobRunner.h"

#include <QMetaObject>

#include <algorithm>

namespace strata {

JobContext::JobContext(
    quint64 id, std::shared_ptr<std::atomic_bool> cancelled, std::function<void(quint64, int, int)> progress, Post post)
    : m_id(id)
    , m_cancelled(std::move(cancelled))
    , m_progress(std::move(progress))
    , m_post(std::move(post))
{
}

void JobContext::post(std::function<void()> deliver) const
{
    if (m_post && !isCancelled())
        m_post(m_id, std::move(deliver));
}

void JobContext::reportProgress(int done, int total) const
{
    if (m_progress)
        m_progress(m_id, done, total);
}

JobRunner::JobRunner(QObject *parent)
    : QObject(parent)
{
    // Two cores on the machines we target: leave one for the GUI thread.
    m_pool.setMaxThreadCount(std::max(1, QThread::idealThreadCount() - 1));
}

JobRunner::~JobRunner()
{
    cancelAll();
    m_pool.waitForDone();
}

quint64 JobRunner::beginJob(const QString &channel, std::shared_ptr<std::atomic_bool> cancelled)
{
    // A new job on a channel supersedes the one before it.
    for (const Running &r : std::as_const(m_running)) {
        if (r.channel == channel)
            cancel(r.id);
    }
    const quint64 id = m_nextId++;
    m_running.append({ id, channel, std::move(cancelled) });
    Q_EMIT jobStarted(id, channel);
    return id;
}

void JobRunner::cancel(quint64 id)
{
    auto it = std::find_if(m_running.begin(), m_running.end(), [id](const Running &r) { return r.id == id; });
    if (it == m_running.end())
        return;
    it->cancelled->store(true);
    m_running.erase(it);
    Q_EMIT jobCancelled(id);
}

void JobRunner::cancelAll()
{
    const auto running = m_running;
    for (const Running &r : running)
        cancel(r.id);
}

bool JobRunner::isRunning(quint64 id) const
{
    return std::any_of(m_running.cbegin(), m_running.cend(), [id](const Running &r) { return r.id == id; });
}

int JobRunner::runningCount() const
{
    return int(m_running.size());
}

void JobRunner::waitForIdle()
{
    m_pool.waitForDone();
}

void JobRunner::finishJob(quint64 id, const std::function<void()> &deliver)
{
    // Cancelled or superseded jobs were already removed: their result is dropped.
    if (!isRunning(id))
        return;
    m_running.erase(std::remove_if(m_running.begin(), m_running.end(), [id](const Running &r) { return r.id == id; }),
        m_running.end());
    if (deliver)
        deliver();
    Q_EMIT jobFinished(id);
}

void JobRunner::postProgress(const QPointer<JobRunner> &self, quint64 id, int done, int total)
{
    if (!self)
        return;
    QMetaObject::invokeMethod(
        self.data(),
        [self, id, done, total]() {
            if (self && self->isRunning(id))
                Q_EMIT self->jobProgress(id, done, total);
        },
        Qt::QueuedConnection);
}

void JobRunner::postPartial(const QPointer<JobRunner> &self, quint64 id, std::function<void()> deliver)
{
    if (!self)
        return;
    QMetaObject::invokeMethod(
        self.data(),
        [self, id, deliver = std::move(deliver)]() {
            if (self && self->isRunning(id))
                deliver();
        },
        Qt::QueuedConnection);
}

void JobRunner::postFinished(const QPointer<JobRunner> &self, quint64 id, std::function<void()> deliver)
{
    if (!self)
        return;
    QMetaObject::invokeMethod(
        self.data(),
        [self, id, deliver = std::move(deliver)]() {
            if (self)
                self->finishJob(id, deliver);
        },
        Qt::QueuedConnection);
}

} // namespace strata
