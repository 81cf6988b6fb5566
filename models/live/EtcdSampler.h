#pragma once

#include "case/CaseFile.h"
#include "etcd/EtcdRecording.h"
#include "live/EtcdConnection.h"

#include <QProcessEnvironment>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace strata {

struct EtcdSamplerOptions
{
    int intervalMs = 0; // 0: the case's sample-every
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
};

// Polls every endpoint of a case's etcd (after `cluster: true` discovery)
// at a fixed interval, each endpoint on its own thread with its own
// connection (kept open: a TLS handshake is not repeated every second), and
// appends each status — or the error — to a recording in the case folder
// (recordings/etcd-<UTC>.tsv, EtcdRecording). An endpoint that stops
// answering is recorded as such and polled on; the others are not held up.
// Memory stays flat however long it runs: samples go to the file, not to
// memory. stop() ends it within one request timeout, the file whole.
class EtcdSampler
{
public:
    EtcdSampler(const CaseFile &caseFile, const EtcdSamplerOptions &options = {});
    ~EtcdSampler();
    EtcdSampler(const EtcdSampler &) = delete;
    EtcdSampler &operator=(const EtcdSampler &) = delete;

    // Discovers the members, creates the recording and starts polling; the
    // error says why not (no endpoint, the folder not writable …).
    bool start(QString *error);
    void stop();

    QString recordingPath() const;
    QStringList endpoints() const;
    qint64 samplesWritten() const { return m_written.load(); }
    qint64 failedSamples() const { return m_failed.load(); }
    QString writeError() const; // the first failure to write, "" when none
    // cluster: true found no member list: only the named endpoints are sampled ("" when it did).
    QString discoveryError() const { return m_discoveryError; }

private:
    void poll(int endpoint);

    CaseFile m_case;
    EtcdSamplerOptions m_options;
    EtcdConnection m_connection;
    QList<EtcdEndpoint> m_endpoints;
    EtcdRecording::Writer m_writer;
    mutable std::mutex m_mutex; // the writer, m_writeError
    QString m_writeError;
    QString m_discoveryError;
    std::chrono::steady_clock::time_point m_firstTick;
    std::mutex m_wakeMutex;
    std::condition_variable m_wake;
    std::atomic_bool m_stopping { false };
    std::atomic<qint64> m_written { 0 };
    std::atomic<qint64> m_failed { 0 };
    std::vector<std::thread> m_threads;
};

} // namespace strata
