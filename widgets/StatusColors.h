#pragma once

#include <QColor>
#include <QPalette>

// Colours for diff statuses and finding severities, derived from the current
// palette so they read well on light and dark themes alike: a status hue
// blended into the base colour, never a fixed light-theme colour. Text colours
// keep WCAG AA contrast (4.5:1) against the base they are drawn on.
namespace StatusColors {
// `statuses` is a set of strata::FieldStatus bits; the strongest one wins.
QColor background(const QPalette &palette, unsigned statuses);
QColor severity(const QPalette &palette, int severity);
QColor highlight(const QPalette &palette); // intra-value change marker
// Secondary text (absent, unknown, details): quieter than Text, still AA on Base.
QColor muted(const QPalette &palette);
// A warning band's background and text (incomplete analysis), and an informational one.
QColor warningBackground(const QPalette &palette);
QColor infoBackground(const QPalette &palette);

// WCAG 2 contrast ratio of two colours (1 to 21).
double contrastRatio(const QColor &a, const QColor &b);
// `preferred`, moved towards `towards` just far enough to reach `ratio` against `background`.
QColor readable(const QColor &preferred, const QColor &background, const QColor &towards, double ratio = 4.5);
} // namespace StatusColors
