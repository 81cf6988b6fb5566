#include "TimelineChartView.h"

#include <QAbstractSeries>
#include <QChart>
#include <QGraphicsLineItem>
#include <QGraphicsSimpleTextItem>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QWheelEvent>

#include <cmath>

namespace {
constexpr double zoomStep = 0.8; // one wheel notch or key press: the window 20 % narrower
}

TimelineChartView::TimelineChartView(QWidget *parent)
    : QChartView(parent)
{
    setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus); // the keys zoom and pan once the chart is clicked or tabbed to
    setRubberBand(QChartView::NoRubberBand); // the panel owns the window: ranges come as requests
}

std::optional<qint64> TimelineChartView::timeAt(const QPointF &viewPos) const
{
    QChart *c = chart();
    if (!c || c->series().isEmpty() || !c->plotArea().contains(mapToScene(viewPos.toPoint())))
        return std::nullopt;
    const QPointF value = c->mapToValue(c->mapFromScene(mapToScene(viewPos.toPoint())), c->series().constFirst());
    return qint64(value.x());
}

void TimelineChartView::chartReplaced()
{
    m_line = nullptr; // owned by the old scene, deleted with it
    m_text = nullptr;
    m_band = nullptr;
}

void TimelineChartView::showCrosshair(const QPointF &viewPos, const QStringList &lines)
{
    QChart *c = chart();
    if (!c || lines.isEmpty()) {
        hideCrosshair();
        return;
    }
    if (!m_line) {
        m_line = new QGraphicsLineItem(c);
        m_line->setZValue(100);
        m_text = new QGraphicsSimpleTextItem(c);
        m_text->setZValue(101);
    }
    const QPalette pal = palette();
    m_line->setPen(QPen(pal.color(QPalette::Text), 1, Qt::DotLine));
    m_text->setBrush(pal.color(QPalette::Text));
    const QRectF plot = c->plotArea();
    const qreal x = c->mapFromScene(mapToScene(viewPos.toPoint())).x();
    m_line->setLine(x, plot.top(), x, plot.bottom());
    m_text->setText(lines.join(QLatin1Char('\n')));
    // Beside the line, on whichever side has room.
    const QRectF box = m_text->boundingRect();
    const qreal left = x + 6 + box.width() <= plot.right() ? x + 6 : x - 6 - box.width();
    m_text->setPos(std::max(plot.left(), left), plot.top() + 2);
    m_line->show();
    m_text->show();
}

void TimelineChartView::hideCrosshair()
{
    if (m_line) {
        m_line->hide();
        m_text->hide();
    }
}

QString TimelineChartView::crosshairText() const
{
    return m_text && m_text->isVisible() ? m_text->text() : QString();
}

void TimelineChartView::wheelEvent(QWheelEvent *event)
{
    const int notches = event->angleDelta().y() / 120;
    const std::optional<qint64> at = timeAt(event->position());
    if (notches == 0 || !at) {
        QChartView::wheelEvent(event);
        return;
    }
    if (event->modifiers() & Qt::ShiftModifier)
        Q_EMIT panRequested(-0.1 * notches);
    else
        Q_EMIT zoomRequested(*at, std::pow(zoomStep, notches));
    event->accept();
}

void TimelineChartView::keyPressEvent(QKeyEvent *event)
{
    const QRectF plot = chart() ? chart()->plotArea() : QRectF();
    const std::optional<qint64> middle = timeAt(mapFromScene(plot.center()));
    switch (event->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        if (middle)
            Q_EMIT zoomRequested(*middle, zoomStep);
        break;
    case Qt::Key_Minus:
        if (middle)
            Q_EMIT zoomRequested(*middle, 1 / zoomStep);
        break;
    case Qt::Key_Left:
        Q_EMIT panRequested(-0.1);
        break;
    case Qt::Key_Right:
        Q_EMIT panRequested(0.1);
        break;
    case Qt::Key_0:
    case Qt::Key_Home:
        Q_EMIT resetRequested();
        break;
    default:
        QChartView::keyPressEvent(event);
        return;
    }
    event->accept();
}

void TimelineChartView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton || event->button() == Qt::MiddleButton) {
        m_dragStart = event->position();
        m_dragButton = event->button();
    }
    QChartView::mousePressEvent(event); // a click on a marker still reaches its series
}

void TimelineChartView::mouseMoveEvent(QMouseEvent *event)
{
    QChartView::mouseMoveEvent(event);
    const std::optional<qint64> at = timeAt(event->position());
    if (m_dragStart && m_dragButton == Qt::MiddleButton) {
        // Drag the plot: the time under the press follows the cursor.
        const std::optional<qint64> pressed = timeAt(*m_dragStart);
        if (pressed && at && *pressed != *at) {
            Q_EMIT panByRequested(*pressed - *at);
            m_dragStart = event->position();
        }
        return;
    }
    if (m_dragStart && m_dragButton == Qt::LeftButton && chart()) {
        if (!m_band) {
            m_band = new QGraphicsLineItem(chart());
            m_band->setZValue(99);
        }
        QColor fill = palette().color(QPalette::Highlight);
        fill.setAlpha(90);
        const QRectF plot = chart()->plotArea();
        const qreal a = chart()->mapFromScene(mapToScene(m_dragStart->toPoint())).x();
        const qreal b = chart()->mapFromScene(mapToScene(event->position().toPoint())).x();
        m_band->setPen(QPen(fill, plot.height(), Qt::SolidLine, Qt::FlatCap));
        m_band->setLine(std::max(plot.left(), std::min(a, b)), plot.center().y(),
            std::min(plot.right(), std::max(a, b)), plot.center().y());
        m_band->show();
    }
    if (at)
        Q_EMIT hovered(event->position(), *at);
    else
        hideCrosshair();
}

void TimelineChartView::mouseReleaseEvent(QMouseEvent *event)
{
    QChartView::mouseReleaseEvent(event);
    if (m_band)
        m_band->hide();
    if (m_dragStart && m_dragButton == Qt::LeftButton && std::abs(event->position().x() - m_dragStart->x()) >= 8) {
        const std::optional<qint64> a = timeAt(*m_dragStart);
        const std::optional<qint64> b = timeAt(event->position());
        if (a && b)
            Q_EMIT rangeRequested(std::min(*a, *b), std::max(*a, *b));
    }
    m_dragStart.reset();
    m_dragButton = Qt::NoButton;
}

void TimelineChartView::mouseDoubleClickEvent(QMouseEvent *event)
{
    Q_EMIT resetRequested();
    event->accept();
}

void TimelineChartView::leaveEvent(QEvent *event)
{
    QChartView::leaveEvent(event);
    hideCrosshair();
    Q_EMIT left();
}
