#pragma once

#include <QKeySequence>
#include <QList>
#include <QObject>
#include <QString>

#include <functional>

class QAction;
class QWidget;

// The keyboard's map of the window: each view (the diff, the system view, each
// dock) gets a "Go to" action (Ctrl+1…), and Tab walks the views in that same
// order and comes back round, never trapped in a table. A view is reached
// through a function because docks swap a placeholder for the real view.
class ViewNavigator : public QObject
{
    Q_OBJECT
public:
    using FocusTarget = std::function<QWidget *()>;
    using Reveal = std::function<void()>;

    explicit ViewNavigator(QWidget *window);

    // Adds "Go to <name>" with `shortcut`; `reveal` makes the view visible
    // (raise a dock, select a tab) before `target()` receives the focus.
    QAction *addView(const QString &name, const char *objectName, const QKeySequence &shortcut, FocusTarget target,
        Reveal reveal, const QList<QWidget *> &tabChain);
    QList<QAction *> actions() const { return m_actions; }

    // Links every view's widgets into one Tab cycle, in the order added.
    void applyTabOrder() const;
    void focus(int view) const;

private:
    struct View
    {
        FocusTarget target;
        Reveal reveal;
        QList<QWidget *> tabChain;
    };
    QWidget *m_window;
    QList<View> m_views;
    QList<QAction *> m_actions;
};
