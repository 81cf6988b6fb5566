#include "ViewNavigator.h"

#include <QAbstractItemView>
#include <QAction>
#include <QWidget>

ViewNavigator::ViewNavigator(QWidget *window)
    : QObject(window)
    , m_window(window)
{
}

QAction *ViewNavigator::addView(const QString &name, const char *objectName, const QKeySequence &shortcut,
    FocusTarget target, Reveal reveal, const QList<QWidget *> &tabChain)
{
    const int index = int(m_views.size());
    m_views.append({ std::move(target), std::move(reveal), tabChain });
    auto *action = new QAction(QStringLiteral("Go to %1").arg(name), m_window);
    action->setObjectName(QString::fromLatin1(objectName));
    action->setShortcut(shortcut);
    action->setShortcutContext(Qt::WindowShortcut);
    action->setStatusTip(QStringLiteral("Move the keyboard focus to %1").arg(name));
    connect(action, &QAction::triggered, this, [this, index]() { focus(index); });
    m_window->addAction(action);
    m_actions.append(action);
    return action;
}

void ViewNavigator::applyTabOrder() const
{
    // Tab leaves every table for the next view; arrows move inside it.
    for (QAbstractItemView *itemView : m_window->findChildren<QAbstractItemView *>())
        itemView->setTabKeyNavigation(false);
    QList<QWidget *> chain;
    for (const View &view : m_views)
        chain += view.tabChain;
    // The window's focus chain is already a ring: ordering these widgets
    // consecutively makes Tab visit the views in turn and come back round.
    for (qsizetype i = 0; i + 1 < chain.size(); ++i)
        QWidget::setTabOrder(chain.at(i), chain.at(i + 1));
}

void ViewNavigator::focus(int view) const
{
    const View &v = m_views.at(view);
    if (v.reveal)
        v.reveal();
    if (QWidget *w = v.target())
        w->setFocus(Qt::ShortcutFocusReason);
}
