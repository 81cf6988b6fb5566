#include "FindingDetail.h"

#include <algorithm>

namespace strata {

namespace {
QString esc(const QString &s)
{
    return s.toHtmlEscaped();
}

QString list(const QStringList &items)
{
    QString out = QStringLiteral("<ol>");
    for (const QString &item : items)
        out += QStringLiteral("<li>%1</li>").arg(esc(item));
    return out + QStringLiteral("</ol>");
}
} // namespace

QString findingDetailHtml(const Finding &f)
{
    QString html = QStringLiteral("<h3>%1</h3>").arg(esc(f.title));
    html += QStringLiteral("<p><b>%1</b> · %2").arg(esc(severityName(f.severity)), esc(f.resource));
    if (!f.paths.isEmpty())
        html += QStringLiteral(" · <code>%1</code>").arg(esc(f.paths.join(QStringLiteral(", "))));
    html += QStringLiteral(" <span style=\"color:gray\">(%1)</span></p>").arg(esc(f.id));
    if (!f.detail.isEmpty())
        html += QStringLiteral("<p>%1</p>").arg(esc(f.detail));
    if (!f.evidence.isEmpty()) {
        html += QStringLiteral("<p><b>Evidence</b> (activate to open the file at that line)</p><ul>");
        // The rules put the decisive lines first; a readable number of them
        // here, every one in the list's child rows and in the JSON.
        constexpr qsizetype shown = 20;
        for (qsizetype i = 0; i < std::min(f.evidence.size(), shown); ++i) {
            const EvidenceRef &e = f.evidence.at(i);
            const QString where = esc(e.location.toString());
            html += e.location.isValid() ? QStringLiteral("<li><a href=\"evidence:%1\">%2</a><br><code>%3</code></li>")
                                               .arg(i)
                                               .arg(where, esc(e.quote))
                                         : QStringLiteral("<li><code>%1</code></li>").arg(esc(e.quote));
        }
        if (f.evidence.size() > shown)
            html += QStringLiteral("<li>and %1 more (each one is a row under the finding)</li>")
                        .arg(f.evidence.size() - shown);
        html += QStringLiteral("</ul>");
    }
    if (!f.checks.isEmpty())
        html += QStringLiteral("<p><b>Check first</b></p>") + list(f.checks);
    if (!f.changes.isEmpty())
        html += QStringLiteral("<p><b>Then change</b></p>") + list(f.changes);
    if (f.checks.isEmpty() && f.changes.isEmpty() && !f.recommendation.isEmpty())
        html += QStringLiteral("<p><b>What to do</b></p><p>%1</p>").arg(esc(f.recommendation));
    return html;
}

int evidenceIndexFromLink(const QString &link)
{
    if (!link.startsWith(QLatin1String("evidence:")))
        return -1;
    bool ok = false;
    const int index = link.mid(9).toInt(&ok);
    return ok && index >= 0 ? index : -1;
}

QString evidenceFieldPath(const Finding &finding, const EvidenceRef &ref)
{
    for (const QString &path : finding.paths) {
        if (ref.quote.startsWith(path + QStringLiteral(" (")))
            return path;
    }
    return finding.paths.value(0);
}

} // namespace strata
