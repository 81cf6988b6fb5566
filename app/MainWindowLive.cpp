// The window's live Kubernetes sources: the contexts of the case's
// kubeconfigs in the Sources dock with the roles the case gives them
// (editable, undoable), the question before an exec credential plugin runs
// for the first time, and when the analysis reads the contexts again (on
// opening a case, F5, a new role) or re-uses the newest capture (any other
// edit), so an edit to the evidence does not hit the cluster.
#include "ChoiceDelegate.h"
#include "MainWindow.h"
#include "PlaceholderView.h"

#include "case/CaseEditing.h"
#include "core/ControlCharacters.h"
#include "core/JobRunner.h"
#include "investigation/Analyzer.h"
#include "itemmodels/ContextListModel.h"
#include "kube/ExecApprovals.h"

#include <QHeaderView>
#include <QMessageBox>
#include <QPushButton>
#include <QStatusBar>
#include <QTableView>

using namespace strata;

QWidget *MainWindow::createContextsView(QWidget *parent)
{
    m_contextModel = new ContextListModel(this);
    auto *view = new QTableView(parent);
    view->setObjectName(QStringLiteral("contextsView"));
    view->setModel(m_contextModel);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setEditTriggers(
        QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed | QAbstractItemView::AnyKeyPressed);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setStretchLastSection(true);
    view->setWordWrap(false);
    view->setItemDelegateForColumn(
        ContextListModel::RoleColumn, new ChoiceDelegate(ContextListModel::roleChoices(), view));
    connect(m_contextModel, &ContextListModel::roleChangeRequested, this, &MainWindow::setContextRole);
    view->hide(); // shown once a case names sources.kubernetes
    m_contextsView = view;
    return view;
}

void MainWindow::setContextRole(const QString &context, EvidenceRole role)
{
    if (!caseIsEditable())
        return;
    CaseFile after = *m_case;
    if (!CaseEditing::setContextRole(after, context, role))
        return;
    m_readLive = true; // a context newly given a role has not been read for it
    pushEdit(role == EvidenceRole::Unspecified ? QStringLiteral("Remove Context Role")
                                               : QStringLiteral("Read %1 as %2").arg(context, evidenceRoleName(role)),
        after);
}

void MainWindow::loadContexts()
{
    m_contextModel->setRoles(m_case ? m_case->kubernetesSource : std::nullopt);
    const bool live = m_case && m_case->kubernetesSource;
    m_contextsView->setVisible(live);
    // With only live contexts the table says it all; beside a Terraform source, its text stays short.
    m_sourcesView->setVisible(!live || m_case->terraformSource);
    m_sourcesView->setMaximumHeight(live ? 110 : QWIDGETSIZE_MAX);
    m_kubeconfigNote.clear();
    if (!live) {
        m_contextModel->setContexts({});
        return;
    }
    const CaseFile caseFile = *m_case;
    m_jobs->start<KubeContextList>(
        QStringLiteral("contexts"), [caseFile](const JobContext &) { return KubeContexts::forCase(caseFile); },
        [this](KubeContextList list) {
            m_contextModel->setContexts(list);
            // A kubeconfig that is missing or broken: said in the dock, not just an empty table.
            QStringList lines;
            if (list.contexts.isEmpty())
                lines.append(QStringLiteral("No contexts in %1.")
                                 .arg(list.files.isEmpty() ? QStringLiteral("the kubeconfig")
                                                           : list.files.join(QStringLiteral(", "))));
            for (const Diagnostic &d : std::as_const(list.diagnostics))
                lines.append(d.toString());
            m_kubeconfigNote = lines.isEmpty()
                ? QString()
                : QStringLiteral("\n") + escapeControlCharacters(lines.join(QLatin1Char('\n')), true);
            if (!m_kubeconfigNote.isEmpty()) {
                m_sourcesView->setVisible(true);
                m_sourcesView->setText(m_sourcesView->text() + m_kubeconfigNote);
            }
        });
}

void MainWindow::startAnalysis()
{
    if (!m_case)
        return;
    // Cleared only once a live read is shown: a later edit that supersedes
    // this analysis must not lose the read that open, F5 or a role asked for.
    const bool readLive = m_readLive && !m_caseFromBundle; // a bundle is the investigation as it was
    m_contextModel->setRoles(m_case->kubernetesSource);
    if (readLive && m_case->kubernetesSource && m_case->kubernetesSource->hasContexts()) {
        // Which plugins would run is read off the GUI thread; the question is asked here.
        const CaseFile caseFile = *m_case;
        m_jobs->start<QList<ExecPluginUse>>(
            QStringLiteral("analyze"), [caseFile](const JobContext &) { return KubeCapture::execPlugins(caseFile); },
            [this](QList<ExecPluginUse> uses) {
                askAboutExecPlugins(uses);
                runAnalysis(true);
            });
        return;
    }
    runAnalysis(readLive);
}

void MainWindow::askAboutExecPlugins(const QList<ExecPluginUse> &uses)
{
    for (const ExecPluginUse &use : uses) {
        if (ExecApprovals::isApproved(use.kubeconfig, use.commandLine)
            || ExecApprovals::isDeclined(use.kubeconfig, use.commandLine))
            continue;
        QMessageBox box(QMessageBox::Question, QStringLiteral("Run a Credential Plugin?"),
            QStringLiteral("Context %1 signs in by running a program named in a kubeconfig:")
                .arg(escapeControlCharacters(use.context)),
            QMessageBox::NoButton, this);
        box.setObjectName(QStringLiteral("execApprovalDialog"));
        box.setInformativeText(
            QStringLiteral("%1\n\nfrom %2\n\nStrata runs it only if you allow it. \u201cRun It\u201d is kept for "
                           "this kubeconfig and this exact command; \u201cDon't Run\u201d until Strata is closed.")
                .arg(escapeControlCharacters(use.commandLine), escapeControlCharacters(use.kubeconfig)));
        QPushButton *run = box.addButton(QStringLiteral("Run It"), QMessageBox::AcceptRole);
        box.addButton(QStringLiteral("Don't Run"), QMessageBox::RejectRole);
        box.exec();
        if (box.clickedButton() != static_cast<QAbstractButton *>(run)) {
            ExecApprovals::decline(use.kubeconfig, use.commandLine);
            continue; // the context is then reported as not read, with the reason
        }
        if (const QString error = ExecApprovals::approve(use.kubeconfig, use.commandLine); !error.isEmpty())
            statusBar()->showMessage(QStringLiteral("The answer could not be kept: %1").arg(error), 8000);
    }
}

void MainWindow::runAnalysis(bool readLive)
{
    statusBar()->showMessage(readLive && (m_case->kubernetesSource || m_case->etcdSource)
            ? QStringLiteral("Reading the live sources of %1…").arg(m_case->displayName())
            : QStringLiteral("Analysing %1…").arg(m_case->displayName()));
    const CaseFile caseFile = *m_case;
    const QList<Diagnostic> caseDiagnostics = m_caseDiagnostics;
    const bool fromBundle = m_caseFromBundle;
    m_jobs->start<AnalysisResult>(
        QStringLiteral("analyze"),
        [caseFile, caseDiagnostics, readLive, fromBundle](const JobContext &context) {
            AnalyzeOptions options;
            // An edit re-uses what the contexts answered last time, unless
            // no capture read the contexts the case names now; a bundle never reads.
            options.offline = !readLive || fromBundle;
            options.readWhenNoCapture = !fromBundle;
            return Analyzer::analyze(caseFile, &context, caseDiagnostics, options);
        },
        [this, readLive](AnalysisResult result) {
            if (result.cancelled)
                return;
            if (readLive)
                m_readLive = false;
            applyAnalysis(result);
        });
}
