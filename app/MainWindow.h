#pragma once

#include "core/Diagnostic.h"
#include "core/RecentFiles.h"
#include "investigation/CaseFile.h"

#include <QMainWindow>

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

namespace strata {
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

    const std::optional<strata::CaseFile> &currentCase() const { return m_case; }
    const QList<strata::Diagnostic> &caseDiagnostics() const { return m_diagnostics; }
    strata::JobRunner *jobs() const { return m_jobs; }

Q_SIGNALS:
    void caseOpened(const QString &path);
    void caseOpenFailed(const QString &path, const QString &reason);
    void evidenceInspected();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void createMenus();
    void createDocks();
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

    strata::JobRunner *m_jobs;
    std::optional<strata::CaseFile> m_case;
    QList<strata::Diagnostic> m_diagnostics;
    strata::RecentFiles m_recent;
    quint64 m_loadJob = 0;

    PlaceholderView *m_diffPlaceholder = nullptr;
    QStackedWidget *m_evidenceStack = nullptr;
    PlaceholderView *m_evidencePlaceholder = nullptr;
    QTableView *m_evidenceView = nullptr;
    QListWidget *m_problemsList = nullptr;
    strata::EvidenceListModel *m_evidenceModel = nullptr;
    QProgressBar *m_progress = nullptr;

    QAction *m_openAction = nullptr;
    QAction *m_saveAction = nullptr;
    QAction *m_saveAsAction = nullptr;
    QAction *m_exportAction = nullptr;
    QAction *m_quitAction = nullptr;
    QAction *m_aboutAction = nullptr;
    QMenu *m_recentMenu = nullptr;
    QMenu *m_viewMenu = nullptr;
};
