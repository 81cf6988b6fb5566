#include "FindingsView.h"

#include "StatusColors.h"

#include "itemmodels/FindingsModel.h"

#include <QHeaderView>
#include <QStyledItemDelegate>
#include <QTreeView>
#include <QVBoxLayout>

using strata::FindingsModel;

namespace {
// Colours the severity cell; everything else as the style draws it.
class SeverityDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        if (index.column() == FindingsModel::SeverityColumn && index.data(FindingsModel::IsFindingRole).toBool()) {
            option->palette.setColor(QPalette::Text,
                StatusColors::severity(option->palette, index.data(FindingsModel::SeverityRole).toInt()));
            option->font.setBold(true);
        } else if (!index.data(FindingsModel::IsFindingRole).toBool()
            && index.column() == FindingsModel::SeverityColumn) {
            option->palette.setColor(QPalette::Text, option->palette.color(QPalette::Disabled, QPalette::Text));
        }
    }
};
} // namespace

FindingsView::FindingsView(QWidget *parent)
    : QWidget(parent)
    , m_model(new FindingsModel(this))
    , m_tree(new QTreeView(this))
{
    setObjectName(QStringLiteral("findingsView"));
    m_tree->setObjectName(QStringLiteral("findingsTree"));
    m_tree->setAccessibleName(QStringLiteral("Findings"));
    m_tree->setModel(m_model);
    m_tree->setItemDelegate(new SeverityDelegate(m_tree));
    m_tree->setWordWrap(true);
    m_tree->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_tree->header()->setSectionResizeMode(FindingsModel::SeverityColumn, QHeaderView::ResizeToContents);
    m_tree->header()->setSectionResizeMode(FindingsModel::TitleColumn, QHeaderView::Stretch);
    m_tree->header()->setSectionResizeMode(FindingsModel::ResourceColumn, QHeaderView::Interactive);
    m_tree->header()->setStretchLastSection(false);
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this, [this](const QModelIndex &current) {
        if (!current.isValid())
            return;
        Q_EMIT fieldsSelected(current.data(FindingsModel::ResourceRole).toString(),
            current.data(FindingsModel::PathsRole).toStringList());
    });
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tree);
}

void FindingsView::setFindings(const QList<strata::Finding> &findings)
{
    m_model->setFindings(findings);
}
