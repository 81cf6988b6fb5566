#pragma once

#include "investigation/AnalysisResult.h"

#include <QWidget>

class QChartView;
class QTableView;

namespace strata {
class TimelineModel;
}

// The Timeline panel: a chart of dated events, one lane per source, with the
// raft term each etcd event names (and the term the members report now) as
// a step line; below it the events as a table.
class TimelineView : public QWidget
{
    Q_OBJECT
public:
    explicit TimelineView(QWidget *parent = nullptr);

    void setTimeline(const QList<strata::TimelineEvent> &events, const QList<strata::EtcdMemberSummary> &members);
    strata::TimelineModel *model() const { return m_model; }
    QChartView *chartView() const { return m_chartView; }
    QTableView *tableView() const { return m_table; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void rebuildChart();

    QList<strata::TimelineEvent> m_events;
    QList<strata::EtcdMemberSummary> m_members;
    strata::TimelineModel *m_model;
    QChartView *m_chartView;
    QTableView *m_table;
};
