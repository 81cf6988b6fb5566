#pragma once

#include "rules/EtcdMemberSummary.h"

#include <QAbstractTableModel>

namespace strata {

// The etcd member table: what `etcdctl endpoint status -w table` prints,
// plus apply lag, revision and the live read's latency, joined with the
// member list (names) — a row for every endpoint, also one that did not
// answer (its error in the Errors column). The leader's row is marked.
class EtcdEndpointModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        EndpointColumn,
        IdColumn,
        NameColumn,
        VersionColumn,
        DbSizeColumn,
        InUseColumn,
        LeaderColumn,
        LearnerColumn,
        TermColumn,
        IndexColumn,
        AppliedColumn,
        ApplyLagColumn,
        RevisionColumn,
        LatencyColumn,
        ErrorsColumn,
        ColumnCount
    };
    enum Roles {
        // "leader", "error" (the member reported errors or did not answer), or "".
        StateRole = Qt::UserRole + 1,
    };

    explicit EtcdEndpointModel(QObject *parent = nullptr);

    void setMembers(const QList<EtcdMemberSummary> &members);
    const EtcdMemberSummary &memberAt(int row) const { return m_members.at(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // "20 kB", "1.2 MB": go-humanize's decimal units, as etcdctl's table prints sizes.
    static QString humanBytes(quint64 bytes);

private:
    QString errorsOf(const EtcdMemberSummary &m) const;

    QList<EtcdMemberSummary> m_members;
};

} // namespace strata
