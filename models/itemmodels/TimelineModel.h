#pragma once

#include "evidence/TimelineEvent.h"

#include <QAbstractTableModel>

namespace strata {

// The Timeline panel's table: Time (UTC) | Source | Event | Where, one row per
// log line or dated note, oldest first, undated last. Fed one whole list.
class TimelineModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum ModelColumn { TimeColumn, SourceColumn, EventColumn, LocationColumn, ColumnCount };
    enum Role { TimeRole = Qt::UserRole + 1 };

    explicit TimelineModel(QObject *parent = nullptr);
    void setEvents(const QList<TimelineEvent> &events);
    const QList<TimelineEvent> &events() const { return m_events; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant roleData(const QModelIndex &index, int role) const;
    QList<TimelineEvent> m_events;
};

} // namespace strata
