#pragma once

#include <QStyledItemDelegate>

// Paints the diff: each row tinted by its strongest status, and in long
// values the part that differs from the reference column (state, else code,
// else live) marked, so a one-character change in a 200-character value is
// visible at a glance.
class DiffDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;

protected:
    // Status tint and bold resource rows, applied wherever the style asks for the option.
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;

    // The [start, end) range of `value` that differs from `reference` (common
    // prefix and suffix removed); empty when equal. Exposed for tests.
    static QPair<int, int> changedRange(const QString &value, const QString &reference);
    static constexpr int longValueLength = 24;
};
