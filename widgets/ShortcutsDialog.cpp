#include "ShortcutsDialog.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace {
QString plainText(const QAction *action)
{
    QString text = action->text();
    text.remove(QLatin1Char('&'));
    text.remove(QStringLiteral("…"));
    return text;
}

QTreeWidgetItem *addSection(QTreeWidget *list, const QString &title)
{
    auto *item = new QTreeWidgetItem(list, { title });
    QFont bold = item->font(0);
    bold.setBold(true);
    item->setFont(0, bold);
    item->setFirstColumnSpanned(true);
    return item;
}
} // namespace

ShortcutsDialog::ShortcutsDialog(const QList<Section> &sections, const QList<Key> &viewKeys, QWidget *parent)
    : QDialog(parent)
    , m_list(new QTreeWidget(this))
{
    setObjectName(QStringLiteral("shortcutsDialog"));
    setWindowTitle(QStringLiteral("Keyboard Shortcuts"));
    m_list->setObjectName(QStringLiteral("shortcutsList"));
    m_list->setAccessibleName(QStringLiteral("Keyboard shortcuts"));
    m_list->setColumnCount(2);
    m_list->setHeaderLabels({ QStringLiteral("Keys"), QStringLiteral("Command") });
    m_list->setRootIsDecorated(false);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    for (const Section &section : sections) {
        QTreeWidgetItem *parentItem = nullptr;
        for (const QAction *action : section.actions) {
            QStringList keys;
            for (const QKeySequence &k : action->shortcuts())
                keys << k.toString(QKeySequence::NativeText);
            if (keys.isEmpty())
                continue;
            if (!parentItem)
                parentItem = addSection(m_list, section.title);
            new QTreeWidgetItem(parentItem, { keys.join(QStringLiteral(", ")), plainText(action) });
        }
    }
    if (!viewKeys.isEmpty()) {
        QTreeWidgetItem *parentItem = addSection(m_list, QStringLiteral("Inside a view"));
        for (const Key &key : viewKeys)
            new QTreeWidgetItem(parentItem, { key.keys, key.what });
    }
    m_list->expandAll();

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_list);
    layout->addWidget(buttons);
    resize(520, 560);
}
