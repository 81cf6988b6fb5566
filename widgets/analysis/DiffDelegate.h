#pragma once

#include <QStyledItemDelegate>

// Paints the diff: the cell that is the odd one out tinted by its status
// (drift marks live, pending code, stale replica), a hatch where a column has
// no evidence of the object, the Status cell tinted by the row's strongest
// status; absent, unknown and "no evidence" cells in their own muted styles.
// In long values the part that differs from the cell it is compared with is
// marked, so a one-character change in a 200-character value is visible at a
// glance.
class DiffDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    // The [start, end) range of `value` that differs from `reference` (common
    // prefix and suffix removed); empty when equal.
    static QPair<int, int> changedRange(const QString &value, const QString &reference);
    // Where a [start, end) range of `text` lands in `elided`, which elides `text` in the middle.
    static QPair<int, int> mapToElided(const QString &text, const QString &elided, QPair<int, int> range);

protected:
    // Status tint and bold resource rows, applied wherever the style asks for the option.
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;

    static constexpr int longValueLength = 24;
};
