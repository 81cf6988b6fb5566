#include "DiffDelegate.h"

#include "StatusColors.h"

#include "diff/ResourceDiff.h"
#include "itemmodels/DiffModel.h"

#include <QApplication>
#include <QPainter>

using strata::DiffModel;
using strata::FieldStatus;

namespace {

// The column an odd cell is compared with, by the status that marks it.
int referenceColumn(int column, unsigned cellStatus, const QModelIndex &index)
{
    auto present = [&](int c) { return index.siblingAtColumn(c).data(DiffModel::CellPresentRole).toBool(); };
    if (column == DiffModel::LiveColumn && (cellStatus & unsigned(FieldStatus::Drift)))
        return present(DiffModel::StateColumn) ? int(DiffModel::StateColumn) : int(DiffModel::CodeColumn);
    if (column == DiffModel::CodeColumn && (cellStatus & unsigned(FieldStatus::Pending)))
        return DiffModel::StateColumn;
    if (column == DiffModel::ReplicaColumn && (cellStatus & unsigned(FieldStatus::Stale)))
        return DiffModel::LiveColumn;
    return -1;
}

} // namespace

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

QPair<int, int> DiffDelegate::mapToElided(const QString &text, const QString &elided, QPair<int, int> range)
{
    const qsizetype mark = elided.indexOf(QChar(0x2026));
    if (elided == text || mark < 0)
        return range;
    const int left = int(mark);
    const int right = int(elided.size() - mark - 1); // characters kept from the end of `text`
    const int rightStart = int(text.size()) - right;
    auto map = [&](int p) {
        if (p <= left)
            return p;
        if (p >= rightStart)
            return p - rightStart + left + 1;
        return left + 1; // inside the elided part: the ellipsis stands for it
    };
    return { range.first > left && range.first < rightStart ? left : map(range.first), map(range.second) };
}

void DiffDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    if (index.data(DiffModel::IsResourceRole).toBool()) {
        option->font.setBold(true);
        return;
    }
    const int column = index.column();
    const QPalette &pal = option->palette;
    const unsigned cellStatus = index.data(DiffModel::CellStatusRole).toUInt();
    if (DiffModel::isValueColumn(column) || column == DiffModel::StatusColumn) {
        // Only the odd cell (and the row's Status) carries the colour; its neighbours stay plain.
        const QColor tint = StatusColors::background(pal, cellStatus & ~unsigned(FieldStatus::NoEvidence));
        if (tint.isValid())
            option->backgroundBrush = tint;
        else if (cellStatus & unsigned(FieldStatus::NoEvidence))
            option->backgroundBrush
                = QBrush(StatusColors::background(pal, unsigned(FieldStatus::NoEvidence)), Qt::BDiagPattern);
    }
    if (!DiffModel::isValueColumn(column))
        return;
    switch (DiffModel::CellState(index.data(DiffModel::CellStateRole).toInt())) {
    case DiffModel::CellState::Absent:
        option->palette.setColor(QPalette::Text, StatusColors::muted(pal));
        break;
    case DiffModel::CellState::NotInEvidence:
    case DiffModel::CellState::NotRead:
    case DiffModel::CellState::Unknown:
        option->palette.setColor(QPalette::Text, StatusColors::muted(pal));
        option->font.setItalic(true);
        break;
    case DiffModel::CellState::Secret:
    case DiffModel::CellState::Value:
        break;
    }
}

void DiffDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const bool isResource = index.data(DiffModel::IsResourceRole).toBool();
    const int column = index.column();
    const QString text = opt.text;
    QString reference;
    if (!isResource && DiffModel::isValueColumn(column) && text.size() >= longValueLength) {
        const int ref = referenceColumn(column, index.data(DiffModel::CellStatusRole).toUInt(), index);
        if (ref >= 0 && index.siblingAtColumn(ref).data(DiffModel::CellPresentRole).toBool())
            reference = index.siblingAtColumn(ref).data().toString();
    }
    const auto range = reference.isEmpty() ? QPair<int, int> { 0, 0 } : changedRange(text, reference);
    if (range.first == range.second) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }

    // Draw the cell without text, then the text (elided in the middle) with the changed range marked.
    opt.text.clear();
    const QWidget *widget = opt.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);
    const QRect textRect = style->subElementRect(QStyle::SE_ItemViewItemText, &opt, widget).adjusted(2, 0, -2, 0);
    const QFontMetrics fm(opt.font);
    const QString elided = fm.elidedText(text, Qt::ElideMiddle, textRect.width());
    const auto shown = mapToElided(text, elided, range);
    painter->save();
    painter->setFont(opt.font);
    const int y = textRect.top() + (textRect.height() - fm.height()) / 2;
    const int start = std::min(shown.first, int(elided.size()));
    const int end = std::min(shown.second, int(elided.size()));
    const int x0 = textRect.left() + fm.horizontalAdvance(elided.left(start));
    const int x1 = textRect.left() + fm.horizontalAdvance(elided.left(end));
    if (x1 > x0)
        painter->fillRect(QRect(x0, y, x1 - x0, fm.height()), StatusColors::highlight(opt.palette));
    painter->setPen(opt.palette.color(opt.state & QStyle::State_Selected ? QPalette::HighlightedText : QPalette::Text));
    painter->drawText(
        QRect(textRect.left(), y, textRect.width(), fm.height()), Qt::AlignLeft | Qt::AlignVCenter, elided);
    painter->restore();
}
