#include "EtcdEndpointModel.h"

#include <QFont>

namespace strata {

EtcdEndpointModel::EtcdEndpointModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void EtcdEndpointModel::setMembers(const QList<EtcdMemberSummary> &members)
{
    beginResetModel();
    m_members = members;
    endResetModel();
}

int EtcdEndpointModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_members.size());
}

int EtcdEndpointModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString EtcdEndpointModel::humanBytes(quint64 bytes)
{
    static const char *const units[] = { "B", "kB", "MB", "GB", "TB", "PB" };
    double v = double(bytes);
    int unit = 0;
    while (v >= 1000 && unit < 5) {
        v /= 1000;
        ++unit;
    }
    // go-humanize: one decimal under 10, none above ("4.1 MB", "20 kB").
    const QString number = unit == 0 || v >= 10 ? QString::number(qRound64(v)) : QString::number(v, 'f', 1);
    return number + QLatin1Char(' ') + QLatin1String(units[unit]);
}

QString EtcdEndpointModel::errorsOf(const EtcdMemberSummary &m) const
{
    QStringList out;
    if (!m.statusError.isEmpty())
        out.append(m.statusError);
    for (const QString &e : m.errors)
        out.append(e.trimmed());
    if (!m.healthError.isEmpty())
        out.append(m.healthError);
    else if (m.health == QLatin1String("unhealthy"))
        out.append(QStringLiteral("unhealthy"));
    if (!m.hasStatus && out.isEmpty())
        out.append(QStringLiteral("no status in the evidence"));
    return out.join(QStringLiteral("; "));
}

QVariant EtcdEndpointModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_members.size())
        return {};
    const EtcdMemberSummary &m = m_members.at(index.row());
    const bool erred = !m.statusError.isEmpty() || !m.errors.isEmpty() || m.health == QLatin1String("unhealthy");
    if (role == StateRole)
        return m.isLeader ? QStringLiteral("leader") : erred ? QStringLiteral("error") : QString();
    if (role == Qt::FontRole && m.isLeader) {
        QFont bold;
        bold.setBold(true);
        return bold;
    }
    if (role == Qt::TextAlignmentRole && index.column() >= DbSizeColumn && index.column() <= LatencyColumn
        && index.column() != LeaderColumn && index.column() != LearnerColumn)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole && index.column() == ErrorsColumn)
        return errorsOf(m);
    if (role != Qt::DisplayRole)
        return {};
    const QString none = QStringLiteral("—");
    switch (Column(index.column())) {
    case EndpointColumn:
        return m.endpoint.isEmpty() ? none : m.endpoint;
    case IdColumn:
        return m.id.isEmpty() ? none : m.id;
    case NameColumn:
        return m.name.isEmpty() ? none : m.name;
    case VersionColumn:
        return m.version.isEmpty() ? none : m.version;
    case DbSizeColumn:
        return m.hasStatus ? humanBytes(m.dbSizeBytes) : none;
    case InUseColumn:
        return m.dbSizeInUseBytes ? humanBytes(*m.dbSizeInUseBytes) : none;
    case LeaderColumn:
        return m.hasStatus ? (m.isLeader ? QStringLiteral("true") : QStringLiteral("false")) : none;
    case LearnerColumn:
        return m.isLearner ? QStringLiteral("true") : QStringLiteral("false");
    case TermColumn:
        return m.hasStatus ? QVariant(m.raftTerm) : QVariant(none);
    case IndexColumn:
        return m.hasStatus ? QVariant(m.raftIndex) : QVariant(none);
    case AppliedColumn:
        return m.hasStatus ? QVariant(m.raftAppliedIndex) : QVariant(none);
    case ApplyLagColumn:
        return m.hasStatus ? QVariant(qint64(m.raftIndex) - qint64(m.raftAppliedIndex)) : QVariant(none);
    case RevisionColumn:
        return m.revision ? QVariant(*m.revision) : QVariant(none);
    case LatencyColumn:
        return m.latencyMs >= 0 ? QVariant(QStringLiteral("%1 ms").arg(m.latencyMs)) : QVariant(none);
    case ErrorsColumn:
        return errorsOf(m);
    case ColumnCount:
        break;
    }
    return {};
}

QVariant EtcdEndpointModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    static const char *const names[] = { "Endpoint", "ID", "Name", "Version", "DB size", "In use", "Leader", "Learner",
        "Raft term", "Raft index", "Applied", "Apply lag", "Revision", "Latency", "Errors" };
    static_assert(std::size(names) == ColumnCount);
    return section >= 0 && section < ColumnCount ? QString::fromLatin1(names[section]) : QVariant();
}

} // namespace strata
