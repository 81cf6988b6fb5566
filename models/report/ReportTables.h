#pragma once

#include "investigation/AnalysisResult.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace strata {

// One cell of a report table as content, before any markup. The text is
// untrusted (a value from the evidence): every renderer escapes it.
struct ReportCell
{
    enum class Style {
        Text, // prose: a status, a dash for "absent"
        Code, // a value or a field path, in a monospaced font
        Remark, // what Strata says in a value's place: "(not read)", "(secret …)", in italics
    };
    QString text;
    Style style = Style::Text;
};

// A titled table of the report: the HTML writes it as markup, the PDF
// paints it itself (Qt's rich text lays a long table out slowly).
struct ReportTable
{
    QString heading; // shown as code: what the rows are about
    QStringList headers;
    QList<int> widths; // percent of the page's width, one per column
    QList<QList<ReportCell>> rows;
};

namespace ReportTables {
// The disagreeing fields: a table per resource with differences (noise
// and equal fields left out), columns field, code, state, live, replica,
// status. A column without evidence is said to be unknown, never blank.
QList<ReportTable> differences(const AnalysisResult &result);
ReportCell diffCell(const ResourceDiff &resource, const FieldDiff &field, Column column);
} // namespace ReportTables

} // namespace strata
