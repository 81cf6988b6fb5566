#include "StatusColors.h"

#include "diff/ResourceDiff.h"
#include "rules/Finding.h"

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
} // namespace

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
        return blend(base, palette.color(QPalette::Mid), amount);
    return {};
}

QColor severity(const QPalette &palette, int severity)
{
    const QColor text = palette.color(QPalette::Text);
    switch (strata::Severity(severity)) {
    case strata::Severity::Critical:
        return blend(text, QColor(0xd3, 0x2f, 0x2f), 0.85);
    case strata::Severity::High:
        return blend(text, QColor(0xe6, 0x51, 0x00), 0.8);
    case strata::Severity::Medium:
        return blend(text, QColor(0xc8, 0x8a, 0x00), 0.75);
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
