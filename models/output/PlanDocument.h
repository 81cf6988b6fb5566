#pragma once

#include "plan/Proposal.h"

#include <QString>

namespace strata {

// The plan as the Plan panel shows it (HTML for a QTextBrowser): the ordered
// steps, each with the findings it serves as links ("finding:<key>") and its
// commands in monospace boxes, each with a Copy link ("copy:<step>:<n>");
// changing commands marked as such. Everything is escaped.
// Colours (HTML names) come from the window's palette, so both themes read.
struct PlanColors
{
    QString box = QStringLiteral("#eef1f4"); // a read-only command's background
    QString changeBox = QStringLiteral("#fbeaea"); // a changing command's background
    QString changeText = QStringLiteral("#a93226"); // "Changes something."
};
QString planHtml(const QList<Proposal> &plan, const QString &caseFolder, const PlanColors &colors = {});

// The command a "copy:<step>:<n>" link names, or nothing.
std::optional<QString> commandFromLink(const QList<Proposal> &plan, const QString &link);

// The finding key a "finding:<key>" link names, or "".
QString findingFromLink(const QString &link);

} // namespace strata
