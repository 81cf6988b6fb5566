#include "SystemView.h"

#include "StatusColors.h"

#include "core/PlainToolTip.h"
#include "itemmodels/SystemOverview.h"

#include <QEvent>
#include <QGraphicsRectItem>
#include <QGraphicsScene>
#include <QGraphicsTextItem>
#include <QHash>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainterPath>
#include <QPen>
#include <QWheelEvent>
#include <QtMath>

using strata::Component;
using strata::Relation;

namespace {

int layerOf(const QString &kind)
{
    if (kind == QLatin1String("application") || kind == QLatin1String("api-server"))
        return 0;
    if (kind == QLatin1String("api-context") || kind == QLatin1String("terraform-stack"))
        return 1;
    if (kind == QLatin1String("kubernetes-object"))
        return 2;
    return 3; // etcd: the cluster, its members under it
}

constexpr qreal boxWidth = 230;
constexpr qreal minimumLayerGap = 90;
constexpr qreal rowGap = 18;
constexpr qreal labelPad = 4;

} // namespace

SystemView::SystemView(QWidget *parent)
    : QGraphicsView(parent)
{
    setObjectName(QStringLiteral("systemView"));
    setAccessibleName(QStringLiteral("System: the components the evidence names and how they connect"));
    setScene(new QGraphicsScene(this));
    setRenderHint(QPainter::Antialiasing);
    setDragMode(QGraphicsView::ScrollHandDrag);
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    setFocusPolicy(Qt::StrongFocus);
}

void SystemView::setSystem(
    const QList<Component> &components, const QList<Relation> &relations, const QList<strata::Finding> &findings)
{
    m_components = components;
    m_relations = relations;
    m_findings = findings;
    m_expanded.clear();
    rebuild();
    m_fitPending = true;
    if (isVisible())
        fitToView();
}

void SystemView::fitToView()
{
    m_fitPending = false;
    resetTransform();
    const QRectF rect = sceneRect();
    if (rect.isEmpty())
        return;
    // Fit, but never blow a small system up past its natural size.
    const qreal scale = std::min({ 1.0, viewport()->width() / rect.width(), viewport()->height() / rect.height() });
    this->scale(scale, scale);
    centerOn(rect.center());
}

void SystemView::showEvent(QShowEvent *event)
{
    QGraphicsView::showEvent(event);
    if (m_fitPending)
        fitToView();
}

void SystemView::wheelEvent(QWheelEvent *event)
{
    const qreal steps = event->angleDelta().y() / 120.0;
    if (qFuzzyIsNull(steps)) {
        QGraphicsView::wheelEvent(event);
        return;
    }
    const qreal factor = std::pow(1.15, steps);
    const qreal current = transform().m11();
    if (current * factor < 0.1 || current * factor > 4)
        return;
    scale(factor, factor);
    event->accept();
}

void SystemView::keyPressEvent(QKeyEvent *event)
{
    // Keyboard zoom, as image viewers do: + and - zoom, 0 fits.
    if (event->key() == Qt::Key_Plus || event->key() == Qt::Key_Equal)
        scale(1.15, 1.15);
    else if (event->key() == Qt::Key_Minus)
        scale(1 / 1.15, 1 / 1.15);
    else if (event->key() == Qt::Key_0)
        fitToView();
    else
        QGraphicsView::keyPressEvent(event);
}

void SystemView::mouseDoubleClickEvent(QMouseEvent *event)
{
    // A folded namespace opens into its objects.
    for (QGraphicsItem *item : items(event->pos())) {
        if (const auto ns = strata::SystemOverview::namespaceOfGroup(item->data(0).toString())) {
            m_expanded.insert(*ns);
            rebuild();
            event->accept();
            return;
        }
    }
    QGraphicsView::mouseDoubleClickEvent(event);
}

void SystemView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        rebuild(); // follow the system palette between light and dark
    QGraphicsView::changeEvent(event);
}

void SystemView::rebuild()
{
    QGraphicsScene *s = scene();
    s->clear();
    // A whole cluster's objects folded per namespace: boxes a person can read.
    const strata::SystemOverview overview
        = strata::SystemOverview::build(m_components, m_relations, m_findings, m_expanded);
    m_marked = overview.marked;
    const QList<Component> &components = overview.components;
    const QList<Relation> &relations = overview.relations;
    m_componentCount = int(components.size());
    const QPalette pal = palette();
    const QColor boxFill = pal.color(QPalette::Base);
    const QColor border = pal.color(QPalette::Mid);
    const QColor text = pal.color(QPalette::Text);
    // Secondary text at WCAG AA on the boxes and on the background.
    const QColor muted = StatusColors::readable(StatusColors::muted(pal), pal.color(QPalette::Base), text);
    const QColor accent = pal.color(QPalette::Highlight);
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.85);

    // Layers sit far enough apart for the widest edge label to fit between them.
    qreal layerGap = minimumLayerGap;
    const QFontMetricsF smallMetrics(small);
    for (const Relation &r : relations)
        layerGap = std::max(layerGap, smallMetrics.horizontalAdvance(r.label.isEmpty() ? r.kind : r.label) + 40);
    layerGap = std::min<qreal>(layerGap, 260);

    QHash<QString, QRectF> boxes;
    QHash<int, qreal> nextY;
    for (const Component &c : components) {
        const int layer = layerOf(c.kind);
        const qreal x = layer * (boxWidth + layerGap);
        const qreal y = nextY.value(layer, 0);
        auto *title = new QGraphicsTextItem;
        title->setDefaultTextColor(text);
        QFont bold = font();
        bold.setBold(true);
        title->setFont(bold);
        title->setPlainText(c.name);
        title->setTextWidth(boxWidth - 12);
        auto *details = new QGraphicsTextItem;
        details->setDefaultTextColor(muted);
        details->setPlainText(c.kind + QLatin1Char('\n') + c.details.join(QLatin1Char('\n')));
        details->setTextWidth(boxWidth - 12);
        const qreal height = title->boundingRect().height() + details->boundingRect().height() + 10;
        const QRectF rect(x, y, boxWidth, height);
        const bool marked = m_marked.contains(c.id);
        const QColor edge = marked ? StatusColors::severity(pal, int(m_marked.value(c.id)))
            : c.kind.startsWith(QStringLiteral("etcd")) || c.kind == QLatin1String("kubernetes-object") ? accent
                                                                                                        : border;
        auto *box = s->addRect(rect, QPen(edge, marked ? 3 : 1.5), boxFill);
        box->setData(0, c.id);
        QString tip = c.location.isValid() ? c.location.toString() : c.name;
        if (marked)
            tip += QStringLiteral("\nA %1 finding concerns this component")
                       .arg(strata::severityName(m_marked.value(c.id)));
        box->setToolTip(strata::plainToolTip(tip));
        title->setPos(x + 6, y + 4);
        details->setPos(x + 6, y + 4 + title->boundingRect().height() - 2);
        s->addItem(title);
        s->addItem(details);
        boxes.insert(c.id, rect);
        nextY[layer] = y + height + rowGap;
    }
    // Edges leave and enter boxes at ports spread along the side, so labels of
    // edges sharing a box do not pile up at its middle.
    enum Side { Left, Right };
    struct Edge
    {
        const Relation *relation;
        QRectF a, b;
        Side fromSide, toSide;
        bool sameLayer, skips; // skips: passes over a layer in between
        QPointF p1, p2;
    };
    QList<Edge> edges;
    const qreal layerStride = boxWidth + layerGap;
    for (const Relation &r : relations) {
        if (!boxes.contains(r.from) || !boxes.contains(r.to))
            continue;
        Edge e { &r, boxes.value(r.from), boxes.value(r.to), Right, Left, false, false, {}, {} };
        e.sameLayer = qFuzzyCompare(e.a.center().x(), e.b.center().x());
        const bool forward = e.a.center().x() < e.b.center().x();
        if (e.sameLayer) {
            e.fromSide = Right;
            e.toSide = Right;
        } else {
            e.fromSide = forward ? Right : Left;
            e.toSide = forward ? Left : Right;
            e.skips = std::abs(e.b.center().x() - e.a.center().x()) > layerStride * 1.5;
        }
        edges.append(e);
    }
    QHash<QString, QList<int>> ports; // "x,y,side" of a box → the edges using it, in order
    auto portKey = [](const QRectF &box, Side side) {
        return QStringLiteral("%1,%2,%3").arg(box.x()).arg(box.y()).arg(int(side));
    };
    for (int i = 0; i < edges.size(); ++i) {
        ports[portKey(edges[i].a, edges[i].fromSide)].append(i);
        ports[portKey(edges[i].b, edges[i].toSide)].append(i);
    }
    auto portPoint = [&](const QRectF &box, Side side, int edge) {
        const QList<int> &users = ports.value(portKey(box, side));
        const qsizetype slot = users.indexOf(edge);
        const qreal y = box.top() + box.height() * qreal(slot + 1) / qreal(users.size() + 1);
        return QPointF(side == Right ? box.right() : box.left(), y);
    };
    qreal top = 0;
    for (const QRectF &box : std::as_const(boxes))
        top = std::min(top, box.top());
    int channels = 0;
    QList<QRectF> placedLabels;
    QList<QRectF> boxRects = boxes.values();
    for (int i = 0; i < edges.size(); ++i) {
        Edge &e = edges[i];
        const Relation &r = *e.relation;
        e.p1 = portPoint(e.a, e.fromSide, i);
        e.p2 = portPoint(e.b, e.toSide, i);
        QPen pen(border, 1.2);
        if (r.inferred)
            pen.setStyle(Qt::DashLine);
        QPainterPath path(e.p1);
        QPointF labelAt;
        QPointF arrowFrom; // the direction the arrow head points along
        const qreal out = e.fromSide == Right ? 1 : -1;
        const qreal in = e.toSide == Right ? 1 : -1;
        if (e.sameLayer) {
            const qreal bulge = std::min(layerGap * 0.6, 40 + std::abs(e.p2.y() - e.p1.y()) / 6);
            path.cubicTo(e.p1 + QPointF(bulge, 0), e.p2 + QPointF(bulge, 0), e.p2);
            arrowFrom = e.p2 + QPointF(bulge, 0);
            labelAt = path.pointAtPercent(0.5) + QPointF(labelPad, 0);
        } else if (e.skips) {
            // Over the top of everything, never across a box in between.
            const qreal y = top - 24 - channels++ * 20;
            const QPointF c1(e.p1.x() + out * layerGap / 3, e.p1.y());
            const QPointF c2(e.p2.x() + in * layerGap / 3, e.p2.y());
            path.lineTo(c1);
            path.lineTo(c1.x(), y);
            path.lineTo(c2.x(), y);
            path.lineTo(c2);
            path.lineTo(e.p2);
            arrowFrom = c2;
            labelAt = QPointF((c1.x() + c2.x()) / 2, y);
        } else {
            const qreal dx = (e.p2.x() - e.p1.x()) / 2;
            path.cubicTo(e.p1 + QPointF(dx, 0), e.p2 - QPointF(dx, 0), e.p2);
            arrowFrom = e.p2 - QPointF(dx, 0);
            labelAt = path.pointAtPercent(0.5);
        }
        auto *line = s->addPath(path, pen);
        line->setToolTip(strata::plainToolTip(r.label.isEmpty() ? r.kind : r.label));
        const qreal angle = std::atan2(e.p2.y() - arrowFrom.y(), e.p2.x() - arrowFrom.x());
        const QPointF h1 = e.p2 - QPointF(std::cos(angle - 0.4) * 9, std::sin(angle - 0.4) * 9);
        const QPointF h2 = e.p2 - QPointF(std::cos(angle + 0.4) * 9, std::sin(angle + 0.4) * 9);
        s->addPolygon(QPolygonF({ e.p2, h1, h2 }), QPen(border), QBrush(border));

        // The label on the edge's own stretch, on a backing of the background
        // colour; moved along until it covers no box and no other label.
        auto *label = new QGraphicsSimpleTextItem(r.label.isEmpty() ? r.kind : r.label);
        label->setBrush(muted);
        label->setFont(small);
        QRectF labelRect(QPointF(), label->boundingRect().size());
        labelRect.moveCenter(labelAt);
        if (e.sameLayer)
            labelRect.moveLeft(labelAt.x());
        auto collides = [&](const QRectF &rect) {
            const QRectF padded = rect.adjusted(-labelPad, -1, labelPad, 1);
            for (const QRectF &other : std::as_const(placedLabels))
                if (padded.intersects(other))
                    return true;
            for (const QRectF &box : std::as_const(boxRects))
                if (padded.intersects(box))
                    return true;
            return false;
        };
        const qreal step = labelRect.height() + 2;
        for (int tries = 1; tries < 40 && collides(labelRect); ++tries) {
            // Alternate below and above the first place, a line further each time.
            const qreal offset = step * ((tries + 1) / 2) * (tries % 2 ? 1 : -1);
            labelRect.moveCenter(QPointF(labelRect.center().x(), labelAt.y() + offset));
        }
        const QRectF backingRect = labelRect.adjusted(-labelPad, -1, labelPad, 1);
        placedLabels.append(backingRect);
        auto *backing = s->addRect(backingRect, Qt::NoPen, pal.color(QPalette::Base));
        backing->setZValue(2);
        label->setPos(labelRect.topLeft());
        label->setZValue(3);
        label->setToolTip(r.inferred ? QStringLiteral("inferred from the evidence") : QString());
        s->addItem(label);
    }
    if (m_components.isEmpty()) {
        auto *t = s->addSimpleText(QStringLiteral("No components: the evidence names no etcd members, API contexts, "
                                                  "Terraform stack or applications."));
        t->setBrush(muted);
    }
    s->setSceneRect(s->itemsBoundingRect().adjusted(-20, -20, 20, 20));
}
