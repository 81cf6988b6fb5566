#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QPageSize>
#include <QString>

namespace strata {

// What a report needs besides the analysis: when it was made and the
// raft timeline chart, drawn by whoever can draw it (the window's chart,
// also offscreen for `strata report`); the models never draw widgets.
struct ReportOptions
{
    QDateTime generatedAt; // UTC; said in the header and the appendix
    QString chartImage; // Markdown: the chart's file, relative to the report ("" when none)
    QByteArray chartPng; // HTML, PDF, bundle: the chart itself ("" when none)
    QPageSize::PageSizeId pageSize = QPageSize::A4; // PDF
};

} // namespace strata
