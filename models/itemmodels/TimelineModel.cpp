#include "TimelineModel.h"

#include "core/PlainToolTip.h"

namespace strata {

TimelineModel::TimelineModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void TimelineModel::setEvents(const QList<TimelineEvent> &events)
{
    beginResetModel();
    m_events = events;
    endResetModel();
}

int TimelineModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_events.size());
}

int TimelineModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TimelineModel::data(const QModelIndex &index, int role) const
{
    // Tooltips quote evidence: never let Qt take it for markup.
    if (role == Qt::ToolTipRole)
        return plainToolTip(roleData(index, role).toString());
    return roleData(index, role);
}

QVariant TimelineModel::roleData(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const TimelineEvent &e = m_events.at(index.row());
    if (role == TimeRole)
        return e.time;
    if (role == Qt::ToolTipRole)
        return QString(e.location.toString() + QLatin1Char('\n') + e.text);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case TimeColumn:
        return e.time.isValid() ? e.time.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) : QStringLiteral("—");
    case SourceColumn:
        return e.source;
    case EventColumn:
        return e.text;
    case LocationColumn:
        return e.location.toString();
    }
    return {};
}

QVariant TimelineModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn:
        return QStringLiteral("Time (UTC)");
    case SourceColumn:
        return QStringLiteral("Source");
    case EventColumn:
        return QStringLiteral("Event");
    case LocationColumn:
        return QStringLiteral("Where");
    }
    return {};
}

} // namespace strata
