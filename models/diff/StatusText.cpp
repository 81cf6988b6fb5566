#include "StatusText.h"

#include <QStringList>

namespace strata::StatusText {

namespace {

QStringList columnsIn(unsigned bits)
{
    QStringList names;
    for (Column c : allColumns) {
        if (bits & columnBit(c))
            names.append(columnName(c));
    }
    return names;
}

QStringList holdingColumns(const ResourceDiff &r, const FieldDiff &f)
{
    QStringList names;
    for (Column c : allColumns) {
        if (r.identity(c).present && f.cell(c).present)
            names.append(columnName(c));
    }
    return names;
}

QString joinedWithAnd(const QStringList &items)
{
    if (items.size() <= 1)
        return items.join(QString());
    return items.mid(0, items.size() - 1).join(QStringLiteral(", ")) + QStringLiteral(" and ") + items.last();
}

bool incomplete(const ResourceDiff &r, Column c)
{
    return r.coverage[size_t(columnIndex(c))] == ColumnEvidence::Incomplete;
}

} // namespace

QString noEvidenceReason(const ResourceDiff &r, Column c)
{
    if (incomplete(r, c))
        return QStringLiteral("the %1 evidence could not be read completely, so this object's %1 copy is unknown")
            .arg(columnName(c));
    return QStringLiteral("the %1 evidence does not include this object: it may not exist there, or the capture "
                          "left it out")
        .arg(columnName(c));
}

QString field(const ResourceDiff &r, const FieldDiff &f)
{
    QStringList parts;
    for (FieldStatus s : { FieldStatus::Drift, FieldStatus::Pending, FieldStatus::Stale, FieldStatus::Missing }) {
        if (f.has(s))
            parts.append(fieldStatusName(s));
    }
    QString text = parts.join(QStringLiteral(", "));
    if (f.isUnknown()) {
        // Grouped so the cell stays short: "not in live, replica evidence".
        QStringList notRead, notInEvidence;
        for (Column c : allColumns) {
            if (f.unknownColumns & columnBit(c))
                (incomplete(r, c) ? notRead : notInEvidence).append(columnName(c));
        }
        QStringList unknown;
        if (!notRead.isEmpty())
            unknown.append(QStringLiteral("no %1 evidence").arg(notRead.join(QStringLiteral(", "))));
        if (!notInEvidence.isEmpty())
            unknown.append(QStringLiteral("not in %1 evidence").arg(notInEvidence.join(QStringLiteral(", "))));
        if (unknown.isEmpty()) {
            const QStringList holding = holdingColumns(r, f);
            unknown.append(holding.size() == 1 ? QStringLiteral("only in %1").arg(holding.first())
                                               : QStringLiteral("not compared"));
        }
        text += (text.isEmpty() ? QString() : QStringLiteral(" · ")) + unknown.join(QStringLiteral(", "));
    }
    if (text.isEmpty())
        text = fieldStatusName(FieldStatus::Same);
    return text;
}

QString fieldExplanation(const ResourceDiff &r, const FieldDiff &f)
{
    QStringList lines;
    const bool stateHolds = r.identity(Column::State).present;
    if (f.has(FieldStatus::Drift))
        lines.append(stateHolds
                ? QStringLiteral("drift — live differs from state: changed outside Terraform.")
                : QStringLiteral("drift — live differs from code (no state to compare with): changed outside "
                                 "Terraform, or never applied."));
    if (f.has(FieldStatus::Pending))
        lines.append(QStringLiteral("pending — code differs from state: a change not applied yet; the next apply "
                                    "would make it."));
    if (f.has(FieldStatus::Stale))
        lines.append(QStringLiteral("stale — replica differs from live: the replica serves an older or diverged "
                                    "copy."));
    if (f.has(FieldStatus::Missing))
        lines.append(QStringLiteral("missing — the field is absent in a column that has the object."));
    for (Column c : allColumns) {
        if (f.unknownColumns & columnBit(c))
            lines.append(QStringLiteral("unknown in %1 — %2.").arg(columnName(c), noEvidenceReason(r, c)));
    }
    const QStringList holding = holdingColumns(r, f);
    if (f.isUnknown() && f.unknownColumns == 0)
        lines.append(holding.size() == 1
                ? QStringLiteral("only in %1 — no other column has this object, so nothing was compared.")
                      .arg(holding.first())
                : QStringLiteral("not compared — fewer than two columns hold this field."));
    if (f.has(FieldStatus::Same))
        lines.append(QStringLiteral("same — %1 agree.").arg(joinedWithAnd(holding)));
    else if (!f.isDifference() && holding.size() >= 2)
        lines.append(QStringLiteral("%1 agree; that is all that could be compared.").arg(joinedWithAnd(holding)));
    return lines.join(QLatin1Char('\n'));
}

QString resource(const ResourceDiff &r)
{
    int differing = 0;
    int unknown = 0;
    for (const FieldDiff &f : r.fields) {
        if (f.noise)
            continue;
        differing += f.isDifference() ? 1 : 0;
        unknown += f.isUnknown() ? 1 : 0;
    }
    if (r.fields.isEmpty())
        return QStringLiteral("not in any evidence");
    QStringList parts;
    if (differing)
        parts.append(QStringLiteral("%1 differing").arg(differing));
    if (unknown)
        parts.append(QStringLiteral("%1 not compared").arg(unknown));
    return parts.isEmpty() ? fieldStatusName(FieldStatus::Same) : parts.join(QStringLiteral(", "));
}

QString resourceExplanation(const ResourceDiff &r)
{
    QStringList lines { resource(r) };
    unsigned columns = 0;
    for (const FieldDiff &f : r.fields) {
        if (!f.noise)
            columns |= f.unknownColumns;
    }
    for (Column c : allColumns) {
        if (columns & columnBit(c))
            lines.append(QStringLiteral("unknown in %1 — %2.").arg(columnName(c), noEvidenceReason(r, c)));
    }
    const QStringList holding = columnsIn([&r] {
        unsigned bits = 0;
        for (Column c : allColumns)
            bits |= r.identity(c).present ? columnBit(c) : 0u;
        return bits;
    }());
    if (!holding.isEmpty())
        lines.append(QStringLiteral("Held by %1.").arg(joinedWithAnd(holding)));
    return lines.join(QLatin1Char('\n'));
}

QList<QPair<QString, QString>> legend()
{
    return {
        { QStringLiteral("drift"), QStringLiteral("live ≠ state: changed outside Terraform") },
        { QStringLiteral("pending"), QStringLiteral("code ≠ state: not applied yet") },
        { QStringLiteral("stale"), QStringLiteral("replica ≠ live: replica behind") },
        { QStringLiteral("missing"), QStringLiteral("field absent where the object is") },
        { QStringLiteral("no evidence"), QStringLiteral("unknown: a column has nothing for it") },
    };
}

} // namespace strata::StatusText
