// The main window's git commands: the History panel (View ▸ Show History,
// Ctrl+H, from a diff row or a finding), which walks the repository in the
// background and shows each change as it is found; and File ▸ Analyse at
// Commit… (Ctrl+Shift+G), the commit picker, an undoable edit of the case's
// `ref`. The walks and reads are in models/history; this only wires them.

#include "MainWindow.h"

#include "CommitPickerDialog.h"
#include "DiffView.h"
#include "FindingsView.h"
#include "HistoryView.h"

#include "core/ControlCharacters.h"
#include "core/JobRunner.h"
#include "history/CommitCatalog.h"
#include "history/FieldHistory.h"
#include "itemmodels/DiffModel.h"
#include "itemmodels/FindingsModel.h"
#include "itemmodels/HistoryModel.h"

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QPointer>
#include <QStatusBar>
#include <QTableView>
#include <QTreeView>

using namespace strata;

void MainWindow::createHistory()
{
    m_historyView = new HistoryView(this);
    QDockWidget *dock
        = addDock(QStringLiteral("History"), QStringLiteral("historyDock"), m_historyView, Qt::BottomDockWidgetArea);
    tabifyDockWidget(findChild<QDockWidget *>(QStringLiteral("timelineDock")), dock);
    findChild<QDockWidget *>(QStringLiteral("timelineDock"))->raise();
    connect(m_historyView, &HistoryView::commitSelected, this, &MainWindow::showCommitPatch);
    connect(m_jobs, &JobRunner::jobCancelled, m_historyView, [this](quint64 id) {
        if (id == m_historyJob && id != 0)
            m_historyView->setStatus(QStringLiteral("Cancelled: %1 changes found before it stopped")
                                         .arg(m_historyView->model()->rowCount()));
    });

    m_showHistoryAction = new QAction(QStringLiteral("Show &History"), this);
    m_showHistoryAction->setObjectName(QStringLiteral("showHistoryAction"));
    m_showHistoryAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_H));
    m_showHistoryAction->setStatusTip(
        QStringLiteral("The commits that changed what the code says for the selected field, object or finding"));
    connect(m_showHistoryAction, &QAction::triggered, this, &MainWindow::showHistory);
    m_diffView->treeView()->addAction(m_showHistoryAction);
    m_findingsView->treeView()->addAction(m_showHistoryAction);
    m_findingsView->treeView()->setContextMenuPolicy(Qt::ActionsContextMenu);

    m_pickCommitAction = new QAction(QStringLiteral("Analyse at &Commit…"), this);
    m_pickCommitAction->setObjectName(QStringLiteral("pickCommitAction"));
    m_pickCommitAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_G));
    m_pickCommitAction->setStatusTip(
        QStringLiteral("Read the Terraform code and state at another branch, tag or commit (sources.terraform)"));
    connect(m_pickCommitAction, &QAction::triggered, this, &MainWindow::chooseCommit);
}

// The selected finding when the Findings panel has focus, else the diff's current row.
std::optional<HistoryTarget> MainWindow::historyTarget() const
{
    QString resource, field;
    QWidget *focus = QApplication::focusWidget();
    const QModelIndex finding = m_findingsView->treeView()->currentIndex();
    if (focus && m_findingsView->isAncestorOf(focus) && finding.isValid()) {
        resource = finding.data(FindingsModel::ResourceRole).toString();
        field = finding.data(FindingsModel::PathsRole).toStringList().value(0);
    } else {
        const QModelIndex row = m_diffView->treeView()->currentIndex();
        resource = row.data(DiffModel::ResourceIdRole).toString();
        field = row.data(DiffModel::PathRole).toString();
    }
    const auto id = ResourceId::parse(resource);
    if (!id)
        return std::nullopt;
    return HistoryTarget { *id, field, std::nullopt };
}

void MainWindow::showHistory()
{
    QDockWidget *dock = findChild<QDockWidget *>(QStringLiteral("historyDock"));
    dock->show();
    dock->raise();
    if (!m_case || !m_case->terraformSource || m_case->terraformSource->workTree) {
        m_historyView->begin(QString());
        m_historyView->setStatus(m_case && m_case->terraformSource
                ? QStringLiteral("History reads commits: File ▸ Compare the Work Tree is on.")
                : QStringLiteral("History needs a git repository: this case has no sources.terraform."));
        return;
    }
    const std::optional<HistoryTarget> target = historyTarget();
    if (!target) {
        m_historyView->begin(QString());
        m_historyView->setStatus(QStringLiteral("Select a row of the diff or a finding first."));
        return;
    }
    // The walk this one replaces stops without saying "cancelled" over the new one.
    m_jobs->cancel(std::exchange(m_historyJob, 0));
    m_historyView->begin(target->field.isEmpty()
            ? QStringLiteral("History of %1 in the code").arg(target->resource.toString())
            : QStringLiteral("History of %1 of %2 in the code").arg(target->field, target->resource.toString()));
    m_historyView->setStatus(QStringLiteral("Walking the commits…"));
    m_historyView->tableView()->setFocus();
    const CaseFile caseFile = *m_case;
    const HistoryTarget asked = *target;
    QPointer<HistoryView> view(m_historyView);
    m_historyJob = m_jobs->start<HistoryResult>(
        QStringLiteral("history"),
        [caseFile, asked, view](const JobContext &context) {
            // Changes cross to the window in batches: the first at once, then
            // every 50 changes or 100 ms, so a long walk never floods it.
            QList<FieldChange> batch;
            QElapsedTimer sinceFlush;
            sinceFlush.start();
            bool first = true;
            const auto flush = [&] {
                if (batch.isEmpty())
                    return;
                context.post([view, changes = std::exchange(batch, {})] {
                    if (view)
                        view->model()->appendChanges(changes);
                });
                first = false;
                sinceFlush.restart();
            };
            HistoryResult result = FieldHistory::run(
                caseFile, { asked }, 0, &context,
                [&](const FieldChange &change) {
                    batch.append(change);
                    if (first || batch.size() >= 50 || sinceFlush.elapsed() >= 100)
                        flush();
                },
                FieldHistory::sensitivePathsOfState(caseFile));
            flush();
            result.changes.clear(); // delivered already
            return result;
        },
        [this](HistoryResult result) {
            const qsizetype changes = m_historyView->model()->rowCount();
            QString status = QStringLiteral("%1 change%2 in %3 commits (%4 read)")
                                 .arg(changes)
                                 .arg(changes == 1 ? QString() : QStringLiteral("s"))
                                 .arg(result.commitsWalked)
                                 .arg(result.commitsRead);
            if (result.shallow)
                status += QStringLiteral("; a shallow clone: older commits are not in it");
            if (!result.diagnostics.isEmpty())
                status += QStringLiteral("; ") + escapeControlCharacters(result.diagnostics.first().toString());
            m_historyView->setStatus(status);
            if (changes > 0 && !m_historyView->tableView()->currentIndex().isValid())
                m_historyView->tableView()->selectRow(0);
        });
}

void MainWindow::showCommitPatch(const QString &commitId)
{
    if (!m_case || commitId.isEmpty())
        return;
    const CaseFile caseFile = *m_case;
    m_jobs->start<GitCommitPatch>(
        QStringLiteral("commit-patch"),
        [caseFile, commitId](const JobContext &) { return CommitCatalogs::patch(caseFile, commitId); },
        [this, commitId](GitCommitPatch patch) {
            m_historyView->showPatch(commitId,
                patch.error.isEmpty()
                    ? (patch.text.isEmpty() ? QStringLiteral("(nothing changed in the stack's folder)") : patch.text)
                    : patch.error);
        });
}

void MainWindow::chooseCommit()
{
    if (!m_case || !m_case->terraformSource)
        return;
    auto *dialog = new CommitPickerDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const CaseFile caseFile = *m_case;
    QPointer<CommitPickerDialog> picker(dialog);
    const quint64 job = m_jobs->start<CommitCatalog>(
        QStringLiteral("commit-catalog"),
        [caseFile](const JobContext &context) {
            return CommitCatalogs::read(caseFile, CommitCatalogs::defaultLimit, &context);
        },
        [picker](CommitCatalog catalog) {
            if (picker)
                picker->setCatalog(catalog);
        });
    connect(dialog, &QDialog::finished, this, [this, dialog, job](int result) {
        m_jobs->cancel(job);
        const QString revision = dialog->selectedRevision();
        if (result != QDialog::Accepted || revision.isEmpty() || !m_case || !m_case->terraformSource)
            return;
        if (m_case->terraformSource->ref == revision && !m_case->terraformSource->workTree)
            return;
        CaseFile after = *m_case;
        after.terraformSource->ref = revision;
        after.terraformSource->workTree = false; // a commit was chosen: read it, not the disk
        pushEdit(QStringLiteral("Analyse at %1").arg(revision.size() == 40 ? revision.left(7) : revision), after);
    });
    dialog->open();
}
