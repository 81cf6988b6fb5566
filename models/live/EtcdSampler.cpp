#include "EtcdSampler.h"

#include "live/CaptureFolder.h"

#include <QDir>
#include <QNetworkAccessManager>

#include <chrono>

namespace strata {

EtcdSampler::EtcdSampler(const CaseFile &caseFile, const EtcdSamplerOptions &options)
    : m_case(caseFile)
    , m_options(options)
{
}

EtcdSampler::~EtcdSampler()
{
    stop();
}

QString EtcdSampler::recordingPath() const
{
    return m_writer.path();
}

QStringList EtcdSampler::endpoints() const
{
    QStringList out;
    for (const EtcdEndpoint &e : m_endpoints)
        out.append(e.url);
    return out;
}

QString EtcdSampler::writeError() const
{
    std::lock_guard lock(m_mutex);
    return m_writeError;
}

bool EtcdSampler::start(QString *error)
{
    m_connection = EtcdConnections::forCase(m_case, m_options.environment);
    if (!m_connection.error.isEmpty()) {
        *error = m_connection.error;
        return false;
    }
    m_endpoints = m_connection.endpoints;
    if (m_connection.cluster) {
        const EtcdDiscovery found = EtcdConnections::discover(m_connection);
        if (!found.endpoints.isEmpty())
            m_endpoints = found.endpoints;
        // Without a member list the named ones are sampled; with one, members it
        // gave no usable URL for are not: either way the recording says so.
        m_discoveryError = found.error;
    }
    if (m_endpoints.size() >= EtcdSample::none) {
        *error = QStringLiteral("%1 endpoints: a recording holds at most 254").arg(m_endpoints.size());
        return false;
    }
    const int interval = m_options.intervalMs > 0 ? m_options.intervalMs
        : m_case.etcdSource                       ? m_case.etcdSource->sampleEveryMs
                                                  : 2000;
    m_options.intervalMs = std::max(250, interval);
    const QString folder = m_case.recordingsFolder();
    if (!QDir().mkpath(folder)) {
        *error = QStringLiteral("%1: cannot create the recordings folder").arg(folder);
        return false;
    }
    const QDateTime started = QDateTime::currentDateTimeUtc();
    QString path;
    for (int n = 1; n < 1000; ++n) {
        path = folder
            + QStringLiteral("/etcd-%1%2.tsv")
                  .arg(started.toString(QStringLiteral("yyyyMMdd'T'HHmmss'Z'")),
                      n == 1 ? QString() : QStringLiteral("-%1").arg(n));
        if (!QFileInfo::exists(path))
            break;
    }
    if (!m_writer.create(path, endpoints(), m_options.intervalMs, started, error))
        return false;
    m_firstTick = std::chrono::steady_clock::now();
    for (int i = 0; i < m_endpoints.size(); ++i)
        m_threads.emplace_back([this, i] { poll(i); });
    return true;
}

void EtcdSampler::stop()
{
    {
        std::lock_guard lock(m_wakeMutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    for (std::thread &t : m_threads)
        t.join();
    m_threads.clear();
}

void EtcdSampler::poll(int index)
{
    using Clock = std::chrono::steady_clock;
    EtcdEndpoint endpoint = m_endpoints.at(index);
    // The request may not outlast the interval by much: a stop waits for it.
    endpoint.timeoutMs
        = int(std::min<qint64>(endpoint.timeoutMs, std::max<qint64>(1000, qint64(m_options.intervalMs) * 2)));
    QNetworkAccessManager network; // this thread's: the connection stays open between samples
    const auto interval = std::chrono::milliseconds(m_options.intervalMs);
    auto next = m_firstTick;
    while (!m_stopping) {
        EtcdRecording::Reading reading;
        reading.timeMs = QDateTime::currentMSecsSinceEpoch();
        reading.endpoint = index;
        // A token that expired (etcd's JWTs last minutes) is renewed within the
        // same tick: an expiry is not an outage.
        for (int attempt = 0; attempt < 2; ++attempt) {
            reading.error.clear();
            if (!m_connection.user.isEmpty() && endpoint.token.isEmpty()) {
                QString authError;
                endpoint.token
                    = EtcdGateway::authenticate(endpoint, m_connection.user, m_connection.password, &authError);
                reading.error = authError;
                if (!reading.error.isEmpty())
                    break;
            }
            const EtcdGatewayResponse r
                = EtcdGateway::post(endpoint, QStringLiteral("/v3/maintenance/status"), "{}", &network);
            reading.latencyMs = r.latencyMs;
            QString parseError;
            const auto status = r.ok() ? EtcdGateway::parseStatus(r.body, endpoint.url, &parseError) : std::nullopt;
            if (status) {
                reading.memberIdHex = status->memberIdHex;
                reading.raftTerm = status->raftTerm;
                reading.raftIndex = status->raftIndex;
                reading.raftAppliedIndex = status->raftAppliedIndex;
                reading.revision = status->revision.value_or(-1);
                reading.leaderIdHex
                    = status->leaderId && *status->leaderId ? QString::number(*status->leaderId, 16) : QString();
                reading.dbSizeBytes = status->dbSizeBytes;
                break;
            }
            reading.error = r.ok() ? parseError : r.error;
            if (r.status != 401 || m_connection.user.isEmpty())
                break;
            endpoint.token.clear(); // expired: authenticate again, once
        }
        {
            std::lock_guard lock(m_mutex);
            QString writeError;
            if (m_writeError.isEmpty() && m_writer.append(reading, &writeError))
                ++m_written;
            else if (m_writeError.isEmpty())
                m_writeError = writeError; // a full disk: said once; what was written stays whole
        }
        if (!reading.error.isEmpty())
            ++m_failed;
        // Fixed ticks from one start for every endpoint, not "interval after
        // the last answer": samples stay aligned, and after a request slower
        // than the interval the next tick on the grid is taken.
        const auto now = Clock::now();
        do
            next += interval;
        while (next <= now);
        std::unique_lock lock(m_wakeMutex);
        m_wake.wait_until(lock, next, [this] { return m_stopping.load(); });
    }
}

} // namespace strata
