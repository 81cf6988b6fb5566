#pragma once

#include "history/EtcdObjectHistory.h"

#include <QAbstractTableModel>

namespace strata {

// The etcd History panel's table: one row per version etcd holds of an
// object, newest first (Revision | Version | Stored as | Change), and the
// selected version's fields for the text below it.
class EtcdHistoryModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum ModelColumn { RevisionColumn, VersionColumn, EncodingColumn, ChangeColumn, ColumnCount };

    explicit EtcdHistoryModel(QObject *parent = nullptr);

    void setHistory(const EtcdObjectHistory &history);
    void clear();
    const EtcdObjectHistory &history() const { return m_history; }

    // The version at `row` as text: every field (Secret values as
    // fingerprints), then what it changed — or why its value is not known.
    QString versionText(int row) const;
    // "3 versions of /registry/… at http://…, revision 57; created at revision 40".
    QString summary() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    EtcdObjectHistory m_history;
};

} // namespace strata
