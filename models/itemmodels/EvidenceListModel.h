#pragma once

#include "case/EvidenceItem.h"

#include <QAbstractTableModel>

namespace strata {

// The Evidence dock's table: one row per evidence entry of the open case,
// fed one whole list at a time (setItems resets the model).
class EvidenceListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { PathColumn, RoleColumn, KindColumn, SizeColumn, SummaryColumn, ColumnCount };
    enum Role { ResolvedPathRole = Qt::UserRole + 1, ExistsRole };
    Q_ENUM(Role)

    explicit EvidenceListModel(QObject *parent = nullptr);

    void setItems(const QList<EvidenceItem> &items);
    const QList<EvidenceItem> &items() const { return m_items; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    // Editing the Role column asks for the change (roleChangeRequested); it does not make it.
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    // What the Role column's editor offers: "auto" and each diff column.
    static QStringList roleChoices();

Q_SIGNALS:
    void roleChangeRequested(int row, strata::EvidenceRole role);

private:
    QVariant roleData(const QModelIndex &index, int role) const;
    QList<EvidenceItem> m_items;
};

} // namespace strata
