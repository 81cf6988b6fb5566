#include "ReportTables.h"

#include "diff/StatusText.h"

namespace strata::ReportTables {

ReportCell diffCell(const ResourceDiff &d, const FieldDiff &f, Column column)
{
    using Style = ReportCell::Style;
    const DiffCell &cell = f.cell(column);
    if (f.unknownColumns & columnBit(column))
        return { d.coverage[size_t(columnIndex(column))] == ColumnEvidence::Incomplete
                ? QStringLiteral("(not read)")
                : QStringLiteral("(not in evidence)"),
            Style::Remark };
    if (!cell.present)
        return { QStringLiteral("—"), Style::Text };
    if (cell.value.kind == FieldValue::Kind::Unknown)
        return { QStringLiteral("(unknown)"), Style::Remark };
    if (cell.value.kind == FieldValue::Kind::Secret)
        return { QStringLiteral("(secret %1)").arg(cell.value.text), Style::Remark };
    return { cell.value.text, Style::Code };
}

QList<ReportTable> differences(const AnalysisResult &result)
{
    QList<ReportTable> tables;
    for (const ResourceDiff &d : result.resources) {
        if (!d.hasDifferences())
            continue;
        ReportTable table { d.id.toString(),
            { QStringLiteral("field"), QStringLiteral("code"), QStringLiteral("state"), QStringLiteral("live"),
                QStringLiteral("replica"), QStringLiteral("status") },
            { 20, 14, 14, 14, 14, 24 }, {} };
        for (const FieldDiff &f : d.fields) {
            if (f.noise || !f.isDifference())
                continue;
            table.rows.append({ { f.path, ReportCell::Style::Code }, diffCell(d, f, Column::Code),
                diffCell(d, f, Column::State), diffCell(d, f, Column::Live), diffCell(d, f, Column::Replica),
                { StatusText::field(d, f), ReportCell::Style::Text } });
        }
        tables.append(table);
    }
    return tables;
}

} // namespace strata::ReportTables
