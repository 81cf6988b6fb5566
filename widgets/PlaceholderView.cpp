#include "PlaceholderView.h"

#include "StatusColors.h"

#include <QEvent>
#include <QLabel>
#include <QStyleOptionFocusRect>
#include <QStylePainter>
#include <QVBoxLayout>

PlaceholderView::PlaceholderView(const QString &text, QWidget *parent)
    : QWidget(parent)
    , m_label(new QLabel(text, this))
{
    m_label->setObjectName(QStringLiteral("placeholderText"));
    m_label->setAlignment(Qt::AlignCenter);
    m_label->setWordWrap(true);
    m_label->setTextFormat(Qt::PlainText);
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 16, 16, 16);
    layout->addWidget(m_label);
    // Reachable by Tab and Ctrl+1…: a screen reader reads the sentence, and the
    // keyboard user learns why the panel is empty.
    setFocusPolicy(Qt::StrongFocus);
    setAccessibleName(text);
    applyPalette();
}

void PlaceholderView::setText(const QString &text)
{
    m_label->setText(text);
    setAccessibleName(text);
}

QString PlaceholderView::text() const
{
    return m_label->text();
}

void PlaceholderView::paintEvent(QPaintEvent *)
{
    if (!hasFocus())
        return;
    QStylePainter painter(this);
    QStyleOptionFocusRect option;
    option.initFrom(this);
    option.rect = rect().adjusted(2, 2, -2, -2);
    painter.drawPrimitive(QStyle::PE_FrameFocusRect, option);
}

void PlaceholderView::focusInEvent(QFocusEvent *event)
{
    update();
    QWidget::focusInEvent(event);
}

void PlaceholderView::focusOutEvent(QFocusEvent *event)
{
    update();
    QWidget::focusOutEvent(event);
}

void PlaceholderView::changeEvent(QEvent *event)
{
    // Follow the system palette when it switches between light and dark.
    if (event->type() == QEvent::PaletteChange)
        applyPalette();
    QWidget::changeEvent(event);
}

void PlaceholderView::applyPalette()
{
    QPalette p = m_label->palette();
    // Muted, but never below WCAG AA: the sentence says why the panel is empty.
    const QPalette &own = palette();
    p.setColor(QPalette::WindowText,
        StatusColors::readable(own.color(QPalette::Disabled, QPalette::WindowText), own.color(QPalette::Window),
            own.color(QPalette::WindowText)));
    m_label->setPalette(p);
}
