#pragma once

#include "report/ReportOptions.h"

#include "case/CaseFile.h"
#include "core/Diagnostic.h"
#include "core/RecentFiles.h"
#include "evidence/CaseCaptures.h"
#include "investigation/AnalysisResult.h"

#include <QMainWindow>

#include <memory>
#include <optional>

class QAction;
class QDockWidget;
class QLabel;
class QListWidget;
class QMenu;
class QProgressBar;
class QStackedWidget;
class QTableView;
class PlaceholderView;
class EtcdHistoryView;
class MessageBar;
class DiffView;
class EvidenceViewer;
class FindingsView;
class PlanView;
class ReportEditor;
class HistoryView;
class SystemView;
class EtcdView;
class QTimer;
class TimelineView;
class QTabWidget;
class QUndoStack;
class ViewNavigator;

namespace strata {
struct HistoryTarget;
struct ExecPluginUse;
class ContextListModel;
class EtcdSampler;
class EvidenceListModel;
class JobRunner;
struct EvidenceItem;
} // namespace strata

// Strata's main window: the diff in the centre, docks for Sources, Evidence,
// Timeline and Findings around it, and the File/View/Help menus. It owns the
// open case and starts background jobs to load it; views show what the models
// in models/ compute. Window geometry, dock layout and recent files persist.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // The case built into Strata, opened when no file is given.
    static QString referenceCasePath();

    // Loads a case in the background; caseOpened or caseOpenFailed follows.
    void openCase(const QString &path);
    // Saves to `path` (atomically); returns false and tells the user on failure.
    bool saveCaseAs(const QString &path);

    // Case editing (MainWindowEditing.cpp); every edit is undoable and re-analyses.
    // Starts a case saved as `folder`/case.yaml, or opens the one already there.
    void newCase(const QString &folder);
    // Adds files or folders as evidence; starts an untitled case if none of the user's is open.
    void addEvidence(const QStringList &paths);
    void removeEvidence(const QList<int> &rows);
    void setEvidenceRole(int row, strata::EvidenceRole role);
    // Inspects and analyses the open case again (F5), as it is now.
    void reanalyse();
    QUndoStack *undoStack() const { return m_undo; }

    const std::optional<strata::CaseFile> &currentCase() const { return m_case; }
    const QList<strata::Diagnostic> &caseDiagnostics() const { return m_diagnostics; }
    const std::optional<strata::AnalysisResult> &analysis() const { return m_analysis; }
    strata::JobRunner *jobs() const { return m_jobs; }
    // File ▸ Export Report… (MainWindowReport.cpp): the preview, then the file.
    void exportReport();
    // Writes the report of the current analysis to `path` (its extension names the format) off the GUI thread;
    // reportExported follows, or a message. `chartPng` empty: the chart drawn now.
    void exportReportTo(const QString &path, QPageSize::PageSizeId pageSize, const QByteArray &chartPng = {});
    EvidenceViewer *evidenceViewer() const { return m_evidenceViewer; }
    ViewNavigator *navigator() const { return m_navigator; }

Q_SIGNALS:
    void caseOpened(const QString &path);
    void caseOpenFailed(const QString &path, const QString &reason);
    void evidenceInspected();
    void analysisFinished();
    void reportExported(const QString &path);

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    // Brings the case's captures and recordings to the folder it was saved in (a job).
    void carryCaptures(const strata::CaseFile &before);
    void showCarried(const strata::CaseCaptures::CarryResult &result, const QString &folder);
    void createActions();
    void createMenus();
    void createDocks();
    void createNavigation();
    void createEditActions();
    // The History panel and the commit picker (MainWindowHistory.cpp).
    void createHistory();
    std::optional<strata::HistoryTarget> historyTarget() const;
    void showHistory();
    void showCommitPatch(const QString &commitId);
    void chooseCommit();
    // The etcd History panel (MainWindowEtcdHistory.cpp).
    void createEtcdHistory();
    void showEtcdHistory();
    void pushEdit(const QString &text, const strata::CaseFile &after);
    void setCaseContent(const strata::CaseFile &caseFile);
    void chooseNewCaseFolder();
    void chooseEvidenceFiles();
    void chooseEvidenceFolder();
    void removeSelectedEvidence();
    void showUserGuide();
    void updateExampleBanner();
    // A case is open and it is not the built-in example.
    bool caseIsEditable() const { return m_case && !m_case->isBuiltIn(); }
    void showShortcuts();
    void escape();
    QDockWidget *addDock(const QString &title, const QString &objectName, QWidget *content, Qt::DockWidgetArea area);
    void restoreSettings();
    void applyDefaultLayout();
    void saveSettings() const;
    void rebuildRecentMenu();
    void updateActions();
    void updateTitle();

    void chooseCaseToOpen();
    void save();
    void chooseSaveTarget();
    void showAbout();

    void applyCase(const QString &path, const strata::CaseFile &caseFile, const QList<strata::Diagnostic> &diagnostics);
    void applyEvidence(const QList<strata::EvidenceItem> &items);
    void reportOpenFailure(const QString &path, const QString &reason);
    void showDiagnostics();
    void showCompleteness(const strata::Completeness &completeness);
    void showProblems();
    void openEvidence(const strata::Finding &finding, int evidenceIndex);
    void startAnalysis();
    // The live sources (MainWindowLive.cpp).
    QWidget *createContextsView(QWidget *parent);
    void setContextRole(const QString &context, strata::EvidenceRole role);
    void loadContexts();
    void askAboutExecPlugins(const QList<strata::ExecPluginUse> &uses);
    void runAnalysis(bool readLive);
    void applyAnalysis(const strata::AnalysisResult &result);
    strata::ReportOptions reportOptions(const QByteArray &chartPng = {}) const;
    // The analysis with the report's sections as typed now (they change without a re-analysis).
    strata::AnalysisResult reportedAnalysis() const;
    void reportSectionsEdited();
    void saveReportSections();

    strata::JobRunner *m_jobs;
    std::optional<strata::CaseFile> m_case;
    QList<strata::Diagnostic> m_caseDiagnostics; // from reading the case file
    QList<strata::Diagnostic> m_diagnostics; // everything shown in the problems list
    strata::RecentFiles m_recent;
    quint64 m_loadJob = 0;
    std::optional<strata::AnalysisResult> m_analysis;

    QTabWidget *m_centralTabs = nullptr;
    QStackedWidget *m_diffStack = nullptr;
    DiffView *m_diffView = nullptr;
    SystemView *m_systemView = nullptr;
    EtcdView *m_etcdView = nullptr;
    QStackedWidget *m_findingsStack = nullptr;
    PlaceholderView *m_findingsPlaceholder = nullptr;
    FindingsView *m_findingsView = nullptr;
    PlanView *m_planView = nullptr;
    QStackedWidget *m_timelineStack = nullptr;
    PlaceholderView *m_timelinePlaceholder = nullptr;
    TimelineView *m_timelineView = nullptr;
    PlaceholderView *m_diffPlaceholder = nullptr;
    PlaceholderView *m_sourcesView = nullptr;
    QTableView *m_contextsView = nullptr;
    strata::ContextListModel *m_contextModel = nullptr;
    QString m_kubeconfigNote; // what went wrong reading the case's kubeconfigs, for the Sources dock
    // etcd recording (MainWindowRecording.cpp)
    void createRecordingAction();
    void setRecording(bool on);
    void showRecordingProgress();
    void stopRecording(bool analyseAfter);
    QAction *m_recordAction = nullptr;
    QLabel *m_recordingLabel = nullptr;
    QTimer *m_recordingTimer = nullptr;
    std::shared_ptr<strata::EtcdSampler> m_sampler;
    bool m_readLive = false; // the next analysis reads the live contexts (open, F5, a new role)
    bool m_caseFromBundle = false; // opened from an evidence bundle: analysed offline, as it was
    ReportEditor *m_reportEditor = nullptr;
    QTimer *m_reportSaveTimer = nullptr; // autosave of the report's sections, a moment after typing
    bool m_reportEdited = false; // typed since the case was opened: a re-analysis keeps the form
    QStackedWidget *m_evidenceStack = nullptr;
    PlaceholderView *m_evidencePlaceholder = nullptr;
    QTableView *m_evidenceView = nullptr;
    QListWidget *m_problemsList = nullptr;
    strata::EvidenceListModel *m_evidenceModel = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_completenessLabel = nullptr;
    MessageBar *m_incompleteBanner = nullptr;
    EvidenceViewer *m_evidenceViewer = nullptr;
    MessageBar *m_exampleBanner = nullptr;
    QUndoStack *m_undo = nullptr;
    QAction *m_newAction = nullptr;
    QAction *m_addEvidenceAction = nullptr;
    QAction *m_addFolderAction = nullptr;
    QAction *m_removeEvidenceAction = nullptr;
    QAction *m_reanalyseAction = nullptr;
    QAction *m_workTreeAction = nullptr;
    QAction *m_showHistoryAction = nullptr;
    QAction *m_pickCommitAction = nullptr;
    HistoryView *m_historyView = nullptr;
    quint64 m_historyJob = 0;
    QAction *m_showEtcdHistoryAction = nullptr;
    EtcdHistoryView *m_etcdHistoryView = nullptr;
    quint64 m_etcdHistoryJob = 0;
    QAction *m_undoAction = nullptr;
    QAction *m_redoAction = nullptr;
    QAction *m_userGuideAction = nullptr;

    ViewNavigator *m_navigator = nullptr;
    QAction *m_cancelAction = nullptr;
    QAction *m_escapeAction = nullptr;
    QAction *m_shortcutsAction = nullptr;
    QAction *m_openAction = nullptr;
    QAction *m_saveAction = nullptr;
    QAction *m_saveAsAction = nullptr;
    QAction *m_exportAction = nullptr;
    QAction *m_quitAction = nullptr;
    QAction *m_aboutAction = nullptr;
    QMenu *m_recentMenu = nullptr;
    QMenu *m_viewMenu = nullptr;
};
