#pragma once

#include "diff/ResourceDiff.h"

#include <QStringList>

namespace strata {

// Everything a list of ResourceDiffs says, as text: two diffs that print
// the same are the same to every view and output.
inline QString diffText(const QList<ResourceDiff> &diffs)
{
    QStringList out;
    for (const ResourceDiff &d : diffs) {
        out.append(QStringLiteral("%1 investigated=%2 unread=%3")
                       .arg(d.id.toString())
                       .arg(d.investigated)
                       .arg(d.unreadColumns));
        for (Column c : allColumns) {
            const ColumnIdentity &i = d.identity(c);
            out.append(QStringLiteral(
                " %1 coverage=%2 held=%3 present=%4 origin=%5 at=%6 rv=%7 uid=%8 tf=%9 serial=%10 lineage=%11 mf=%12")
                           .arg(columnName(c))
                           .arg(int(d.coverage[size_t(columnIndex(c))]))
                           .arg(d.identities.has(size_t(columnIndex(c))))
                           .arg(i.present)
                           .arg(i.origin, i.location.toString(), i.resourceVersion, i.uid, i.terraformAddress)
                           .arg(i.stateSerial)
                           .arg(i.stateLineage, i.managedFields.displayText()));
        }
        for (const FieldDiff &f : d.fields) {
            out.append(QStringLiteral("  %1 statuses=%2 unknown=%3 noise=%4 secret=%5")
                           .arg(f.path)
                           .arg(f.statuses)
                           .arg(f.unknownColumns)
                           .arg(f.noise)
                           .arg(f.secret));
            for (Column c : allColumns) {
                const DiffCell &cell = f.cell(c);
                out.append(QStringLiteral("   %1 %2 present=%3 kind=%4 '%5' at %6")
                               .arg(columnName(c))
                               .arg(f.cellStatus(c))
                               .arg(cell.present)
                               .arg(int(cell.value.kind))
                               .arg(cell.value.text, cell.value.location.toString()));
            }
        }
    }
    return out.join(QLatin1Char('\n'));
}

} // namespace strata
