#pragma once

#include "diff/ResourceDiff.h"

#include <QWidget>

class QAction;
class QTreeView;

namespace strata {
class DiffModel;
class DiffFilterModel;
} // namespace strata

// The four-column diff: Field | Code | State | Live | Replica | Status, one
// group per resource. Keyboard first: F7 / Shift+F7 step through differences,
// Ctrl+C copies the cell, Ctrl+Shift+C the row (tab-separated). Toggles for
// "differences only" and noise fields. Thin: the models decide everything.
class DiffView : public QWidget
{
    Q_OBJECT
public:
    explicit DiffView(QWidget *parent = nullptr);

    void setDiff(const QList<strata::ResourceDiff> &diff, const std::array<QString, strata::columnCount> &origins);
    // Selects the rows of these fields (from a finding) and scrolls to the first.
    void selectFields(const QString &resourceId, const QStringList &paths);

    void nextDifference();
    void previousDifference();
    void copyCell() const;
    void copyRow() const;

    QTreeView *treeView() const { return m_tree; }
    strata::DiffFilterModel *filterModel() const { return m_filter; }
    QAction *differencesOnlyAction() const { return m_differencesOnly; }
    QAction *showNoiseAction() const { return m_showNoise; }

private:
    void stepDifference(int direction);
    QList<QModelIndex> visibleFieldRows() const;

    strata::DiffModel *m_model;
    strata::DiffFilterModel *m_filter;
    QTreeView *m_tree;
    QAction *m_differencesOnly;
    QAction *m_showNoise;
    QAction *m_next;
    QAction *m_previous;
};
