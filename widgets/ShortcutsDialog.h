#pragma once

#include <QDialog>
#include <QList>
#include <QString>

class QAction;
class QTreeWidget;

// Help ▸ Keyboard Shortcuts: every command that has a key, grouped the way the
// menus group them, read from the actions themselves so the list cannot drift
// from what the keys really do; then the keys views handle on their own.
class ShortcutsDialog : public QDialog
{
    Q_OBJECT
public:
    struct Section
    {
        QString title;
        QList<QAction *> actions;
    };
    struct Key
    {
        QString keys;
        QString what;
    };

    ShortcutsDialog(const QList<Section> &sections, const QList<Key> &viewKeys, QWidget *parent = nullptr);

    QTreeWidget *list() const { return m_list; }

private:
    QTreeWidget *m_list;
};
