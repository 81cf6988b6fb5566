#pragma once

#include "rules/Finding.h"

#include <QWidget>

class QSplitter;
class QTextBrowser;
class QTreeView;

namespace strata {
class FindingsModel;
}

// The Findings panel: severity-coloured findings with their evidence and
// recommendation as child rows, and beside them (below, when the panel is
// tall) the selected finding in full: wrapped, selectable, its evidence as
// links. Selecting a finding asks the window to select its diff rows
// (fieldsSelected); activating evidence (a link, Enter or a double click on an
// evidence row) asks it to open the file there (evidenceActivated).
class FindingsView : public QWidget
{
    Q_OBJECT
public:
    explicit FindingsView(QWidget *parent = nullptr);

    void setFindings(const QList<strata::Finding> &findings);
    QTreeView *treeView() const { return m_tree; }
    QTextBrowser *detailView() const { return m_detail; }
    // The finding the list's current row belongs to, or -1.
    int currentFinding() const;
    // Makes the finding "<id>:<resource>" (or "<id>") current; false when there is none.
    bool selectFinding(const QString &key);
    strata::FindingsModel *model() const { return m_model; }

Q_SIGNALS:
    void fieldsSelected(const QString &resourceId, const QStringList &paths);
    void evidenceActivated(const strata::Finding &finding, int evidenceIndex);

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void showDetail(int finding);
    void activate(const QModelIndex &index);

    strata::FindingsModel *m_model;
    QTreeView *m_tree;
    QTextBrowser *m_detail;
    QSplitter *m_splitter;
    int m_shownFinding = -1; // the finding in the detail pane
};
