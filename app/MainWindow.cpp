#include "MainWindow.h"

#include "report/ReportBundle.h"

#include "core/ControlCharacters.h"
#include "core/PlainToolTip.h"

#include "AboutDialog.h"
#include "ChoiceDelegate.h"
#include "PlaceholderView.h"
#include "ShortcutsDialog.h"
#include "Theme.h"
#include "ViewNavigator.h"

#include "DiffView.h"
#include "EtcdView.h"
#include "EvidenceViewer.h"
#include "FindingsView.h"
#include "MessageBar.h"
#include "PlanView.h"
#include "ReportEditor.h"
#include "SystemView.h"
#include "TimelineView.h"
#include "live/EtcdSampler.h"

#include "case/CaseFileReader.h"
#include "case/CaseFileWriter.h"
#include "core/JobRunner.h"
#include "evidence/CaseCaptures.h"
#include "evidence/EvidenceText.h"
#include "investigation/Analyzer.h"
#include "investigation/Verdict.h"
#include "itemmodels/ContextListModel.h"
#include "itemmodels/EvidenceListModel.h"
#include "output/FindingDetail.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTextBrowser>
#include <QThreadPool>
#include <QTimer>
#include <QToolButton>
#include <QTreeView>
#include <QUndoStack>
#include <QVBoxLayout>
#include <QtCharts/QChartView>

#include <functional>

using namespace strata;

namespace {

// What one background load of a case produces.
struct CaseLoad
{
    CaseFileReadResult read;
    QList<EvidenceItem> evidence;
    QString bundleError; // an evidence bundle that could not be unpacked
    bool fromBundle = false;
};

const QString caseFileFilter = QStringLiteral("Strata cases (*.yaml *.yml);;Evidence bundles (*.zip);;All files (*)");

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_jobs(new JobRunner(this))
    , m_evidenceModel(new EvidenceListModel(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    m_diffPlaceholder = new PlaceholderView(QString(), this);
    m_diffPlaceholder->setObjectName(QStringLiteral("diffPlaceholder"));
    m_diffView = new DiffView(this);
    m_diffStack = new QStackedWidget(this);
    m_diffStack->addWidget(m_diffPlaceholder);
    m_diffStack->addWidget(m_diffView);
    m_systemView = new SystemView(this);
    m_centralTabs = new QTabWidget(this);
    m_centralTabs->setObjectName(QStringLiteral("centralTabs"));
    m_centralTabs->setDocumentMode(true);
    m_centralTabs->addTab(m_diffStack, QStringLiteral("Diff"));
    m_centralTabs->addTab(m_systemView, QStringLiteral("System"));
    m_etcdView = new EtcdView(this);
    m_centralTabs->addTab(m_etcdView, QStringLiteral("etcd"));
    m_reportEditor = new ReportEditor(this);
    m_reportEditor->setObjectName(QStringLiteral("reportEditor"));
    m_centralTabs->addTab(m_reportEditor, QStringLiteral("Report"));
    // What is typed is kept in the case and saved a moment later (MainWindowReport.cpp).
    m_reportSaveTimer = new QTimer(this);
    m_reportSaveTimer->setSingleShot(true);
    m_reportSaveTimer->setInterval(800);
    connect(m_reportSaveTimer, &QTimer::timeout, this, &MainWindow::saveReportSections);
    connect(m_reportEditor, &ReportEditor::sectionsEdited, this, &MainWindow::reportSectionsEdited);
    connect(m_diffView, &DiffView::revealRequested, this, [this]() { m_centralTabs->setCurrentWidget(m_diffStack); });

    // Over the diff: a banner whenever the analysis is incomplete, so "no findings" is never taken for green.
    m_incompleteBanner = new MessageBar(MessageBar::Kind::Warning, this);
    m_incompleteBanner->setObjectName(QStringLiteral("incompleteBanner"));
    m_incompleteBanner->setAccessibleName(QStringLiteral("The analysis is incomplete"));
    m_incompleteBanner->setVisible(false);
    connect(m_incompleteBanner, &MessageBar::linkActivated, this, [this](const QString &) { showProblems(); });
    auto *central = new QWidget(this);
    auto *centralLayout = new QVBoxLayout(central);
    centralLayout->setContentsMargins(0, 0, 0, 0);
    centralLayout->setSpacing(0);
    centralLayout->addWidget(m_incompleteBanner);
    // The built-in example says what it is and how to start one's own.
    m_exampleBanner = new MessageBar(MessageBar::Kind::Information, this);
    m_exampleBanner->setObjectName(QStringLiteral("exampleBanner"));
    m_exampleBanner->setAccessibleName(QStringLiteral("This is the example case"));
    m_exampleBanner->setMessage(
        QStringLiteral("<b>Example case</b> — File ▸ <a href=\"new\">New Case</a> to start your "
                       "own, or drop evidence files onto the window."));
    m_exampleBanner->setClosable(true);
    m_exampleBanner->setVisible(false);
    connect(m_exampleBanner, &MessageBar::linkActivated, this, [this](const QString &) { m_newAction->trigger(); });
    centralLayout->addWidget(m_exampleBanner);
    centralLayout->addWidget(m_centralTabs, 1);
    setCentralWidget(central);

    createActions();
    createRecordingAction();
    createDocks();
    createHistory();
    createEtcdHistory();
    createNavigation();
    createMenus();

    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("jobProgress"));
    m_progress->setMaximumWidth(160);
    m_progress->setVisible(false);
    statusBar()->addPermanentWidget(m_progress);
    m_completenessLabel = new QLabel(this);
    m_completenessLabel->setObjectName(QStringLiteral("completenessLabel"));
    m_completenessLabel->setVisible(false);
    statusBar()->addPermanentWidget(m_completenessLabel);
    // Every background job can be stopped: Esc (see escape()) or the button beside the progress bar.
    m_cancelAction = new QAction(QStringLiteral("Cancel"), this);
    m_cancelAction->setObjectName(QStringLiteral("cancelJobsAction"));
    m_cancelAction->setToolTip(QStringLiteral("Stop loading and analysing (Esc)"));
    m_cancelAction->setEnabled(false);
    connect(m_cancelAction, &QAction::triggered, this, [this]() {
        m_jobs->cancelAll();
        statusBar()->showMessage(QStringLiteral("Cancelled"), 5000);
    });
    addAction(m_cancelAction);
    auto *cancelButton = new QToolButton(this);
    cancelButton->setObjectName(QStringLiteral("cancelJobsButton"));
    cancelButton->setDefaultAction(m_cancelAction);
    cancelButton->setAutoRaise(true);
    statusBar()->addPermanentWidget(cancelButton);
    cancelButton->setVisible(false);
    auto updateBusy = [this, cancelButton]() {
        const bool busy = m_jobs->runningCount() > 0;
        m_progress->setVisible(busy);
        cancelButton->setVisible(busy);
        m_cancelAction->setEnabled(busy);
        if (!busy)
            m_progress->setRange(0, 0);
    };
    connect(m_jobs, &JobRunner::jobStarted, this, updateBusy);
    connect(m_jobs, &JobRunner::jobFinished, this, updateBusy);
    connect(m_jobs, &JobRunner::jobCancelled, this, updateBusy);
    connect(m_jobs, &JobRunner::jobProgress, this, [this](quint64, int done, int total) {
        m_progress->setRange(0, total);
        m_progress->setValue(done);
    });

    restoreSettings();
    updateActions();
    updateTitle();
}

MainWindow::~MainWindow()
{
    m_jobs->cancelAll();
    m_jobs->waitForIdle();
    if (m_sampler)
        m_sampler->stop(); // the recording is whole up to its last sample
}

QString MainWindow::referenceCasePath()
{
    return QStringLiteral(":/reference-case/case.yaml");
}

void MainWindow::createActions()
{
    createEditActions();

    m_openAction = new QAction(QStringLiteral("&Open Case…"), this);
    m_openAction->setObjectName(QStringLiteral("openAction"));
    m_openAction->setShortcut(QKeySequence::Open);
    connect(m_openAction, &QAction::triggered, this, &MainWindow::chooseCaseToOpen);

    m_saveAction = new QAction(QStringLiteral("&Save"), this);
    m_saveAction->setObjectName(QStringLiteral("saveAction"));
    m_saveAction->setShortcut(QKeySequence::Save);
    connect(m_saveAction, &QAction::triggered, this, &MainWindow::save);

    m_saveAsAction = new QAction(QStringLiteral("Save &As…"), this);
    m_saveAsAction->setObjectName(QStringLiteral("saveAsAction"));
    m_saveAsAction->setShortcut(QKeySequence::SaveAs);
    connect(m_saveAsAction, &QAction::triggered, this, &MainWindow::chooseSaveTarget);

    // Enabled once there is an analysis to report.
    m_exportAction = new QAction(QStringLiteral("&Export Report…"), this);
    m_exportAction->setObjectName(QStringLiteral("exportAction"));
    m_exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P)); // a report is what gets printed
    m_exportAction->setEnabled(false);
    m_exportAction->setStatusTip(
        QStringLiteral("The incident report as PDF, HTML, Markdown, JSON or an evidence bundle, with a preview"));
    connect(m_exportAction, &QAction::triggered, this, &MainWindow::exportReport);

    m_quitAction = new QAction(QStringLiteral("&Quit"), this);
    m_quitAction->setObjectName(QStringLiteral("quitAction"));
    m_quitAction->setShortcut(QKeySequence::Quit);
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);

    // One key, two meanings an SRE expects: stop what is running, else go back to the diff.
    m_escapeAction = new QAction(QStringLiteral("Cancel or Return to the Diff"), this);
    m_escapeAction->setObjectName(QStringLiteral("escapeAction"));
    m_escapeAction->setShortcut(QKeySequence::Cancel);
    m_escapeAction->setShortcutContext(Qt::WindowShortcut);
    m_escapeAction->setStatusTip(QStringLiteral("Stop loading and analysing; when nothing runs, focus the diff"));
    connect(m_escapeAction, &QAction::triggered, this, &MainWindow::escape);
    addAction(m_escapeAction);

    m_shortcutsAction = new QAction(QStringLiteral("&Keyboard Shortcuts"), this);
    m_shortcutsAction->setObjectName(QStringLiteral("shortcutsAction"));
    m_shortcutsAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Slash));
    connect(m_shortcutsAction, &QAction::triggered, this, &MainWindow::showShortcuts);

    m_aboutAction = new QAction(QStringLiteral("&About Strata"), this);
    m_aboutAction->setObjectName(QStringLiteral("aboutAction"));
    m_aboutAction->setMenuRole(QAction::AboutRole);
    connect(m_aboutAction, &QAction::triggered, this, &MainWindow::showAbout);
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(QStringLiteral("&File"));
    file->setObjectName(QStringLiteral("fileMenu"));
    file->addAction(m_newAction);
    file->addAction(m_openAction);
    m_recentMenu = file->addMenu(QStringLiteral("Open &Recent"));
    m_recentMenu->setObjectName(QStringLiteral("recentMenu"));
    file->addSeparator();
    file->addAction(m_addEvidenceAction);
    file->addAction(m_addFolderAction);
    file->addAction(m_reanalyseAction);
    file->addAction(m_recordAction);
    file->addAction(m_workTreeAction);
    file->addAction(m_pickCommitAction);
    file->addSeparator();
    file->addAction(m_saveAction);
    file->addAction(m_saveAsAction);
    file->addSeparator();
    file->addAction(m_exportAction);
    file->addSeparator();
    file->addAction(m_quitAction);

    QMenu *edit = menuBar()->addMenu(QStringLiteral("&Edit"));
    edit->setObjectName(QStringLiteral("editMenu"));
    edit->addAction(m_undoAction);
    edit->addAction(m_redoAction);
    edit->addSeparator();
    edit->addAction(m_removeEvidenceAction);

    m_viewMenu = menuBar()->addMenu(QStringLiteral("&View"));
    m_viewMenu->setObjectName(QStringLiteral("viewMenu"));
    // The diff's commands live here so their shortcuts work from every dock.
    for (QAction *a : m_diffView->viewActions()) {
        m_viewMenu->addAction(a);
        if (a == m_diffView->showNoiseAction() || a == m_diffView->filterAction())
            m_viewMenu->addSeparator();
    }
    m_viewMenu->addAction(m_showHistoryAction);
    m_viewMenu->addAction(m_showEtcdHistoryAction);
    m_viewMenu->addSeparator();
    QMenu *go = m_viewMenu->addMenu(QStringLiteral("&Go To"));
    go->setObjectName(QStringLiteral("goToMenu"));
    go->addActions(m_navigator->actions());
    go->addSeparator();
    go->addAction(m_escapeAction);
    QMenu *theme = m_viewMenu->addMenu(QStringLiteral("&Theme"));
    theme->setObjectName(QStringLiteral("themeMenu"));
    auto *themes = new QActionGroup(this);
    for (Theme::Choice choice : { Theme::Choice::System, Theme::Choice::Light, Theme::Choice::Dark }) {
        const QString name = Theme::name(choice);
        QAction *a = theme->addAction(name.left(1).toUpper() + name.mid(1));
        a->setObjectName(QStringLiteral("theme%1Action").arg(name.left(1).toUpper() + name.mid(1)));
        a->setCheckable(true);
        a->setData(name);
        themes->addAction(a);
        connect(a, &QAction::triggered, this, [choice]() {
            Theme::apply(choice);
            QSettings().setValue(QStringLiteral("view/theme"), Theme::name(choice)); // remembered
        });
    }
    QMenu *panels = m_viewMenu->addMenu(QStringLiteral("&Panels"));
    panels->setObjectName(QStringLiteral("panelsMenu"));
    const QList<QDockWidget *> docks = findChildren<QDockWidget *>();
    for (QDockWidget *dock : docks)
        panels->addAction(dock->toggleViewAction());

    QMenu *help = menuBar()->addMenu(QStringLiteral("&Help"));
    help->setObjectName(QStringLiteral("helpMenu"));
    help->addAction(m_userGuideAction);
    help->addAction(m_shortcutsAction);
    help->addSeparator();
    help->addAction(m_aboutAction);
    QAction *aboutQt = help->addAction(QStringLiteral("About &Qt"));
    aboutQt->setObjectName(QStringLiteral("aboutQtAction"));
    connect(aboutQt, &QAction::triggered, qApp, &QApplication::aboutQt);
}

QDockWidget *MainWindow::addDock(
    const QString &title, const QString &objectName, QWidget *content, Qt::DockWidgetArea area)
{
    auto *dock = new QDockWidget(title, this);
    dock->setObjectName(objectName); // saveState() keys the layout by object name
    dock->setWidget(content);
    addDockWidget(area, dock);
    return dock;
}

namespace {

QString noSourcesText()
{
    return QStringLiteral("This case reads evidence from files only.\n"
                          "A Terraform git repository can be named under sources.terraform in the case, "
                          "Kubernetes contexts to read live under sources.kubernetes, and etcd endpoints "
                          "under sources.etcd.");
}

// What the Sources dock says about the etcd endpoints a case reads.
QString etcdSourceText(const AnalysisResult &result)
{
    if (!result.caseFile.etcdSource)
        return {};
    if (!result.etcdCapture)
        return QStringLiteral("etcd: not read yet (F5 reads the endpoints).");
    int answered = 0;
    for (const CapturedEndpoint &e : result.etcdCapture->endpoints)
        answered += e.reachable ? 1 : 0;
    return QStringLiteral("etcd: %1 of %2 endpoints answered, read %3%4; the etcd tab (Ctrl+7) has the member "
                          "table, F5 reads them again.")
        .arg(answered)
        .arg(result.etcdCapture->endpoints.size())
        .arg(result.etcdCapture->time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")),
            result.etcdCapture->cluster ? QStringLiteral(" (members from the member list)") : QString());
}

// What the Sources dock says about where the Terraform columns came from.
QString sourcesText(const AnalysisResult &result)
{
    const QString etcd = etcdSourceText(result);
    const auto withEtcd
        = [&etcd](const QString &text) { return etcd.isEmpty() ? text : text + QLatin1Char('\n') + etcd; };
    if (!result.terraformOrigin && result.caseFile.kubernetesSource)
        return withEtcd(QStringLiteral("Kubernetes contexts: give one the live role and one the replica role "
                                       "(double-click Role); F5 reads them again."));
    if (!result.terraformOrigin)
        return etcd.isEmpty() ? noSourcesText() : etcd;
    const TerraformOrigin &o = *result.terraformOrigin;
    QStringList lines { QStringLiteral("Terraform: %1").arg(o.describe()) };
    lines.append(QStringLiteral("Stack folder: %1").arg(o.folder.isEmpty() ? QStringLiteral("(the root)") : o.folder));
    if (o.git && !o.workTreeChanges.isEmpty()) {
        const qsizetype n = o.workTreeChanges.size();
        lines.append(
            QStringLiteral("%1%2 in the work tree differ%3 from the commit: %4")
                .arg(o.workTree ? QString() : QStringLiteral("⚠ "),
                    n == 1 ? QStringLiteral("1 file") : QStringLiteral("%1 files").arg(n),
                    n == 1 ? QStringLiteral("s") : QString(), o.workTreeChanges.mid(0, 5).join(QStringLiteral(", "))));
    }
    if (o.git)
        lines.append(o.workTree
                ? QStringLiteral("File ▸ Compare the Work Tree (Ctrl+Shift+W) is on: the files on disk "
                                 "are compared.")
                : QStringLiteral("File ▸ Compare the Work Tree (Ctrl+Shift+W) compares the files on disk "
                                 "instead."));
    return withEtcd(lines.join(QLatin1Char('\n')));
}

} // namespace

void MainWindow::createDocks()
{
    auto *sourcesPanel = new QWidget(this);
    auto *sources = new PlaceholderView(noSourcesText(), sourcesPanel);
    sources->setObjectName(QStringLiteral("sourcesPlaceholder"));
    m_sourcesView = sources;
    auto *sourcesLayout = new QVBoxLayout(sourcesPanel);
    sourcesLayout->setContentsMargins(0, 0, 0, 0);
    sourcesLayout->addWidget(sources);
    sourcesLayout->addWidget(createContextsView(sourcesPanel), 1);
    addDock(QStringLiteral("Sources"), QStringLiteral("sourcesDock"), sourcesPanel, Qt::LeftDockWidgetArea);

    auto *evidencePanel = new QWidget(this);
    m_evidenceStack = new QStackedWidget(evidencePanel);
    m_evidencePlaceholder = new PlaceholderView(QStringLiteral("No case is open."), evidencePanel);
    m_evidencePlaceholder->setObjectName(QStringLiteral("evidencePlaceholder"));
    m_evidenceView = new QTableView(evidencePanel);
    m_evidenceView->setObjectName(QStringLiteral("evidenceView"));
    m_evidenceView->setAccessibleName(QStringLiteral("Evidence files, their roles and detected kinds"));
    m_evidenceView->setModel(m_evidenceModel);
    m_evidenceView->setSelectionBehavior(QAbstractItemView::SelectRows);
    // Only the Role is editable (Enter, F2 or a double click): the choice becomes an undoable edit.
    m_evidenceView->setEditTriggers(
        QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed | QAbstractItemView::SelectedClicked);
    m_evidenceView->setItemDelegateForColumn(
        EvidenceListModel::RoleColumn, new ChoiceDelegate(EvidenceListModel::roleChoices(), m_evidenceView));
    m_evidenceView->addAction(m_removeEvidenceAction);
    m_evidenceView->setContextMenuPolicy(Qt::ActionsContextMenu);
    connect(m_evidenceModel, &EvidenceListModel::roleChangeRequested, this, &MainWindow::setEvidenceRole);
    m_evidenceView->verticalHeader()->hide();
    m_evidenceView->setWordWrap(false);
    m_evidenceView->setTextElideMode(Qt::ElideMiddle);
    m_evidenceView->verticalHeader()->setDefaultSectionSize(m_evidenceView->fontMetrics().height() + 8);
    // The path and what it contains matter most; role, kind and size take what they need.
    m_evidenceView->horizontalHeader()->setSectionResizeMode(EvidenceListModel::PathColumn, QHeaderView::Interactive);
    m_evidenceView->horizontalHeader()->resizeSection(EvidenceListModel::PathColumn, 170);
    m_evidenceView->horizontalHeader()->setStretchLastSection(true);
    for (int column : { EvidenceListModel::RoleColumn, EvidenceListModel::KindColumn, EvidenceListModel::SizeColumn })
        m_evidenceView->horizontalHeader()->setSectionResizeMode(column, QHeaderView::ResizeToContents);
    m_evidenceStack->addWidget(m_evidencePlaceholder);
    m_evidenceStack->addWidget(m_evidenceView);
    m_problemsList = new QListWidget(evidencePanel);
    m_problemsList->setObjectName(QStringLiteral("problemsList"));
    m_problemsList->setVisible(false);
    m_problemsList->setMaximumHeight(120);
    m_problemsList->setWordWrap(true);
    m_problemsList->setAccessibleName(QStringLiteral("Problems reading the evidence"));
    auto *layout = new QVBoxLayout(evidencePanel);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_evidenceStack, 1);
    layout->addWidget(m_problemsList);
    addDock(QStringLiteral("Evidence"), QStringLiteral("evidenceDock"), evidencePanel, Qt::LeftDockWidgetArea);

    m_timelinePlaceholder = new PlaceholderView(QStringLiteral("No timeline yet: open a case."), this);
    m_timelinePlaceholder->setObjectName(QStringLiteral("timelinePlaceholder"));
    m_timelineView = new TimelineView(this);
    m_timelineStack = new QStackedWidget(this);
    m_timelineStack->addWidget(m_timelinePlaceholder);
    m_timelineStack->addWidget(m_timelineView);
    addDock(QStringLiteral("Timeline"), QStringLiteral("timelineDock"), m_timelineStack, Qt::BottomDockWidgetArea);

    m_findingsPlaceholder = new PlaceholderView(QStringLiteral("No findings yet: open a case."), this);
    m_findingsPlaceholder->setObjectName(QStringLiteral("findingsPlaceholder"));
    m_findingsView = new FindingsView(this);
    m_findingsStack = new QStackedWidget(this);
    m_findingsStack->addWidget(m_findingsPlaceholder);
    m_findingsStack->addWidget(m_findingsView);
    connect(
        m_findingsView, &FindingsView::fieldsSelected, this, [this](const QString &resource, const QStringList &paths) {
            m_centralTabs->setCurrentWidget(m_diffStack);
            m_diffView->selectFields(resource, paths);
        });
    connect(m_findingsView, &FindingsView::evidenceActivated, this, &MainWindow::openEvidence);
    // Findings beside the timeline, under the diff: the diff keeps the window's full width.
    QDockWidget *findingsDock = addDock(
        QStringLiteral("Findings"), QStringLiteral("findingsDock"), m_findingsStack, Qt::BottomDockWidgetArea);
    splitDockWidget(findingsDock, findChild<QDockWidget *>(QStringLiteral("timelineDock")), Qt::Horizontal);

    // The plan beside the findings it serves: a step's finding link selects it there.
    m_planView = new PlanView(this);
    m_planView->setObjectName(QStringLiteral("planView"));
    QDockWidget *planDock
        = addDock(QStringLiteral("Plan"), QStringLiteral("planDock"), m_planView, Qt::BottomDockWidgetArea);
    tabifyDockWidget(findingsDock, planDock);
    findingsDock->raise();
    connect(m_planView, &PlanView::findingActivated, this, [this, findingsDock](const QString &key) {
        if (m_findingsView->selectFinding(key)) {
            findingsDock->show();
            findingsDock->raise();
            m_findingsView->treeView()->setFocus();
        }
    });
}

void MainWindow::createNavigation()
{
    m_navigator = new ViewNavigator(this);
    auto raiseDock = [this](const char *name) {
        return [this, name]() {
            QDockWidget *dock = findChild<QDockWidget *>(QString::fromLatin1(name));
            dock->show();
            dock->raise();
        };
    };
    auto current = [](QStackedWidget *stack, QWidget *view, QWidget *focusInView) {
        return [stack, view, focusInView]() {
            return stack->currentWidget() == view ? focusInView : stack->currentWidget();
        };
    };
    m_navigator->addView(QStringLiteral("Diff"), "goToDiffAction", QKeySequence(Qt::CTRL | Qt::Key_1),
        current(m_diffStack, m_diffView, m_diffView->treeView()),
        [this]() { m_centralTabs->setCurrentWidget(m_diffStack); },
        { m_diffView->filterEdit(), m_diffView->treeView(), m_diffPlaceholder });
    m_navigator->addView(
        QStringLiteral("System"), "goToSystemAction", QKeySequence(Qt::CTRL | Qt::Key_2),
        [this]() { return m_systemView; }, [this]() { m_centralTabs->setCurrentWidget(m_systemView); },
        { m_systemView });
    m_navigator->addView(QStringLiteral("Findings"), "goToFindingsAction", QKeySequence(Qt::CTRL | Qt::Key_3),
        current(m_findingsStack, m_findingsView, m_findingsView->treeView()), raiseDock("findingsDock"),
        { m_findingsView->treeView(), m_findingsPlaceholder });
    m_navigator->addView(QStringLiteral("Timeline"), "goToTimelineAction", QKeySequence(Qt::CTRL | Qt::Key_4),
        current(m_timelineStack, m_timelineView, m_timelineView->chartView()), raiseDock("timelineDock"),
        { m_timelineView->chartView(), m_timelineView->tableView(), m_timelinePlaceholder });
    m_navigator->addView(QStringLiteral("Evidence"), "goToEvidenceAction", QKeySequence(Qt::CTRL | Qt::Key_5),
        current(m_evidenceStack, m_evidenceView, m_evidenceView), raiseDock("evidenceDock"),
        { m_evidenceView, m_evidencePlaceholder, m_problemsList });
    auto *sources = findChild<PlaceholderView *>(QStringLiteral("sourcesPlaceholder"));
    m_navigator->addView(QStringLiteral("Sources"), "goToSourcesAction", QKeySequence(Qt::CTRL | Qt::Key_6),
        [sources]() { return sources; }, raiseDock("sourcesDock"), { sources });
    m_navigator->addView(
        QStringLiteral("etcd"), "goToEtcdAction", QKeySequence(Qt::CTRL | Qt::Key_7),
        [this]() { return m_etcdView->tableView(); }, [this]() { m_centralTabs->setCurrentWidget(m_etcdView); },
        { m_etcdView->tableView() });
    m_navigator->addView(QStringLiteral("Plan"), "goToPlanAction", QKeySequence(Qt::CTRL | Qt::Key_8),
        [this]() -> QWidget * { return m_planView->browser(); }, raiseDock("planDock"),
        { m_planView->copyChecksButton(), m_planView->browser() });
    m_navigator->addView(
        QStringLiteral("Report"), "goToReportAction", QKeySequence(Qt::CTRL | Qt::Key_9),
        [this]() -> QWidget * { return m_reportEditor->textField(QStringLiteral("summary")); },
        [this]() { m_centralTabs->setCurrentWidget(m_reportEditor); },
        { m_reportEditor->textField(QStringLiteral("summary")), m_reportEditor->preview() });
    m_navigator->applyTabOrder();
}

void MainWindow::escape()
{
    if (m_jobs->runningCount() > 0) {
        m_cancelAction->trigger();
        return;
    }
    m_navigator->focus(0);
}

void MainWindow::showShortcuts()
{
    // Sections follow the menus, so the list shows what the keys really do.
    QList<ShortcutsDialog::Section> sections;
    std::function<void(QMenu *, const QString &)> collect = [&](QMenu *menu, const QString &prefix) {
        QString title = menu->title();
        title.remove(QLatin1Char('&'));
        const QString name = prefix.isEmpty() ? title : prefix + QStringLiteral(" ▸ ") + title;
        ShortcutsDialog::Section section { name, {} };
        QList<QMenu *> submenus;
        for (QAction *a : menu->actions()) {
            if (a->menu())
                submenus.append(a->menu());
            else if (!a->isSeparator())
                section.actions.append(a);
        }
        sections.append(section);
        for (QMenu *submenu : submenus)
            collect(submenu, name);
    };
    for (QAction *a : menuBar()->actions()) {
        if (a->menu())
            collect(a->menu(), QString());
    }
    const QList<ShortcutsDialog::Key> viewKeys = {
        { QStringLiteral("Tab, Shift+Tab"), QStringLiteral("Next / previous view") },
        { QStringLiteral("↑ ↓ ← →"), QStringLiteral("Move in a list; ← → fold and unfold a resource") },
        { QStringLiteral("Ctrl+C"), QStringLiteral("Copy the diff cell") },
        { QStringLiteral("Ctrl+Shift+C"), QStringLiteral("Copy the diff row") },
        { QStringLiteral("Enter"), QStringLiteral("On a finding's evidence: open it at that line") },
    };
    auto *dialog = new ShortcutsDialog(sections, viewKeys, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::restoreSettings()
{
    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("mainWindow/geometry")).toByteArray());
    if (!restoreState(settings.value(QStringLiteral("mainWindow/state")).toByteArray()))
        applyDefaultLayout();
    m_recent.load(settings);
    rebuildRecentMenu();
    const Theme::Choice theme = Theme::fromName(settings.value(QStringLiteral("view/theme")).toString());
    if (theme != Theme::current())
        Theme::apply(theme);
    for (QAction *a : findChild<QMenu *>(QStringLiteral("themeMenu"))->actions())
        a->setChecked(a->data().toString() == Theme::name(theme));
}

void MainWindow::applyDefaultLayout()
{
    resize(1280, 800);
    auto dock = [this](const char *name) { return findChild<QDockWidget *>(QString::fromLatin1(name)); };
    resizeDocks({ dock("sourcesDock"), dock("evidenceDock") }, { 200, 330 }, Qt::Vertical);
    resizeDocks({ dock("evidenceDock") }, { 300 }, Qt::Horizontal);
    resizeDocks({ dock("findingsDock"), dock("timelineDock") }, { 640, 640 }, Qt::Horizontal);
    resizeDocks({ dock("findingsDock") }, { 270 }, Qt::Vertical);
}

void MainWindow::saveSettings() const
{
    QSettings settings;
    settings.setValue(QStringLiteral("mainWindow/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("mainWindow/state"), saveState());
    m_recent.save(settings);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_reportSaveTimer->isActive()) { // typed a moment ago: kept before anything closes
        m_reportSaveTimer->stop();
        saveReportSections();
    }
    if (isWindowModified()) {
        // Never lose what the user added: ask, window-modal, and close once answered.
        event->ignore();
        auto *box = new QMessageBox(QMessageBox::Question, QStringLiteral("Unsaved case"),
            QStringLiteral("Save the changes to %1?").arg(m_case ? m_case->displayName() : QString()),
            QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, this);
        box->setObjectName(QStringLiteral("unsavedBox"));
        box->setAttribute(Qt::WA_DeleteOnClose);
        connect(box, &QMessageBox::finished, this, [this, box](int) {
            const QMessageBox::StandardButton answer = box->standardButton(box->clickedButton());
            if (answer == QMessageBox::Save)
                save();
            else if (answer == QMessageBox::Discard)
                setWindowModified(false);
            if (answer != QMessageBox::Cancel && !isWindowModified())
                close();
        });
        box->open();
        return;
    }
    m_jobs->cancelAll();
    saveSettings();
    event->accept();
}

void MainWindow::rebuildRecentMenu()
{
    m_recentMenu->clear();
    for (const QString &path : m_recent.paths()) {
        QAction *a = m_recentMenu->addAction(QFileInfo(path).fileName());
        a->setToolTip(plainToolTip(path));
        a->setStatusTip(path);
        a->setData(path);
        connect(a, &QAction::triggered, this, [this, path]() { openCase(path); });
    }
    if (!m_recent.paths().isEmpty()) {
        m_recentMenu->addSeparator();
        QAction *clear = m_recentMenu->addAction(QStringLiteral("Clear List"));
        connect(clear, &QAction::triggered, this, [this]() {
            m_recent.clear();
            rebuildRecentMenu();
        });
    }
    m_recentMenu->setEnabled(!m_recent.paths().isEmpty());
}

void MainWindow::updateActions()
{
    const bool editable = caseIsEditable();
    m_saveAction->setEnabled(m_case.has_value());
    m_saveAsAction->setEnabled(m_case.has_value());
    m_removeEvidenceAction->setEnabled(editable);
    m_reanalyseAction->setEnabled(m_case.has_value());
    m_exportAction->setEnabled(m_case.has_value() && m_analysis.has_value());
    m_recordAction->setEnabled(m_case && m_case->etcdSource && !m_caseFromBundle);
    const bool git = m_case && m_case->terraformSource;
    m_workTreeAction->setEnabled(git);
    m_workTreeAction->setChecked(git && m_case->terraformSource->workTree);
    m_pickCommitAction->setEnabled(git);
    m_showHistoryAction->setEnabled(git);
    m_showEtcdHistoryAction->setEnabled(m_case && m_case->etcdSource);
}

void MainWindow::updateTitle()
{
    // [*]: Qt shows the unsaved-changes mark there.
    setWindowTitle(m_case ? m_case->displayName() + QStringLiteral("[*]") : QStringLiteral("No case"));
    if (m_case && !m_case->isBuiltIn())
        setWindowFilePath(m_case->filePath);
    if (!m_case) {
        m_diffPlaceholder->setText(
            QStringLiteral("No case is open.\nFile ▸ New Case… (%1) starts one, File ▸ Open Case… (%2) opens one, "
                           "or drop evidence files onto the window.")
                .arg(m_newAction->shortcut().toString(QKeySequence::NativeText),
                    m_openAction->shortcut().toString(QKeySequence::NativeText)));
    } else {
        m_diffPlaceholder->setText(QStringLiteral("%1\n\nAnalysing the evidence…").arg(m_case->displayName()));
    }
}

void MainWindow::chooseCaseToOpen()
{
    const QString path = QFileDialog::getOpenFileName(this, QStringLiteral("Open Case"), QString(), caseFileFilter);
    if (!path.isEmpty())
        openCase(path);
}

void MainWindow::openCase(const QString &path)
{
    statusBar()->showMessage(QStringLiteral("Opening %1…").arg(path));
    m_loadJob = m_jobs->start<CaseLoad>(
        QStringLiteral("open-case"),
        [path](const JobContext &context) {
            CaseLoad load;
            QString casePath = path;
            if (ReportBundle::isBundle(path)) {
                // An evidence bundle: unpacked (and checked against its manifest) under the cache.
                const QString folder = ReportBundle::cacheFolderFor(path, &load.bundleError);
                if (folder.isEmpty())
                    return load;
                const ReportBundle::Unpacked unpacked = ReportBundle::unpack(path, folder);
                load.bundleError = unpacked.error;
                if (unpacked.caseFile.isEmpty())
                    return load;
                casePath = unpacked.caseFile;
                load.fromBundle = true;
            }
            load.read = CaseFileReader::readFile(casePath);
            if (load.read.caseFile && !context.isCancelled())
                load.evidence = inspectEvidence(*load.read.caseFile, &context);
            return load;
        },
        [this, path](CaseLoad load) {
            if (!load.read.caseFile) {
                reportOpenFailure(
                    path, load.bundleError.isEmpty() ? diagnosticsText(load.read.diagnostics) : load.bundleError);
                return;
            }
            applyCase(path, *load.read.caseFile, load.read.diagnostics);
            m_caseFromBundle = load.fromBundle;
            updateActions(); // no recording into a bundle's case
            applyEvidence(load.evidence);
            m_readLive = true; // a case just opened reads its live contexts
            startAnalysis();
        });
}

void MainWindow::applyCase(const QString &path, const CaseFile &caseFile, const QList<Diagnostic> &diagnostics)
{
    stopRecording(false); // a recording belongs to the case it was started for
    if (m_reportSaveTimer->isActive()) { // the previous case's report, typed a moment ago, is kept first
        m_reportSaveTimer->stop();
        saveReportSections();
    }
    m_case = caseFile;
    m_caseFromBundle = false; // openCase says so after this for a bundle
    m_reportEdited = false;
    m_reportEditor->setCaseSections(caseFile.report); // never another case's text in the form
    m_undo->clear(); // a case just read (or started) has no history
    updateExampleBanner();
    m_caseDiagnostics = diagnostics;
    m_diagnostics = diagnostics;
    m_analysis.reset();
    m_diffStack->setCurrentWidget(m_diffPlaceholder);
    showCompleteness({});
    if (!path.isEmpty() && !path.startsWith(QLatin1Char(':'))) {
        m_recent.add(path);
        rebuildRecentMenu();
    }
    updateActions();
    updateTitle();
    showDiagnostics();
    m_contextModel->setCapture(std::nullopt);
    loadContexts();
    statusBar()->showMessage(QStringLiteral("Opened %1 (%2 evidence entries, %3 problems)")
                                 .arg(caseFile.displayName())
                                 .arg(caseFile.evidence.size())
                                 .arg(diagnostics.size()),
        8000);
    Q_EMIT caseOpened(path);
}

void MainWindow::applyEvidence(const QList<EvidenceItem> &items)
{
    m_evidenceModel->setItems(items);
    m_evidenceStack->setCurrentWidget(items.isEmpty() ? static_cast<QWidget *>(m_evidencePlaceholder) : m_evidenceView);
    if (items.isEmpty())
        m_evidencePlaceholder->setText(QStringLiteral("This case lists no evidence yet.\nDrop files or folders here, "
                                                      "or File ▸ Add Evidence… (%1).")
                                           .arg(m_addEvidenceAction->shortcut().toString(QKeySequence::NativeText)));
    Q_EMIT evidenceInspected();
}

void MainWindow::openEvidence(const Finding &finding, int evidenceIndex)
{
    const EvidenceRef &ref = finding.evidence.at(evidenceIndex);
    // The diff row this evidence supports, selected behind the viewer.
    m_centralTabs->setCurrentWidget(m_diffStack);
    const QString path = evidenceFieldPath(finding, ref);
    if (!path.isEmpty())
        m_diffView->selectFields(finding.resource, { path });

    if (!m_evidenceViewer)
        m_evidenceViewer = new EvidenceViewer(this);
    const QString file = QFileInfo(ref.location.file).isAbsolute() || !m_case
        ? ref.location.file
        : QDir(m_case->baseDirectory()).filePath(ref.location.file);
    const EvidenceText read = readEvidenceText(file);
    if (!read.error.isEmpty()) {
        m_evidenceViewer->showError(ref.location.file, read.error);
    } else {
        // Every Secret value the analysis met in this file is masked, as the diff masks it.
        const QList<SourceLocation> secrets
            = m_analysis ? secretLocations(m_analysis->resources, ref.location.file) : QList<SourceLocation>();
        QStringList notice;
        if (read.truncated)
            notice << QStringLiteral("Only the first %1 MiB are shown.").arg(evidenceTextLimit / (1024 * 1024));
        if (!secrets.isEmpty())
            notice << QStringLiteral("%1 Secret value(s) masked.").arg(secrets.size());
        m_evidenceViewer->showText(
            ref.location.file, maskValues(read.text, secrets), ref.location, notice.join(QLatin1Char(' ')));
    }
    m_evidenceViewer->show();
    m_evidenceViewer->raise();
    m_evidenceViewer->activateWindow();
}

void MainWindow::applyAnalysis(const AnalysisResult &result)
{
    m_analysis = result;
    m_exportAction->setEnabled(m_case.has_value());
    // The evidence list learns what each file turned out to be.
    QList<EvidenceItem> items = m_evidenceModel->items();
    for (qsizetype i = 0; i < items.size() && i < result.evidence.size(); ++i) {
        items[i].detectedKind = evidenceKindName(result.evidence.at(i).kind);
        items[i].summary = result.evidence.at(i).summary;
        items[i].problems = int(result.evidence.at(i).diagnostics.size());
        items[i].effectiveRole = result.evidence.at(i).role;
    }
    m_evidenceModel->setItems(items);
    m_diffView->setDiff(result.resources, result.columnOrigins, result.completeness.coverage, result.columnRemarks);
    if (result.resources.isEmpty()) {
        m_diffPlaceholder->setText(
            QStringLiteral("%1\n\nNothing to compare: the evidence holds no Kubernetes objects from "
                           "kubectl or Terraform.")
                .arg(result.caseFile.displayName()));
        m_diffStack->setCurrentWidget(m_diffPlaceholder);
    } else {
        m_diffStack->setCurrentWidget(m_diffView);
    }
    m_findingsView->setFindings(result.findings);
    m_planView->setPlan(result.proposals, result.caseFile.displayName(),
        result.caseFile.hasOwnFile() ? result.caseFile.baseDirectory() : QString());
    m_findingsPlaceholder->setText(Verdict::noFindings(result));
    m_sourcesView->setText(sourcesText(result) + m_kubeconfigNote);
    m_contextModel->setCapture(result.capture);
    m_findingsStack->setCurrentWidget(
        result.findings.isEmpty() ? static_cast<QWidget *>(m_findingsPlaceholder) : m_findingsView);
    m_timelineView->setTimeline(result.timeline, result.etcdMembers, result.recordings,
        result.etcdCapture ? result.etcdCapture->time : QDateTime());
    m_timelinePlaceholder->setText(QStringLiteral("No dated events in this evidence."));
    m_timelineStack->setCurrentWidget(result.timeline.isEmpty() && result.recordings.isEmpty()
            ? static_cast<QWidget *>(m_timelinePlaceholder)
            : m_timelineView);
    m_systemView->setSystem(result.components, result.relations, result.findings);
    m_etcdView->setResult(result);
    m_reportEditor->setAnalysis(result, m_reportEdited);
    m_diagnostics = result.diagnostics; // the case file's own first, then the evidence's
    showDiagnostics();
    showCompleteness(result.completeness);
    statusBar()->showMessage(
        QStringLiteral("%1: %2").arg(result.caseFile.displayName(), Verdict::headline(result)), 10000);
    Q_EMIT analysisFinished();
}

void MainWindow::showCompleteness(const Completeness &completeness)
{
    const bool complete = completeness.isComplete();
    m_incompleteBanner->setVisible(!complete);
    m_completenessLabel->setVisible(!complete);
    if (complete)
        return;
    const QString summary = completeness.summary();
    m_incompleteBanner->setMessage(
        QStringLiteral("<b>%1.</b> No finding is not an all-clear. <a href=\"problems\">Show problems</a>")
            .arg(summary.toHtmlEscaped()));
    m_completenessLabel->setText(QStringLiteral("⚠ Incomplete analysis"));
    m_completenessLabel->setToolTip(plainToolTip(summary));
}

void MainWindow::showProblems()
{
    QDockWidget *evidence = findChild<QDockWidget *>(QStringLiteral("evidenceDock"));
    evidence->show();
    evidence->raise();
    m_problemsList->setVisible(m_problemsList->count() > 0);
    m_problemsList->setFocus(Qt::OtherFocusReason);
    if (m_problemsList->count() > 0 && !m_problemsList->currentItem())
        m_problemsList->setCurrentRow(0);
}

void MainWindow::showDiagnostics()
{
    m_problemsList->clear();
    for (const Diagnostic &d : std::as_const(m_diagnostics))
        m_problemsList->addItem(d.toString());
    m_problemsList->setVisible(!m_diagnostics.isEmpty());
}

void MainWindow::reportOpenFailure(const QString &path, const QString &reason)
{
    statusBar()->showMessage(QStringLiteral("Could not open %1").arg(path), 8000);
    // Window-modal and non-blocking: the event loop (and any running job) goes on.
    auto *box = new QMessageBox(QMessageBox::Warning, QStringLiteral("Could not open case"),
        QStringLiteral("Strata could not open %1.").arg(path), QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("openFailedBox"));
    box->setInformativeText(reason);
    box->setTextFormat(Qt::PlainText);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
    Q_EMIT caseOpenFailed(path, reason);
}

void MainWindow::save()
{
    if (!m_case)
        return;
    if (!m_case->hasOwnFile() || m_caseFromBundle)
        chooseSaveTarget(); // a built-in case cannot be overwritten; a new one has no file yet; a bundle's is in the
                            // cache
    else
        saveCaseAs(m_case->filePath);
}

void MainWindow::chooseSaveTarget()
{
    if (!m_case)
        return;
    const QString suggestion = m_case->hasOwnFile() ? m_case->filePath : QStringLiteral("case.yaml");
    const QString path = QFileDialog::getSaveFileName(this, QStringLiteral("Save Case As"), suggestion, caseFileFilter);
    if (!path.isEmpty())
        saveCaseAs(path);
}

bool MainWindow::saveCaseAs(const QString &path)
{
    if (!m_case)
        return false;
    const CaseFile before = *m_case;
    const QString error = CaseFileWriter::save(*m_case, path);
    if (!error.isEmpty()) {
        statusBar()->showMessage(error, 8000);
        auto *box = new QMessageBox(
            QMessageBox::Warning, QStringLiteral("Could not save case"), error, QMessageBox::Ok, this);
        box->setObjectName(QStringLiteral("saveFailedBox"));
        box->setTextFormat(Qt::PlainText); // the error names a path the user chose
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
        return false;
    }
    carryCaptures(before);
    // Saving elsewhere rebases relative evidence paths; show them as written now.
    QList<EvidenceItem> items = m_evidenceModel->items();
    for (qsizetype i = 0; i < items.size() && i < m_case->evidence.size(); ++i)
        items[i].entry = m_case->evidence.at(i);
    m_evidenceModel->setItems(items);
    m_recent.add(m_case->filePath);
    rebuildRecentMenu();
    m_undo->setClean();
    setWindowModified(false); // the report's text too, which is not on the undo stack
    m_caseFromBundle = false; // saved where the user chose: a case of its own now
    m_reportEditor->setStatusMessage(QStringLiteral("Saved to %1").arg(QFileInfo(m_case->filePath).fileName()));
    updateActions();
    updateExampleBanner();
    updateTitle();
    statusBar()->showMessage(QStringLiteral("Saved %1").arg(m_case->filePath), 5000);
    return true;
}

// What the case read live and recorded comes along to its new folder, off
// the GUI thread (a copy across filesystems can take a while). Not a job:
// nothing cancels it (Esc, another save, closing the window) — an
// interrupted copy would leave the case without what it read. Qt waits for
// the global pool when the application ends. A file that cannot be brought
// is said, and stays where it was.
void MainWindow::carryCaptures(const CaseFile &before)
{
    const CaseFile after = *m_case;
    QPointer<MainWindow> self(this);
    QThreadPool::globalInstance()->start([before, after, self] {
        CaseCaptures::CarryResult result = CaseCaptures::carry(before, after);
        QMetaObject::invokeMethod(
            qApp,
            [self, result = std::move(result), folder = after.baseDirectory()] {
                if (self)
                    self->showCarried(result, folder);
            },
            Qt::QueuedConnection);
    });
}

void MainWindow::showCarried(const CaseCaptures::CarryResult &result, const QString &folder)
{
    if (result.ok()) {
        if (result.files > 0)
            statusBar()->showMessage(
                QStringLiteral("Brought %1 captured and recorded files to %2").arg(result.files).arg(folder), 5000);
        return;
    }
    auto *box = new QMessageBox(QMessageBox::Warning, QStringLiteral("Captures not brought along"),
        QStringLiteral("The case is saved, but %1 of its captured or recorded files could not be brought to "
                       "%2; they stay where they were.")
            .arg(result.errors.size())
            .arg(folder),
        QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("carryFailedBox"));
    box->setTextFormat(Qt::PlainText);
    box->setDetailedText(escapeControlCharacters(result.errors.join(QLatin1Char('\n')), true));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::showAbout()
{
    auto *dialog = new AboutDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}
