#pragma once

#include "history/FieldHistory.h"

#include <QAbstractTableModel>

namespace strata {

// The History panel's table: one row per commit that changed what the code
// says for a field or an object (Commit | Date | Author | Change | Subject),
// newest first. Rows arrive in batches while the walk goes on (appendChanges),
// so the first commit shows before the walk ends; setChanges replaces them all.
class HistoryModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum ModelColumn { CommitColumn, DateColumn, AuthorColumn, ChangeColumn, SubjectColumn, ColumnCount };
    enum Role {
        CommitIdRole = Qt::UserRole + 1, // QString: the full id
    };
    Q_ENUM(Role)

    explicit HistoryModel(QObject *parent = nullptr);

    void setChanges(const QList<FieldChange> &changes);
    void appendChanges(const QList<FieldChange> &changes);
    const QList<FieldChange> &changes() const { return m_changes; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<FieldChange> m_changes;
};

} // namespace strata
