#include "Verdict.h"

#include <QStringList>

namespace strata::Verdict {

namespace {

QString joinedWithAnd(const QStringList &items)
{
    if (items.size() <= 1)
        return items.join(QString());
    return items.mid(0, items.size() - 1).join(QStringLiteral(", ")) + QStringLiteral(" and ") + items.last();
}

QStringList columnsWith(const AnalysisResult &r, bool withEvidence)
{
    QStringList names;
    for (Column c : allColumns) {
        const bool has = r.completeness.coverage[size_t(columnIndex(c))] != ColumnEvidence::None;
        if (has == withEvidence)
            names.append(columnName(c));
    }
    return names;
}

int resourcesWithUnknowns(const AnalysisResult &r)
{
    int n = 0;
    for (const ResourceDiff &d : r.resources)
        n += d.hasUnknowns() ? 1 : 0;
    return n;
}

QString lowerFirst(QString s)
{
    if (!s.isEmpty())
        s[0] = s[0].toLower();
    return s;
}

} // namespace

QString columnsCompared(const AnalysisResult &r)
{
    return joinedWithAnd(columnsWith(r, true));
}

QString noFindings(const AnalysisResult &r)
{
    if (!r.completeness.isComplete())
        return QStringLiteral("No findings in the evidence that could be read — but %1. This is not an all-clear: "
                              "make the missing evidence readable and analyse again.")
            .arg(lowerFirst(r.completeness.summary().section(QStringLiteral(" — "), 0, 0)));
    if (r.resources.isEmpty())
        return QStringLiteral("No findings about drift: the evidence holds no Kubernetes objects from kubectl or "
                              "Terraform, so nothing was compared.");
    const QStringList present = columnsWith(r, true);
    if (present.size() < 2)
        return QStringLiteral("No findings, but nothing was compared: the case has only %1 evidence.")
            .arg(present.isEmpty() ? QStringLiteral("no column") : present.first());
    const QStringList absent = columnsWith(r, false);
    const QString noColumns
        = absent.isEmpty() ? QString() : QStringLiteral(" The case has no %1 evidence.").arg(joinedWithAnd(absent));
    if (const int unknown = resourcesWithUnknowns(r))
        return QStringLiteral("No findings where the columns could be compared, but %1 of %2 resources are not in "
                              "every column's evidence (see the Status column).%3")
            .arg(unknown)
            .arg(r.resources.size())
            .arg(noColumns);
    return QStringLiteral("No findings: %1 agree in this evidence.%2").arg(joinedWithAnd(present), noColumns);
}

QString headline(const AnalysisResult &r)
{
    int differing = 0;
    for (const ResourceDiff &d : r.resources)
        differing += d.hasDifferences() ? 1 : 0;
    QStringList parts;
    parts.append(
        r.findings.size() == 1 ? QStringLiteral("1 finding") : QStringLiteral("%1 findings").arg(r.findings.size()));
    parts.append(QStringLiteral("%1 of %2 resources differ").arg(differing).arg(r.resources.size()));
    if (const int unknown = resourcesWithUnknowns(r))
        parts.append(QStringLiteral("%1 not compared in every column").arg(unknown));
    QString text = parts.join(QStringLiteral(" · "));
    if (!r.completeness.isComplete())
        text += QStringLiteral(" · INCOMPLETE: ") + r.completeness.summary().section(QStringLiteral(" — "), 0, 0);
    return text;
}

} // namespace strata::Verdict
