#include "ProposalPlanner.h"

#include <QHash>
#include <QSet>

#include <algorithm>

namespace strata::ProposalPlanner {

namespace {
struct Step
{
    QString kind;
    QString text;
    QStringList findings;
    QSet<QString> findingSet; // the same keys, for lookups
    int severity = int(Severity::Info); // lowest enum value = most severe
    int firstSeen = 0;
    QList<PlanCommand> commands;
    QSet<QString> commandSet; // the commands' text, so each appears once per step
};

void addCommands(Step &s, const QList<PlanCommand> &commands)
{
    for (const PlanCommand &c : commands) {
        if (!s.commandSet.contains(c.command)) {
            s.commandSet.insert(c.command);
            s.commands.append(c);
        }
    }
}

QString findingKey(const Finding &f)
{
    return f.resource.isEmpty() ? f.id : f.id + QLatin1Char(':') + f.resource;
}
} // namespace

QList<Proposal> plan(const QList<Finding> &findings)
{
    // A whole cluster's findings share a few steps ("check who edited it")
    // and hold thousands of their own: steps and their findings are indexed,
    // never searched, so planning stays linear in the findings.
    QList<Step> steps;
    QHash<QString, qsizetype> stepAt; // kind + '\n' + text → index in steps
    auto add = [&steps, &stepAt](
                   const QString &kind, const QString &text, const Finding &f, const QList<PlanCommand> &commands) {
        const QString key = findingKey(f);
        const QString stepKey = kind + QLatin1Char('\n') + text;
        const auto it = stepAt.constFind(stepKey);
        if (it == stepAt.cend()) {
            stepAt.insert(stepKey, steps.size());
            steps.append({ kind, text, { key }, { key }, int(f.severity), int(steps.size()), {}, {} });
            addCommands(steps.last(), commands);
            return;
        }
        Step &s = steps[*it];
        if (!s.findingSet.contains(key)) {
            s.findingSet.insert(key);
            s.findings.append(key);
        }
        s.severity = std::min(s.severity, int(f.severity));
        addCommands(s, commands);
    };
    // A finding's commands go with its first check and its first change: the
    // rules give one of each, the rest (if any) are prose around it.
    for (const Finding &f : findings) {
        for (qsizetype i = 0; i < f.checks.size(); ++i)
            add(QStringLiteral("check"), f.checks.at(i), f, i == 0 ? f.checkCommands : QList<PlanCommand>());
        for (qsizetype i = 0; i < f.changes.size(); ++i)
            add(QStringLiteral("change"), f.changes.at(i), f, i == 0 ? f.changeCommands : QList<PlanCommand>());
    }
    std::stable_sort(steps.begin(), steps.end(), [](const Step &a, const Step &b) {
        if (a.kind != b.kind)
            return a.kind == QLatin1String("check");
        if (a.severity != b.severity)
            return a.severity < b.severity;
        return a.firstSeen < b.firstSeen;
    });
    QList<Proposal> out;
    for (Step &s : steps) {
        // Findings merged into one step each bring a verification and a
        // change: every verification first, then what changes something.
        std::stable_partition(s.commands.begin(), s.commands.end(), [](const PlanCommand &c) { return c.readOnly; });
    }
    for (const Step &s : steps)
        out.append({ int(out.size()) + 1, s.kind, s.text, s.findings, s.commands });
    return out;
}

} // namespace strata::ProposalPlanner
