#pragma once

#include "diff/ResourceDiff.h"

#include <QWidget>

class QAction;
class QLabel;
class QLineEdit;
class QTimer;
class QTreeView;

namespace strata {
class DiffModel;
class DiffFilterModel;
} // namespace strata

// The four-column diff: Field | Code | State | Live | Replica | Status, one
// group per resource, the odd cell of each row marked. Keyboard first: F7 /
// Shift+F7 step through rows that are not known to agree, Ctrl+D shows only
// those, Ctrl+F filters, Ctrl+C copies the cell, Ctrl+Shift+C the row. The
// actions work from anywhere in the window (the main window lists them in its
// View menu). A legend under the diff says what each status compares. Thin:
// the models decide everything.
class DiffView : public QWidget
{
    Q_OBJECT
public:
    explicit DiffView(QWidget *parent = nullptr);

    void setDiff(const QList<strata::ResourceDiff> &diff, const std::array<QString, strata::columnCount> &origins,
        const strata::ColumnCoverage &coverage, const std::array<QString, strata::columnCount> &remarks = {});
    // Selects the rows of these fields (from a finding) and scrolls to the first.
    void selectFields(const QString &resourceId, const QStringList &paths);

    void nextDifference();
    void previousDifference();
    void copyCell() const;
    void copyRow() const;
    void focusFilter();

    QTreeView *treeView() const { return m_tree; }
    QLineEdit *filterEdit() const { return m_filterEdit; }
    strata::DiffModel *diffModel() const { return m_model; }
    strata::DiffFilterModel *filterModel() const { return m_filter; }
    QAction *differencesOnlyAction() const { return m_differencesOnly; }
    QAction *showNoiseAction() const { return m_showNoise; }
    QAction *nextDifferenceAction() const { return m_next; }
    QAction *previousDifferenceAction() const { return m_previous; }
    QAction *filterAction() const { return m_filterAction; }
    QList<QAction *> viewActions() const;

Q_SIGNALS:
    // A step (F7) was asked for while the diff was not on screen.
    void revealRequested();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void stepDifference(int direction);
    QList<QModelIndex> visibleFieldRows() const;
    void fitColumns();
    void expandIfSmall();
    static constexpr int expandAllUpTo = 2000; // objects: more are shown closed, and the filter waits for a pause
    void updateLegend();

    strata::DiffModel *m_model;
    strata::DiffFilterModel *m_filter;
    QTreeView *m_tree;
    QLineEdit *m_filterEdit;
    QLabel *m_legend;
    QAction *m_differencesOnly;
    QAction *m_showNoise;
    QAction *m_next;
    QAction *m_previous;
    QAction *m_filterAction;
    QAction *m_copyCell;
    QAction *m_copyRow;
    QTimer *m_filterDelay;
    bool m_userSizedColumns = false;
    bool m_fitting = false;
};
