#include "Theme.h"

#include <QApplication>
#include <QPalette>
#include <QStyle>
#include <QStyleFactory>

namespace Theme {

namespace {
Choice currentChoice = Choice::System;

struct SystemLook
{
    QString style;
    QPalette palette;
};

const SystemLook &systemLook()
{
    static const SystemLook look { QApplication::style()->name(), QApplication::palette() };
    return look;
}

QPalette lightPalette()
{
    QStyle *fusion = QStyleFactory::create(QStringLiteral("Fusion"));
    QPalette p = fusion ? fusion->standardPalette() : QPalette();
    delete fusion;
    return p;
}

// Text on every background at least 4.5:1 (WCAG AA); disabled text at 4.5:1
// too, because Strata uses it for placeholders that must stay readable.
QPalette darkPalette()
{
    const QColor window(0x2b, 0x2d, 0x30);
    const QColor base(0x1f, 0x21, 0x24);
    const QColor text(0xe8, 0xea, 0xed);
    const QColor muted(0x9a, 0xa0, 0xa6);
    QPalette p;
    for (QPalette::ColorGroup g : { QPalette::Active, QPalette::Inactive, QPalette::Disabled }) {
        p.setColor(g, QPalette::Window, window);
        p.setColor(g, QPalette::WindowText, g == QPalette::Disabled ? muted : text);
        p.setColor(g, QPalette::Base, base);
        p.setColor(g, QPalette::AlternateBase, QColor(0x27, 0x29, 0x2d));
        p.setColor(g, QPalette::Text, g == QPalette::Disabled ? muted : text);
        p.setColor(g, QPalette::Button, QColor(0x35, 0x37, 0x3b));
        p.setColor(g, QPalette::ButtonText, g == QPalette::Disabled ? muted : text);
        p.setColor(g, QPalette::BrightText, QColor(0xff, 0x8a, 0x80));
        p.setColor(g, QPalette::Highlight, QColor(0x3d, 0x7e, 0xd6));
        p.setColor(g, QPalette::HighlightedText, QColor(0xff, 0xff, 0xff));
        p.setColor(g, QPalette::ToolTipBase, QColor(0x3c, 0x40, 0x43));
        p.setColor(g, QPalette::ToolTipText, text);
        p.setColor(g, QPalette::PlaceholderText, muted);
        p.setColor(g, QPalette::Link, QColor(0x8a, 0xb4, 0xf8));
        p.setColor(g, QPalette::LinkVisited, QColor(0xc5, 0x8a, 0xf9));
        p.setColor(g, QPalette::Light, QColor(0x4a, 0x4d, 0x51));
        p.setColor(g, QPalette::Midlight, QColor(0x3c, 0x3f, 0x43));
        p.setColor(g, QPalette::Mid, QColor(0x5f, 0x63, 0x68));
        p.setColor(g, QPalette::Dark, QColor(0x17, 0x18, 0x1a));
        p.setColor(g, QPalette::Shadow, QColor(0x0a, 0x0a, 0x0a));
    }
    return p;
}
} // namespace

QString name(Choice choice)
{
    switch (choice) {
    case Choice::Light:
        return QStringLiteral("light");
    case Choice::Dark:
        return QStringLiteral("dark");
    case Choice::System:
        break;
    }
    return QStringLiteral("system");
}

Choice fromName(const QString &n)
{
    if (n == QLatin1String("light"))
        return Choice::Light;
    if (n == QLatin1String("dark"))
        return Choice::Dark;
    return Choice::System;
}

void apply(Choice choice)
{
    const SystemLook &look = systemLook();
    currentChoice = choice;
    if (choice == Choice::System) {
        if (QApplication::style()->name() != look.style)
            QApplication::setStyle(look.style);
        QApplication::setPalette(look.palette);
        return;
    }
    if (QApplication::style()->name().compare(QLatin1String("fusion"), Qt::CaseInsensitive) != 0)
        QApplication::setStyle(QStringLiteral("Fusion"));
    QApplication::setPalette(choice == Choice::Dark ? darkPalette() : lightPalette());
}

Choice current()
{
    return currentChoice;
}

} // namespace Theme
