#include "MessageBar.h"

#include "StatusColors.h"

#include <QApplication>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QStyle>
#include <QTextDocumentFragment>
#include <QToolButton>

MessageBar::MessageBar(Kind kind, QWidget *parent)
    : QFrame(parent)
    , m_kind(kind)
    , m_icon(new QLabel(this))
    , m_label(new QLabel(this))
    , m_close(new QToolButton(this))
{
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    const QStyle::StandardPixmap icon
        = kind == Kind::Warning ? QStyle::SP_MessageBoxWarning : QStyle::SP_MessageBoxInformation;
    const int size = style()->pixelMetric(QStyle::PM_SmallIconSize);
    m_icon->setPixmap(style()->standardIcon(icon).pixmap(size, size));
    m_label->setTextFormat(Qt::RichText);
    m_label->setWordWrap(true);
    m_label->setTextInteractionFlags(Qt::TextBrowserInteraction);
    connect(m_label, &QLabel::linkActivated, this, &MessageBar::linkActivated);
    m_close->setAutoRaise(true);
    m_close->setText(QStringLiteral("✕"));
    m_close->setToolTip(QStringLiteral("Close"));
    m_close->setAccessibleName(QStringLiteral("Close this message"));
    m_close->setVisible(false);
    connect(m_close, &QToolButton::clicked, this, &QWidget::hide);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 4, 4);
    layout->addWidget(m_icon, 0, Qt::AlignTop);
    layout->addWidget(m_label, 1);
    layout->addWidget(m_close, 0, Qt::AlignTop);
    applyColours();
}

void MessageBar::setMessage(const QString &html)
{
    m_label->setText(html);
    setAccessibleDescription(text());
}

QString MessageBar::text() const
{
    return QTextDocumentFragment::fromHtml(m_label->text()).toPlainText();
}

void MessageBar::setClosable(bool closable)
{
    m_close->setVisible(closable);
}

void MessageBar::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        applyColours();
    QFrame::changeEvent(event);
}

void MessageBar::applyColours()
{
    if (m_applyingColours)
        return; // our own setPalette() below
    // From the surroundings' palette, never our own tinted one (which would tint again).
    QPalette pal = parentWidget() ? parentWidget()->palette() : QApplication::palette();
    const QColor background
        = m_kind == Kind::Warning ? StatusColors::warningBackground(pal) : StatusColors::infoBackground(pal);
    m_applyingColours = true;
    // The window's text colour, made readable on the tinted band; links likewise.
    pal.setColor(QPalette::Window, background);
    const QColor text = pal.color(QPalette::WindowText);
    pal.setColor(QPalette::WindowText, StatusColors::readable(text, background, text));
    pal.setColor(QPalette::Link, StatusColors::readable(pal.color(QPalette::Link), background, text));
    setPalette(pal);
    m_applyingColours = false;
}
