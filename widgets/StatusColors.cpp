#include "StatusColors.h"

#include "diff/ResourceDiff.h"
#include "rules/Finding.h"

#include <cmath>

namespace StatusColors {

namespace {
QColor blend(const QColor &base, const QColor &tint, double amount)
{
    return QColor::fromRgbF(float(base.redF() * (1 - amount) + tint.redF() * amount),
        float(base.greenF() * (1 - amount) + tint.greenF() * amount),
        float(base.blueF() * (1 - amount) + tint.blueF() * amount));
}

bool isDark(const QPalette &p)
{
    return p.color(QPalette::Base).lightnessF() < 0.5;
}

double luminance(const QColor &c)
{
    auto channel = [](double v) { return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
}
} // namespace

double contrastRatio(const QColor &a, const QColor &b)
{
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

QColor readable(const QColor &preferred, const QColor &background, const QColor &towards, double ratio)
{
    QColor c = preferred;
    for (int step = 1; step <= 20 && contrastRatio(c, background) < ratio; ++step)
        c = blend(preferred, towards, step / 20.0);
    return c;
}

QColor muted(const QPalette &palette)
{
    const QColor base = palette.color(QPalette::Base);
    const QColor text = palette.color(QPalette::Text);
    return readable(blend(text, base, 0.45), base, text);
}

QColor warningBackground(const QPalette &palette)
{
    return blend(palette.color(QPalette::Window), QColor(0xf0, 0xa0, 0x20), isDark(palette) ? 0.35 : 0.3);
}

QColor infoBackground(const QPalette &palette)
{
    return blend(palette.color(QPalette::Window), palette.color(QPalette::Highlight), isDark(palette) ? 0.3 : 0.15);
}

QColor background(const QPalette &palette, unsigned statuses)
{
    using strata::FieldStatus;
    const QColor base = palette.color(QPalette::Base);
    const double amount = isDark(palette) ? 0.35 : 0.22;
    if (statuses & unsigned(FieldStatus::Drift))
        return blend(base, QColor(0xe0, 0x3c, 0x31), amount); // red: live moved away
    if (statuses & unsigned(FieldStatus::Pending))
        return blend(base, QColor(0xe6, 0xa2, 0x17), amount); // amber: code moved, not applied
    if (statuses & unsigned(FieldStatus::Stale))
        return blend(base, QColor(0x7e, 0x57, 0xc2), amount); // violet: replica behind
    if (statuses & unsigned(FieldStatus::Missing))
        return blend(base, QColor(0x1e, 0x88, 0xe5), amount); // blue: a field absent where the object is
    if (statuses & unsigned(FieldStatus::NoEvidence))
        return blend(base, palette.color(QPalette::Text), isDark(palette) ? 0.3 : 0.25); // grey: unknown
    return {};
}

QColor severity(const QPalette &palette, int severity)
{
    const QColor text = palette.color(QPalette::Text);
    const QColor base = palette.color(QPalette::Base);
    switch (strata::Severity(severity)) {
    case strata::Severity::Critical:
        return readable(blend(text, QColor(0xd3, 0x2f, 0x2f), 0.85), base, text);
    case strata::Severity::High:
        return readable(blend(text, QColor(0xe6, 0x51, 0x00), 0.8), base, text);
    case strata::Severity::Medium:
        return readable(blend(text, QColor(0xc8, 0x8a, 0x00), 0.75), base, text);
    case strata::Severity::Low:
    case strata::Severity::Info:
        break;
    }
    return text;
}

QColor highlight(const QPalette &palette)
{
    return blend(palette.color(QPalette::Base), QColor(0xff, 0xc1, 0x07), isDark(palette) ? 0.55 : 0.6);
}

} // namespace StatusColors
