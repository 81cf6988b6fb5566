// The window's etcd sampler: File ▸ Record etcd Samples (Ctrl+Shift+R)
// polls the case's etcd endpoints into a recording in the case folder, off
// the GUI thread, with a live count in the status bar; turning it off (or
// opening another case, or closing the window) stops it and analyses again,
// so the recording's term and leader changes reach the timeline.
#include "MainWindow.h"

#include "core/JobRunner.h"
#include "live/EtcdSampler.h"

#include <QAction>
#include <QLabel>
#include <QStatusBar>
#include <QTimer>

using namespace strata;

void MainWindow::createRecordingAction()
{
    m_recordAction = new QAction(QStringLiteral("&Record etcd Samples"), this);
    m_recordAction->setObjectName(QStringLiteral("recordEtcdAction"));
    m_recordAction->setCheckable(true);
    m_recordAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    m_recordAction->setStatusTip(
        QStringLiteral("Sample the status of the case's etcd endpoints into recordings/ beside the case "
                       "(sources.etcd's sample-every); off stops and analyses again"));
    connect(m_recordAction, &QAction::toggled, this, &MainWindow::setRecording);
    m_recordingLabel = new QLabel(this);
    m_recordingLabel->setObjectName(QStringLiteral("recordingLabel"));
    m_recordingLabel->hide();
    statusBar()->addPermanentWidget(m_recordingLabel);
    m_recordingTimer = new QTimer(this);
    m_recordingTimer->setInterval(1000);
    connect(m_recordingTimer, &QTimer::timeout, this, &MainWindow::showRecordingProgress);
}

void MainWindow::setRecording(bool on)
{
    if (!on) {
        stopRecording(true);
        return;
    }
    if (m_sampler)
        return;
    if (m_case && m_case->etcdSource && !m_case->hasOwnFile()) {
        statusBar()->showMessage(
            QStringLiteral("Save the case first: its recordings are kept beside it (recordings/)."), 8000);
        const QSignalBlocker block(m_recordAction);
        m_recordAction->setChecked(false);
        return;
    }
    if (!m_case || !m_case->etcdSource) {
        statusBar()->showMessage(
            QStringLiteral("Nothing to record: the case names no etcd endpoints (sources.etcd)."), 8000);
        const QSignalBlocker block(m_recordAction);
        m_recordAction->setChecked(false);
        return;
    }
    // Finding the members is network work: off the GUI thread, like the sampling itself.
    struct Started
    {
        std::shared_ptr<EtcdSampler> sampler;
        QString error;
    };
    const CaseFile caseFile = *m_case;
    statusBar()->showMessage(QStringLiteral("Starting to record etcd…"));
    m_jobs->start<Started>(
        QStringLiteral("etcd-recording"),
        [caseFile](const JobContext &job) {
            Started out { std::make_shared<EtcdSampler>(caseFile), QString() };
            if (!out.sampler->start(&out.error))
                out.sampler.reset();
            // Superseded (off and on again, another case): stopped here, off the
            // GUI thread, rather than joined when the dropped result is destroyed.
            if (out.sampler && job.isCancelled()) {
                out.sampler->stop();
                out.sampler.reset();
            }
            return out;
        },
        [this](Started started) {
            if (!started.sampler) {
                statusBar()->showMessage(QStringLiteral("Cannot record etcd: %1").arg(started.error), 10000);
                const QSignalBlocker block(m_recordAction);
                m_recordAction->setChecked(false);
                return;
            }
            if (!m_recordAction->isChecked()) { // turned off while it started
                m_sampler = std::move(started.sampler);
                stopRecording(false);
                return;
            }
            m_sampler = std::move(started.sampler);
            m_recordingTimer->start();
            showRecordingProgress();
            statusBar()->showMessage(
                QStringLiteral("Recording %1 into %2")
                    .arg(m_sampler->endpoints().join(QStringLiteral(", ")), m_sampler->recordingPath()),
                8000);
        });
}

void MainWindow::showRecordingProgress()
{
    if (!m_sampler)
        return;
    const qint64 failed = m_sampler->failedSamples();
    const QString writeError = m_sampler->writeError();
    m_recordingLabel->setText(writeError.isEmpty()
            ? QStringLiteral("● Recording etcd: %1 samples%2")
                  .arg(m_sampler->samplesWritten())
                  .arg(failed ? QStringLiteral(", %1 without an answer").arg(failed) : QString())
            : QStringLiteral("⚠ Recording stopped at %1 samples: %2").arg(m_sampler->samplesWritten()).arg(writeError));
    m_recordingLabel->setToolTip(m_sampler->recordingPath());
    m_recordingLabel->show();
}

void MainWindow::stopRecording(bool analyseAfter)
{
    m_recordingTimer->stop();
    m_recordingLabel->hide();
    if (m_recordAction->isChecked()) {
        const QSignalBlocker block(m_recordAction);
        m_recordAction->setChecked(false);
    }
    if (!m_sampler)
        return;
    // Joining the pollers waits for a request in flight: not on the GUI thread.
    std::shared_ptr<EtcdSampler> sampler = std::move(m_sampler);
    const QString path = sampler->recordingPath();
    m_jobs->start<qint64>(
        QStringLiteral("etcd-recording-stop"),
        [sampler](const JobContext &) {
            sampler->stop();
            return sampler->samplesWritten();
        },
        [this, path, analyseAfter](qint64 written) {
            statusBar()->showMessage(QStringLiteral("Recorded %1 samples into %2").arg(written).arg(path), 8000);
            if (analyseAfter && m_case)
                startAnalysis(); // the recording is read with the case
        });
}
