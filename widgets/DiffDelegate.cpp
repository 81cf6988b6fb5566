#include "DiffDelegate.h"

#include "StatusColors.h"

#include "itemmodels/DiffModel.h"

#include <QApplication>
#include <QPainter>

using strata::DiffModel;

QPair<int, int> DiffDelegate::changedRange(const QString &value, const QString &reference)
{
    if (value == reference)
        return { 0, 0 };
    const int maxPrefix = int(std::min(value.size(), reference.size()));
    int prefix = 0;
    while (prefix < maxPrefix && value.at(prefix) == reference.at(prefix))
        ++prefix;
    int suffix = 0;
    while (suffix < maxPrefix - prefix
        && value.at(value.size() - 1 - suffix) == reference.at(reference.size() - 1 - suffix))
        ++suffix;
    return { prefix, int(value.size()) - suffix };
}

void DiffDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    const bool isResource = index.data(DiffModel::IsResourceRole).toBool();
    if (isResource) {
        option->font.setBold(true);
        return;
    }
    const QColor tint = StatusColors::background(option->palette, index.data(DiffModel::StatusesRole).toUInt());
    if (tint.isValid())
        option->backgroundBrush = tint;
    if (DiffModel::isValueColumn(index.column()) && !index.data(DiffModel::CellPresentRole).toBool())
        option->palette.setColor(QPalette::Text, option->palette.color(QPalette::Disabled, QPalette::Text));
}

void DiffDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const unsigned statuses = index.data(DiffModel::StatusesRole).toUInt();
    const bool isResource = index.data(DiffModel::IsResourceRole).toBool();
    const int column = index.column();
    const QString text = opt.text;
    QString reference;
    if (!isResource && DiffModel::isValueColumn(column) && text.size() >= longValueLength && !(statuses & 0x1u)) {
        for (int refColumn : { int(DiffModel::StateColumn), int(DiffModel::CodeColumn), int(DiffModel::LiveColumn) }) {
            if (refColumn == column)
                continue;
            const QModelIndex ref = index.siblingAtColumn(refColumn);
            if (ref.data(DiffModel::CellPresentRole).toBool()) {
                reference = ref.data().toString();
                break;
            }
        }
    }
    const auto range = reference.isEmpty() ? QPair<int, int> { 0, 0 } : changedRange(text, reference);
    if (range.first == range.second) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }

    // Draw the cell without text, then the text with the changed range marked.
    opt.text.clear();
    const QWidget *widget = opt.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);
    const QRect textRect = style->subElementRect(QStyle::SE_ItemViewItemText, &opt, widget).adjusted(2, 0, -2, 0);
    const QFontMetrics fm(opt.font);
    const QString elided = fm.elidedText(text, Qt::ElideRight, textRect.width());
    painter->save();
    painter->setFont(opt.font);
    const int y = textRect.top() + (textRect.height() - fm.height()) / 2;
    const int start = std::min(range.first, int(elided.size()));
    const int end = std::min(range.second, int(elided.size()));
    const int x0 = textRect.left() + fm.horizontalAdvance(elided.left(start));
    const int x1 = textRect.left() + fm.horizontalAdvance(elided.left(end));
    if (x1 > x0)
        painter->fillRect(QRect(x0, y, x1 - x0, fm.height()), StatusColors::highlight(opt.palette));
    painter->setPen(opt.palette.color(opt.state & QStyle::State_Selected ? QPalette::HighlightedText : QPalette::Text));
    painter->drawText(
        QRect(textRect.left(), y, textRect.width(), fm.height()), Qt::AlignLeft | Qt::AlignVCenter, elided);
    painter->restore();
}
