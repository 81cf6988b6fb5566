#pragma once

#include "investigation/AnalysisResult.h"
#include "itemmodels/TimelineChartData.h"
#include "itemmodels/TimelineZoom.h"

#include <QSet>
#include <QWidget>

class QChartView;
class QLabel;
class QTableView;
class QTimer;
class QToolButton;
class TimelineChartView;

namespace strata {
class TimelineModel;
}

// The Timeline panel: a chart of dated events, one lane per source, with the
// raft term each etcd event names as a step line, each recorded member's
// sampled term as its own step line and its raft index dashed, and the term
// a status reports as a marker at the time it was read (or said as
// undated); below it the events as a table. The chart zooms (wheel, a
// dragged range, + −), pans (Shift+wheel, middle drag, ← →) and resets
// (0, Home, double-click), re-binning what the window holds; a crosshair
// reads every line's value at the cursor; the legend shows and hides lines;
// selecting an event selects its marker and clicking a marker selects its
// event; the chart exports as PNG or SVG.
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
    QChartView *chartView() const;
    QTableView *tableView() const { return m_table; }
    const strata::TimelineZoom &zoom() const { return m_zoom; }
    // What the chart shows now (the whole span, or the zoom window re-binned).
    const strata::TimelineChartData &shownData() const { return m_shown; }
    // Writes the chart as it shows now to a .png or .svg file.
    bool exportChart(const QString &path, QString *error);
    // A line shown or hidden, as its legend entry does (a member's term is named by its id, its index "index · <id>").
    void setSeriesVisible(const QString &name, bool visible);

protected:
    void changeEvent(QEvent *event) override;

private:
    void rebuildChart(); // from the whole data again (new evidence)
    void draw(); // the chart for the current window
    void scheduleDraw();
    void chooseExportFile();
    void selectEventOfMarker(qsizetype lane, const QPointF &point);

    QList<strata::TimelineEvent> m_events;
    QList<strata::EtcdMemberSummary> m_members;
    QList<std::shared_ptr<const strata::EtcdRecordingData>> m_recordings;
    QDateTime m_reportedAt;
    strata::TimelineChartData m_whole;
    strata::TimelineChartData m_shown;
    strata::TimelineZoom m_zoom;
    QSet<QString> m_hidden; // series names the user hid in the legend
    strata::TimelineModel *m_model;
    TimelineChartView *m_chartView;
    QTableView *m_table;
    QLabel *m_window;
    QToolButton *m_resetButton;
    QTimer *m_drawTimer;
};
