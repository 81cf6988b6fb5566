#pragma once

#include <QString>

namespace strata {

// Qt shows a tooltip (or label) whose text looks like HTML as HTML
// (Qt::mightBeRichText): a value from evidence such as `<img src=…>` or
// `<b>` would be rendered, not shown. Text that could be taken for markup is
// returned as escaped rich text that shows exactly its characters, line
// breaks kept; any other text is returned as it is.
inline QString plainToolTip(const QString &text)
{
    if (!text.contains(QLatin1Char('<')) && !text.contains(QLatin1Char('&')))
        return text;
    return QStringLiteral("<p style=\"white-space:pre-wrap\">%1</p>").arg(text.toHtmlEscaped());
}

} // namespace strata
