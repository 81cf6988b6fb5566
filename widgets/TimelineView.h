#pragma once

#include "investigation/AnalysisResult.h"

#include <QWidget>

class QChartView;
class QTableView;

namespace strata {
class TimelineModel;
}

// The Timeline panel: a chart of dated events, one lane per source, with the
// raft term each etcd event names as a step line, each recorded member's
// sampled term as its own step line, and the term a status reports as a
// marker at the time it was read (or said as undated); below it the events
// as a table.
class TimelineView : public QWidget
{
    Q_OBJECT
public:
    explicit TimelineView(QWidget *parent = nullptr);

    // `recordings`: sampled etcd status, drawn as each member's term;
    // `reportedAt`: when the members' status was read live (invalid: pasted, undated).
    void setTimeline(const QList<strata::TimelineEvent> &events, const QList<strata::EtcdMemberSummary> &members,
        const QList<std::shared_ptr<const strata::EtcdRecordingData>> &recordings = {},
        const QDateTime &reportedAt = {});
    strata::TimelineModel *model() const { return m_model; }
    QChartView *chartView() const { return m_chartView; }
    QTableView *tableView() const { return m_table; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void rebuildChart();

    QList<strata::TimelineEvent> m_events;
    QList<strata::EtcdMemberSummary> m_members;
    QList<std::shared_ptr<const strata::EtcdRecordingData>> m_recordings;
    QDateTime m_reportedAt;
    strata::TimelineModel *m_model;
    QChartView *m_chartView;
    QTableView *m_table;
};
