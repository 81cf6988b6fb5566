#include "ChoiceDelegate.h"

#include <QComboBox>

ChoiceDelegate::ChoiceDelegate(const QStringList &choices, QObject *parent)
    : QStyledItemDelegate(parent)
    , m_choices(choices)
{
}

QWidget *ChoiceDelegate::createEditor(QWidget *parent, const QStyleOptionViewItem &, const QModelIndex &) const
{
    auto *combo = new QComboBox(parent);
    combo->setObjectName(QStringLiteral("choiceEditor"));
    combo->addItems(m_choices);
    // A pick is a decision: commit it at once rather than on focus loss.
    connect(combo, &QComboBox::activated, this, [this, combo]() {
        auto *self = const_cast<ChoiceDelegate *>(this);
        Q_EMIT self->commitData(combo);
        Q_EMIT self->closeEditor(combo);
    });
    return combo;
}

void ChoiceDelegate::setEditorData(QWidget *editor, const QModelIndex &index) const
{
    auto *combo = static_cast<QComboBox *>(editor);
    combo->setCurrentIndex(qMax(0, combo->findText(index.data(Qt::EditRole).toString())));
}

void ChoiceDelegate::setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const
{
    const QString chosen = static_cast<QComboBox *>(editor)->currentText();
    if (chosen != index.data(Qt::EditRole).toString())
        model->setData(index, chosen, Qt::EditRole);
}
