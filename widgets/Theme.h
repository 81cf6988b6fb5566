#pragma once

#include <QString>

// View ▸ Theme: the system's own colours, or Strata's light or dark palette
// (on the Fusion style, which honours palettes everywhere). Every view takes
// its colours from the palette, so switching repaints the whole window.
namespace Theme {

enum class Choice { System, Light, Dark };

QString name(Choice choice); // "system", "light", "dark": what QSettings keeps
Choice fromName(const QString &name); // unknown names are System

// Applies to the whole application. The first call remembers the system's
// style and palette so System can return to them.
void apply(Choice choice);
Choice current();

} // namespace Theme
