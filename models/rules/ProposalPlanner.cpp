#include "ProposalPlanner.h"

#include <algorithm>

namespace strata::ProposalPlanner {

namespace {
struct Step
{
    QString kind;
    QString text;
    QStringList findings;
    int severity = int(Severity::Info); // lowest enum value = most severe
    int firstSeen = 0;
};

QString findingKey(const Finding &f)
{
    return f.resource.isEmpty() ? f.id : f.id + QLatin1Char(':') + f.resource;
}
} // namespace

QList<Proposal> plan(const QList<Finding> &findings)
{
    QList<Step> steps;
    auto add = [&steps](const QString &kind, const QString &text, const Finding &f) {
        for (Step &s : steps) {
            if (s.kind == kind && s.text == text) {
                if (!s.findings.contains(findingKey(f)))
                    s.findings.append(findingKey(f));
                s.severity = std::min(s.severity, int(f.severity));
                return;
            }
        }
        steps.append({ kind, text, { findingKey(f) }, int(f.severity), int(steps.size()) });
    };
    for (const Finding &f : findings) {
        for (const QString &c : f.checks)
            add(QStringLiteral("check"), c, f);
        for (const QString &c : f.changes)
            add(QStringLiteral("change"), c, f);
    }
    std::stable_sort(steps.begin(), steps.end(), [](const Step &a, const Step &b) {
        if (a.kind != b.kind)
            return a.kind == QLatin1String("check");
        if (a.severity != b.severity)
            return a.severity < b.severity;
        return a.firstSeen < b.firstSeen;
    });
    QList<Proposal> out;
    for (const Step &s : steps)
        out.append({ int(out.size()) + 1, s.kind, s.text, s.findings });
    return out;
}

} // namespace strata::ProposalPlanner
