// MainWindow's case editing: New Case, Add Evidence (dialogs and drops),
// Remove, a role chosen in the Evidence dock, F5, and undo of all of it.
// Each edit is a CaseEditCommand over the plain CaseFile value; applying one
// re-inspects and re-analyses the case off the GUI thread.
#include "MainWindow.h"

#include "CaseEditCommand.h"
#include "DocumentDialog.h"
#include "MessageBar.h"

#include "case/CaseEditing.h"
#include "case/CaseFileReader.h"
#include "core/JobRunner.h"
#include "itemmodels/ContextListModel.h"
#include "itemmodels/EvidenceListModel.h"

#include <QAction>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QItemSelectionModel>
#include <QMimeData>
#include <QStatusBar>
#include <QTableView>
#include <QUndoStack>

using namespace strata;

namespace {
QStringList localPaths(const QMimeData *mime)
{
    QStringList paths;
    if (!mime || !mime->hasUrls())
        return paths;
    for (const QUrl &url : mime->urls()) {
        if (url.isLocalFile())
            paths.append(url.toLocalFile());
    }
    return paths;
}
} // namespace

void MainWindow::createEditActions()
{
    m_undo = new QUndoStack(this);
    connect(m_undo, &QUndoStack::cleanChanged, this, [this](bool clean) { setWindowModified(!clean); });

    m_newAction = new QAction(QStringLiteral("&New Case…"), this);
    m_newAction->setObjectName(QStringLiteral("newCaseAction"));
    m_newAction->setShortcut(QKeySequence::New);
    m_newAction->setStatusTip(QStringLiteral("Pick a folder for a new case, then add evidence to it"));
    connect(m_newAction, &QAction::triggered, this, &MainWindow::chooseNewCaseFolder);

    m_addEvidenceAction = new QAction(QStringLiteral("Add &Evidence…"), this);
    m_addEvidenceAction->setObjectName(QStringLiteral("addEvidenceAction"));
    m_addEvidenceAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    m_addEvidenceAction->setStatusTip(QStringLiteral("Add files to the case (or drop them onto the window)"));
    connect(m_addEvidenceAction, &QAction::triggered, this, &MainWindow::chooseEvidenceFiles);

    m_addFolderAction = new QAction(QStringLiteral("Add Evidence &Folder…"), this);
    m_addFolderAction->setObjectName(QStringLiteral("addEvidenceFolderAction"));
    m_addFolderAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    m_addFolderAction->setStatusTip(QStringLiteral("Add a folder of Terraform files to the case"));
    connect(m_addFolderAction, &QAction::triggered, this, &MainWindow::chooseEvidenceFolder);

    m_removeEvidenceAction = new QAction(QStringLiteral("&Remove Evidence"), this);
    m_removeEvidenceAction->setObjectName(QStringLiteral("removeEvidenceAction"));
    m_removeEvidenceAction->setShortcut(QKeySequence::Delete);
    // Only while the Evidence list has focus: Delete in a text box deletes text.
    m_removeEvidenceAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_removeEvidenceAction->setStatusTip(QStringLiteral("Remove the selected evidence from the case (Delete)"));
    connect(m_removeEvidenceAction, &QAction::triggered, this, &MainWindow::removeSelectedEvidence);

    m_reanalyseAction = new QAction(QStringLiteral("Analyse A&gain"), this);
    m_reanalyseAction->setObjectName(QStringLiteral("reanalyseAction"));
    m_reanalyseAction->setShortcut(QKeySequence::Refresh);
    m_reanalyseAction->setStatusTip(
        QStringLiteral("Read the evidence and the live contexts again and redo the analysis"));
    connect(m_reanalyseAction, &QAction::triggered, this, [this] {
        m_readLive = true; // F5 reads the live contexts again too
        reanalyse();
    });

    // sources.terraform reads a commit; this compares the files on disk
    // instead (the case's `worktree: true`), as an edit that can be undone.
    m_workTreeAction = new QAction(QStringLiteral("Compare the &Work Tree"), this);
    m_workTreeAction->setObjectName(QStringLiteral("workTreeAction"));
    m_workTreeAction->setCheckable(true);
    m_workTreeAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_W));
    m_workTreeAction->setStatusTip(
        QStringLiteral("Read the Terraform code from the files on disk instead of the commit (sources.terraform)"));
    connect(m_workTreeAction, &QAction::triggered, this, [this](bool onDisk) {
        if (!m_case || !m_case->terraformSource || m_case->terraformSource->workTree == onDisk)
            return;
        CaseFile after = *m_case;
        after.terraformSource->workTree = onDisk;
        pushEdit(onDisk ? QStringLiteral("Compare the Work Tree") : QStringLiteral("Compare the Commit"), after);
    });

    m_undoAction = m_undo->createUndoAction(this, QStringLiteral("&Undo"));
    m_undoAction->setObjectName(QStringLiteral("undoAction"));
    m_undoAction->setShortcut(QKeySequence::Undo);
    m_redoAction = m_undo->createRedoAction(this, QStringLiteral("&Redo"));
    m_redoAction->setObjectName(QStringLiteral("redoAction"));
    m_redoAction->setShortcuts(QKeySequence::Redo);

    m_userGuideAction = new QAction(QStringLiteral("&User Guide"), this);
    m_userGuideAction->setObjectName(QStringLiteral("userGuideAction"));
    m_userGuideAction->setShortcut(QKeySequence::HelpContents);
    connect(m_userGuideAction, &QAction::triggered, this, &MainWindow::showUserGuide);

    setAcceptDrops(true);
}

void MainWindow::chooseNewCaseFolder()
{
    const QString folder = QFileDialog::getExistingDirectory(this, QStringLiteral("New Case: choose its folder"));
    if (!folder.isEmpty())
        newCase(folder);
}

void MainWindow::newCase(const QString &folder)
{
    const CaseFile fresh = CaseEditing::newCase(folder);
    if (QFileInfo::exists(fresh.filePath)) {
        // Never overwrite a case someone already wrote: open it instead.
        statusBar()->showMessage(QStringLiteral("%1 already holds a case: opening it").arg(fresh.filePath), 8000);
        openCase(fresh.filePath);
        return;
    }
    m_jobs->cancelAll();
    applyCase(QString(), fresh, {});
    if (!saveCaseAs(fresh.filePath))
        return;
    reanalyse();
    statusBar()->showMessage(
        QStringLiteral("New case %1: add evidence with File ▸ Add Evidence… or drop files onto the window")
            .arg(fresh.filePath),
        10000);
}

void MainWindow::chooseEvidenceFiles()
{
    const QStringList files = QFileDialog::getOpenFileNames(this, QStringLiteral("Add Evidence"),
        m_case ? m_case->baseDirectory() : QString(), QStringLiteral("All files (*)"));
    if (!files.isEmpty())
        addEvidence(files);
}

void MainWindow::chooseEvidenceFolder()
{
    const QString folder = QFileDialog::getExistingDirectory(
        this, QStringLiteral("Add Evidence Folder"), m_case ? m_case->baseDirectory() : QString());
    if (!folder.isEmpty())
        addEvidence({ folder });
}

void MainWindow::addEvidence(const QStringList &paths)
{
    CaseFile after;
    // The built-in example cannot change: evidence starts an untitled case beside it.
    const bool startsCase = !caseIsEditable();
    if (!startsCase)
        after = *m_case;
    const int added = CaseEditing::addEvidence(after, paths);
    if (added == 0) {
        statusBar()->showMessage(QStringLiteral("Already in the case: nothing added"), 5000);
        return;
    }
    if (startsCase) {
        applyCase(QString(), after, {});
        m_undo->resetClean(); // unsaved from the start
        reanalyse();
    } else {
        pushEdit(
            added == 1 ? QStringLiteral("Add Evidence") : QStringLiteral("Add %1 Evidence Files").arg(added), after);
    }
    statusBar()->showMessage(QStringLiteral("Added %1 evidence %2")
                                 .arg(added)
                                 .arg(added == 1 ? QStringLiteral("entry") : QStringLiteral("entries")),
        5000);
}

void MainWindow::removeSelectedEvidence()
{
    QList<int> rows;
    for (const QModelIndex &index : m_evidenceView->selectionModel()->selectedRows())
        rows.append(index.row());
    if (rows.isEmpty() && m_evidenceView->currentIndex().isValid())
        rows.append(m_evidenceView->currentIndex().row());
    removeEvidence(rows);
}

void MainWindow::removeEvidence(const QList<int> &rows)
{
    if (!caseIsEditable() || rows.isEmpty())
        return;
    CaseFile after = *m_case;
    QList<int> sorted = rows;
    std::sort(sorted.begin(), sorted.end(), std::greater<>());
    int removed = 0;
    for (int row : sorted)
        removed += CaseEditing::removeEvidence(after, row) ? 1 : 0;
    if (removed > 0)
        pushEdit(removed == 1 ? QStringLiteral("Remove Evidence")
                              : QStringLiteral("Remove %1 Evidence Entries").arg(removed),
            after);
}

void MainWindow::setEvidenceRole(int row, EvidenceRole role)
{
    if (!caseIsEditable())
        return;
    CaseFile after = *m_case;
    if (CaseEditing::setRole(after, row, role))
        pushEdit(QStringLiteral("Set Role"), after);
}

void MainWindow::pushEdit(const QString &text, const CaseFile &after)
{
    m_undo->push(
        new CaseEditCommand(text, *m_case, after, [this](const CaseFile &caseFile) { setCaseContent(caseFile); }));
}

void MainWindow::setCaseContent(const CaseFile &caseFile)
{
    const bool sameKubeconfigs = m_case && m_case->kubernetesSource.has_value() == caseFile.kubernetesSource.has_value()
        && (!caseFile.kubernetesSource
            || m_case->kubernetesSource->kubeconfigs == caseFile.kubernetesSource->kubeconfigs);
    // The report's text is not part of an undoable edit: undoing an evidence
    // change never takes back what was typed in the Report tab.
    const ReportSections report = m_case ? m_case->report : caseFile.report;
    m_case = caseFile;
    m_case->report = report;
    updateActions();
    updateTitle();
    if (sameKubeconfigs)
        m_contextModel->setRoles(caseFile.kubernetesSource);
    else
        loadContexts();
    reanalyse();
}

void MainWindow::reanalyse()
{
    if (!m_case)
        return;
    const CaseFile caseFile = *m_case;
    m_loadJob = m_jobs->start<QList<EvidenceItem>>(
        QStringLiteral("inspect-evidence"),
        [caseFile](const JobContext &context) { return inspectEvidence(caseFile, &context); },
        [this](QList<EvidenceItem> items) {
            applyEvidence(items);
            startAnalysis();
        });
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (!localPaths(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    const QStringList paths = localPaths(event->mimeData());
    if (paths.isEmpty())
        return;
    event->acceptProposedAction();
    // One dropped case file opens; anything else is evidence.
    if (paths.size() == 1 && CaseEditing::looksLikeCaseFile(paths.first()))
        openCase(paths.first());
    else
        addEvidence(paths);
}

void MainWindow::updateExampleBanner()
{
    m_exampleBanner->setVisible(m_case && m_case->filePath == referenceCasePath());
}

void MainWindow::showUserGuide()
{
    auto *dialog
        = new DocumentDialog(QStringLiteral("Strata User Guide"), QStringLiteral(":/docs/user-guide.md"), this);
    dialog->setObjectName(QStringLiteral("userGuideDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}
