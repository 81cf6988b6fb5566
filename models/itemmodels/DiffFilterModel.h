#pragma once

#include <QSortFilterProxyModel>

namespace strata {

// The diff view's filters on top of DiffModel: "differences only" (hides
// fields known to agree; fields that could not be compared in every column
// stay), "show noise fields" (resourceVersion, uid, managedFields, …; hidden
// by default) and a text filter matching resource ids, field paths and
// values. A resource stays visible while any of its fields does.
class DiffFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit DiffFilterModel(QObject *parent = nullptr);

    bool differencesOnly() const { return m_differencesOnly; }
    void setDifferencesOnly(bool on);
    bool showNoise() const { return m_showNoise; }
    void setShowNoise(bool on);
    QString textFilter() const { return m_text; }
    // Case-insensitive substring of a resource id, a field path or a cell's value.
    void setTextFilter(const QString &text);

    // A resource row has children if its source row has: the tree asks this
    // of every top-level row on each layout, and the proxy's own answer
    // filters each resource's fields first (a visible stall at 20,000
    // objects). At worst an expander opens onto no rows.
    bool hasChildren(const QModelIndex &parent = QModelIndex()) const override;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    bool m_differencesOnly = false;
    bool m_showNoise = false;
    QString m_text;
};

} // namespace strata
