// The main window's etcd History panel (View ▸ Show etcd History,
// Ctrl+Shift+H, from a diff row or a finding): every version etcd holds of
// the selected object, read in the background from the case's
// sources.etcd, captured into the case like every live read, and shown
// newest first with what each revision changed. The walk, decoding and
// capture are in models/; this only wires them.

#include "MainWindow.h"

#include "DiffView.h"
#include "EtcdHistoryView.h"
#include "FindingsView.h"

#include "core/ControlCharacters.h"
#include "core/JobRunner.h"
#include "history/EtcdObjectHistory.h"
#include "history/FieldHistory.h"
#include "itemmodels/EtcdHistoryModel.h"

#include <QAction>
#include <QDockWidget>
#include <QPointer>
#include <QTableView>
#include <QTreeView>

using namespace strata;

namespace {

// What the background read gives the window: the object's history, or why there is none.
struct EtcdHistoryRead
{
    EtcdObjectHistory history;
    QString error;
    bool cancelled = false;
};

EtcdHistoryRead readHistory(const CaseFile &caseFile, const ResourceId &id, const JobContext &context)
{
    EtcdHistoryRead read;
    const EtcdHistoryManifest manifest = EtcdHistoryCapture::capture(
        caseFile, { EtcdHistoryTarget { id, {}, {} } }, 1000, QProcessEnvironment::systemEnvironment(), &context);
    read.cancelled = manifest.cancelled;
    if (!manifest.error.isEmpty() || manifest.keys.isEmpty()) {
        read.error = manifest.error;
        return read;
    }
    QStringList problems;
    const QList<EtcdObjectHistory> all = EtcdObjectHistories::read(manifest, &problems);
    read.history = all.value(0);
    if (!problems.isEmpty())
        read.error = problems.join(QStringLiteral("; "));
    return read;
}

} // namespace

void MainWindow::createEtcdHistory()
{
    m_etcdHistoryView = new EtcdHistoryView(this);
    QDockWidget *dock = addDock(
        QStringLiteral("etcd History"), QStringLiteral("etcdHistoryDock"), m_etcdHistoryView, Qt::BottomDockWidgetArea);
    tabifyDockWidget(findChild<QDockWidget *>(QStringLiteral("historyDock")), dock);
    findChild<QDockWidget *>(QStringLiteral("timelineDock"))->raise();
    connect(m_jobs, &JobRunner::jobCancelled, m_etcdHistoryView, [this](quint64 id) {
        if (id == m_etcdHistoryJob && id != 0)
            m_etcdHistoryView->setStatus(QStringLiteral("Cancelled: nothing was kept"));
    });

    m_showEtcdHistoryAction = new QAction(QStringLiteral("Show &etcd History"), this);
    m_showEtcdHistoryAction->setObjectName(QStringLiteral("showEtcdHistoryAction"));
    m_showEtcdHistoryAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_H));
    m_showEtcdHistoryAction->setStatusTip(
        QStringLiteral("Every version etcd holds of the selected object, and what each revision changed"));
    connect(m_showEtcdHistoryAction, &QAction::triggered, this, &MainWindow::showEtcdHistory);
    m_diffView->treeView()->addAction(m_showEtcdHistoryAction);
    m_findingsView->treeView()->addAction(m_showEtcdHistoryAction);
}

void MainWindow::showEtcdHistory()
{
    QDockWidget *dock = findChild<QDockWidget *>(QStringLiteral("etcdHistoryDock"));
    dock->show();
    dock->raise();
    if (!m_case || !m_case->etcdSource) {
        m_etcdHistoryView->begin(QString());
        m_etcdHistoryView->setStatus(QStringLiteral("etcd History reads endpoints: this case has no sources.etcd."));
        return;
    }
    const std::optional<HistoryTarget> target = historyTarget();
    if (!target) {
        m_etcdHistoryView->begin(QString());
        m_etcdHistoryView->setStatus(QStringLiteral("Select a row of the diff or a finding first."));
        return;
    }
    m_jobs->cancel(std::exchange(m_etcdHistoryJob, 0)); // the read this one replaces stops quietly
    m_etcdHistoryView->begin(QStringLiteral("Versions of %1 in etcd").arg(target->resource.toString()));
    m_etcdHistoryView->setStatus(QStringLiteral("Reading the versions from etcd…"));
    m_etcdHistoryView->tableView()->setFocus();
    const CaseFile caseFile = *m_case;
    const ResourceId id = target->resource;
    QPointer<EtcdHistoryView> view(m_etcdHistoryView);
    m_etcdHistoryJob = m_jobs->start<EtcdHistoryRead>(
        QStringLiteral("etcd-history"),
        [caseFile, id](const JobContext &context) { return readHistory(caseFile, id, context); },
        [view](EtcdHistoryRead read) {
            if (!view || read.cancelled)
                return;
            if (read.history.key.isEmpty()) {
                view->setStatus(escapeControlCharacters(QStringLiteral("Not read: %1").arg(read.error)));
                return;
            }
            view->showHistory(read.history);
            if (!read.error.isEmpty())
                view->setStatus(view->model()->summary() + QStringLiteral("; ") + escapeControlCharacters(read.error));
        });
}
