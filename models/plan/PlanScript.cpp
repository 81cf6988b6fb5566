#include "PlanScript.h"

#include "core/ControlCharacters.h"
#include "plan/ShellWords.h"

#include <QSet>

namespace strata::PlanScript {

namespace {
// Comment text on one line, control characters shown escaped.
QString comment(const QString &text)
{
    QString line = escapeControlCharacters(text);
    line.replace(QLatin1Char('\n'), QLatin1Char(' '));
    return QStringLiteral("# ") + line + QLatin1Char('\n');
}
} // namespace

QString readOnlyChecks(const QList<Proposal> &plan, const QString &caseTitle, const QString &caseFolder)
{
    QString out = QStringLiteral("#!/bin/sh\n");
    out += comment(QStringLiteral("Read-only checks from Strata's plan for: %1").arg(caseTitle));
    out += comment(QStringLiteral("Nothing here changes the cluster, the state or the code; the changes stay in "
                                  "Strata's Plan panel, for after these checks."));
    bool placeholders = false;
    for (const Proposal &p : plan) {
        for (const PlanCommand &c : p.commands)
            placeholders = placeholders || (c.readOnly && c.command.contains(QStringLiteral("'<")));
    }
    if (placeholders)
        out += comment(QStringLiteral("Fill in the quoted '<…>' values first: the case does not know them."));
    if (!caseFolder.isEmpty()) {
        if (const std::optional<QString> folder = ShellWords::quote(caseFolder))
            out += QStringLiteral("cd %1 || exit 1\n").arg(*folder);
    }
    QSet<QString> written;
    for (const Proposal &p : plan) {
        QString block;
        for (const PlanCommand &c : p.commands) {
            if (!c.readOnly || written.contains(c.command))
                continue;
            written.insert(c.command);
            block += comment(c.why) + c.command + QLatin1Char('\n');
        }
        if (block.isEmpty())
            continue;
        out += QLatin1Char('\n') + comment(QStringLiteral("Step %1 (%2): %3").arg(p.order).arg(p.kind, p.text)) + block;
    }
    return out;
}

} // namespace strata::PlanScript
