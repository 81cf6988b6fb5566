#include "PlanDocument.h"

#include <QUrl>

namespace strata {

namespace {
QString esc(const QString &s)
{
    return s.toHtmlEscaped();
}
// Thousands of steps (a whole cluster's drift) would make a slow document;
// the rest are in the outputs.
constexpr qsizetype stepsShown = 300;
} // namespace

QString planHtml(const QList<Proposal> &plan, const QString &caseFolder, const PlanColors &colors)
{
    if (plan.isEmpty())
        return QStringLiteral("<p>Nothing to do: no finding asks for a check or a change.</p>");
    QString html = QStringLiteral("<p>Checks first, then changes. Strata runs none of these commands: copy them.");
    if (!caseFolder.isEmpty())
        html += QStringLiteral(" Relative paths are from the case's folder, <code>%1</code>.").arg(esc(caseFolder));
    html += QStringLiteral("</p>");
    for (qsizetype s = 0; s < std::min(plan.size(), stepsShown); ++s) {
        const Proposal &p = plan.at(s);
        const bool check = p.kind == QLatin1String("check");
        html += QStringLiteral("<h4>%1. %2</h4><p>%3</p>")
                    .arg(p.order)
                    .arg(check ? QStringLiteral("Check (read-only)") : QStringLiteral("Change"), esc(p.text));
        QStringList links;
        for (const QString &key : p.findings)
            links.append(QStringLiteral("<a href=\"finding:%1\">%2</a>")
                             .arg(QString::fromLatin1(QUrl::toPercentEncoding(key)), esc(key)));
        html += QStringLiteral("<p>for %1</p>").arg(links.join(QStringLiteral(", ")));
        for (qsizetype c = 0; c < p.commands.size(); ++c) {
            const PlanCommand &cmd = p.commands.at(c);
            html
                += QStringLiteral("<p>%1%2</p>")
                       .arg(cmd.readOnly
                               ? QString()
                               : QStringLiteral("<b style=\"color:%1\">Changes something.</b> ").arg(colors.changeText),
                           esc(cmd.why));
            html
                += QStringLiteral("<table width=\"100%\" cellpadding=\"6\" style=\"background-color:%1\"><tr>"
                                  "<td><pre style=\"white-space:pre-wrap\">%2</pre></td>"
                                  "<td width=\"50\" align=\"right\" valign=\"top\"><a href=\"copy:%3:%4\">Copy</a></td>"
                                  "</tr></table>")
                       // One arg() call: a command holding "%3" must not be substituted into.
                       .arg(cmd.readOnly ? colors.box : colors.changeBox, esc(cmd.command), QString::number(s),
                           QString::number(c));
        }
    }
    if (plan.size() > stepsShown)
        html += QStringLiteral("<p>And %1 more steps: all of them are in <code>strata analyze --format markdown</code> "
                               "and in the JSON output.</p>")
                    .arg(plan.size() - stepsShown);
    return html;
}

std::optional<QString> commandFromLink(const QList<Proposal> &plan, const QString &link)
{
    if (!link.startsWith(QLatin1String("copy:")))
        return std::nullopt;
    const QStringList parts = link.mid(5).split(QLatin1Char(':'));
    if (parts.size() != 2)
        return std::nullopt;
    bool okStep = false, okCommand = false;
    const int step = parts.at(0).toInt(&okStep);
    const int command = parts.at(1).toInt(&okCommand);
    if (!okStep || !okCommand || step < 0 || step >= plan.size() || command < 0
        || command >= plan.at(step).commands.size())
        return std::nullopt;
    return plan.at(step).commands.at(command).command;
}

QString findingFromLink(const QString &link)
{
    if (!link.startsWith(QLatin1String("finding:")))
        return {};
    return QUrl::fromPercentEncoding(link.mid(8).toLatin1());
}

} // namespace strata
