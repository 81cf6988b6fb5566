#pragma once

#include "rules/Finding.h"

#include <QWidget>

class QTreeView;

namespace strata {
class FindingsModel;
}

// The Findings panel: severity-coloured findings with their evidence and
// recommendation as child rows. Selecting a finding asks the window to select
// its diff rows (fieldsSelected).
class FindingsView : public QWidget
{
    Q_OBJECT
public:
    explicit FindingsView(QWidget *parent = nullptr);

    void setFindings(const QList<strata::Finding> &findings);
    QTreeView *treeView() const { return m_tree; }
    strata::FindingsModel *model() const { return m_model; }

Q_SIGNALS:
    void fieldsSelected(const QString &resourceId, const QStringList &paths);

private:
    strata::FindingsModel *m_model;
    QTreeView *m_tree;
};
