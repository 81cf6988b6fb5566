#pragma once

#include <QChartView>

#include <optional>

class QGraphicsLineItem;
class QGraphicsSimpleTextItem;

// The timeline's chart view: turns the mouse and keyboard into requests the
// Timeline panel answers (it owns the zoom window and the data) — the wheel
// zooms around the cursor, a drag with the left button chooses a range,
// a drag with the middle button or Shift+wheel pans, + − ← → 0 Home do the
// same from the keyboard, a double-click resets — and draws the crosshair:
// a vertical line at the cursor and the readout the panel gives for it.
class TimelineChartView : public QChartView
{
    Q_OBJECT
public:
    explicit TimelineChartView(QWidget *parent = nullptr);

    // The time (msecs since the epoch) under a point of the view, if the chart has a time axis.
    std::optional<qint64> timeAt(const QPointF &viewPos) const;
    // Shows the crosshair at `viewPos` with `lines` beside it; hidden with an empty list.
    void showCrosshair(const QPointF &viewPos, const QStringList &lines);
    void hideCrosshair();
    // The chart was replaced: the crosshair items belong to the new scene.
    void chartReplaced();
    QString crosshairText() const;

Q_SIGNALS:
    void zoomRequested(qint64 centerMs, double factor);
    void panRequested(double fraction);
    void panByRequested(qint64 ms);
    void rangeRequested(qint64 fromMs, qint64 toMs);
    void resetRequested();
    void hovered(const QPointF &viewPos, qint64 ms);
    void left();

protected:
    void wheelEvent(QWheelEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void leaveEvent(QEvent *event) override;

private:
    QGraphicsLineItem *m_line = nullptr;
    QGraphicsSimpleTextItem *m_text = nullptr;
    QGraphicsLineItem *m_band = nullptr; // the range being chosen (a drag), as a thick line under the plot
    std::optional<QPointF> m_dragStart;
    Qt::MouseButton m_dragButton = Qt::NoButton;
};
