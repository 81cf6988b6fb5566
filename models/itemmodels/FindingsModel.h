#pragma once

#include "rules/Finding.h"

#include <QAbstractItemModel>

namespace strata {

// The Findings panel: one top-level row per finding (Severity | Finding |
// Resource), with its evidence and its recommendation as child rows.
// Fed one whole list at a time.
class FindingsModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum ModelColumn { SeverityColumn, TitleColumn, ResourceColumn, ColumnCount };
    enum Role {
        FindingIdRole = Qt::UserRole + 1, // QString rule id ("live-drift")
        SeverityRole, // int Severity
        ResourceRole, // QString resource id
        PathsRole, // QStringList field paths
        LocationRole, // QString file:line of an evidence row
        IsFindingRole, // bool
        EvidenceIndexRole, // int: which of the finding's evidence a child row shows; -1 on other rows
    };
    Q_ENUM(Role)

    explicit FindingsModel(QObject *parent = nullptr);

    void setFindings(const QList<Finding> &findings);
    const QList<Finding> &findings() const { return m_findings; }

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant roleData(const QModelIndex &index, int role) const;
    QList<Finding> m_findings;
};

} // namespace strata
