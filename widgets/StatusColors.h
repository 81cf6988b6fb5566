#pragma once

#include <QColor>
#include <QPalette>

// Colours for diff statuses and finding severities, derived from the current
// palette so they read well on light and dark themes alike: a status hue
// blended into the base colour, never a fixed light-theme colour.
namespace StatusColors {
// `statuses` is a set of strata::FieldStatus bits; the strongest one wins.
QColor background(const QPalette &palette, unsigned statuses);
QColor severity(const QPalette &palette, int severity);
QColor highlight(const QPalette &palette); // intra-value change marker
} // namespace StatusColors
