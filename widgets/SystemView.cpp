#include "SystemView.h"

#include <QEvent>
#include <QGraphicsRectItem>
#include <QGraphicsScene>
#include <QGraphicsTextItem>
#include <QHash>
#include <QPainterPath>
#include <QPen>
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
constexpr qreal layerGap = 90;
constexpr qreal rowGap = 18;

} // namespace

SystemView::SystemView(QWidget *parent)
    : QGraphicsView(parent)
{
    setObjectName(QStringLiteral("systemView"));
    setAccessibleName(QStringLiteral("System: the components the evidence names and how they connect"));
    setScene(new QGraphicsScene(this));
    setRenderHint(QPainter::Antialiasing);
    setDragMode(QGraphicsView::ScrollHandDrag);
}

void SystemView::setSystem(const QList<Component> &components, const QList<Relation> &relations)
{
    m_components = components;
    m_relations = relations;
    rebuild();
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
    m_componentCount = int(m_components.size());
    const QPalette pal = palette();
    const QColor boxFill = pal.color(QPalette::Base);
    const QColor border = pal.color(QPalette::Mid);
    const QColor text = pal.color(QPalette::Text);
    const QColor muted = pal.color(QPalette::Disabled, QPalette::Text);
    const QColor accent = pal.color(QPalette::Highlight);

    QHash<QString, QRectF> boxes;
    QHash<int, qreal> nextY;
    for (const Component &c : std::as_const(m_components)) {
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
        auto *box = s->addRect(rect,
            QPen(c.kind.startsWith(QStringLiteral("etcd")) || c.kind == QLatin1String("kubernetes-object") ? accent
                                                                                                           : border,
                1.5),
            boxFill);
        box->setToolTip(c.location.isValid() ? c.location.toString() : c.name);
        title->setPos(x + 6, y + 4);
        details->setPos(x + 6, y + 4 + title->boundingRect().height() - 2);
        s->addItem(title);
        s->addItem(details);
        boxes.insert(c.id, rect);
        nextY[layer] = y + height + rowGap;
    }
    for (const Relation &r : std::as_const(m_relations)) {
        if (!boxes.contains(r.from) || !boxes.contains(r.to))
            continue;
        const QRectF a = boxes.value(r.from);
        const QRectF b = boxes.value(r.to);
        const bool forward = a.center().x() <= b.center().x();
        QPointF p1(forward ? a.right() : a.left(), a.center().y());
        QPointF p2(forward ? b.left() : b.right(), b.center().y());
        if (qFuzzyCompare(a.center().x(), b.center().x())) { // same layer: connect vertically
            p1 = QPointF(a.center().x() + boxWidth / 2, a.center().y());
            p2 = QPointF(b.center().x() + boxWidth / 2, b.center().y());
        }
        QPen pen(border, 1.2);
        if (r.inferred)
            pen.setStyle(Qt::DashLine);
        QPainterPath path(p1);
        const qreal dx = (p2.x() - p1.x()) / 2;
        path.cubicTo(p1 + QPointF(dx, 0), p2 - QPointF(dx, 0), p2);
        auto *line = s->addPath(path, pen);
        line->setToolTip(r.label.isEmpty() ? r.kind : r.label);
        // Arrow head.
        const qreal angle = std::atan2(p2.y() - (p2 - QPointF(dx, 0)).y(), p2.x() - (p2 - QPointF(dx, 0)).x());
        const QPointF h1 = p2 - QPointF(std::cos(angle - 0.4) * 9, std::sin(angle - 0.4) * 9);
        const QPointF h2 = p2 - QPointF(std::cos(angle + 0.4) * 9, std::sin(angle + 0.4) * 9);
        s->addPolygon(QPolygonF({ p2, h1, h2 }), QPen(border), QBrush(border));
        auto *label = s->addSimpleText(r.label.isEmpty() ? r.kind : r.label);
        label->setBrush(muted);
        QFont small = font();
        small.setPointSizeF(small.pointSizeF() * 0.85);
        label->setFont(small);
        label->setPos((p1 + p2) / 2 - QPointF(label->boundingRect().width() / 2, label->boundingRect().height() + 2));
    }
    if (m_components.isEmpty()) {
        auto *t = s->addSimpleText(QStringLiteral("No components: the evidence names no etcd members, API contexts, "
                                                  "Terraform stack or applications."));
        t->setBrush(muted);
    }
    s->setSceneRect(s->itemsBoundingRect().adjusted(-20, -20, 20, 20));
}
