#pragma once

#include <QStringList>
#include <QStyledItemDelegate>

// Edits a cell by picking one of a fixed list (the Evidence dock's Role
// column: auto, code, state, live, replica). Enter, F2 or a double click
// opens it; the model's setData decides what the choice does.
class ChoiceDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    ChoiceDelegate(const QStringList &choices, QObject *parent = nullptr);

    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    void setEditorData(QWidget *editor, const QModelIndex &index) const override;
    void setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const override;

private:
    QStringList m_choices;
};
