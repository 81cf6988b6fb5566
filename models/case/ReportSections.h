#pragma once

#include <QMap>
#include <QPair>
#include <QString>
#include <QStringList>

namespace strata {

// One action item of an incident report, as postmortem templates keep them.
struct ReportActionItem
{
    QString item;
    QString type; // mitigate, prevent or detect ("" when not said)
    QString owner;
    QString ticket;

    bool operator==(const ReportActionItem &other) const = default;
};

// The investigator's word on one finding: a note, and whether the report shows it.
struct ReportFindingNote
{
    QString note;
    bool included = true; // every finding is in the report unless left out

    bool operator==(const ReportFindingNote &other) const = default;
};

// `report:` in a case file: what the investigator writes for the incident
// report, kept beside what Strata found (see docs/case-format.md). Plain
// text throughout; the report escapes it like any other text.
struct ReportSections
{
    QString status; // e.g. draft, final
    QStringList authors;
    QString summary;
    QString impact;
    QString rootCause;
    QString trigger;
    QString resolution;
    QString detection;
    QString lessons;
    QList<ReportActionItem> actionItems;
    QMap<QString, ReportFindingNote> findings; // "<rule id>:<resource>" (as the plan names findings)
    QStringList keyMoments; // timeline events marked as key moments, as "file:line"
    // Keys this version does not know, as YAML text: saving never loses them.
    QList<QPair<QString, QString>> preservedYaml;

    static inline const QStringList actionTypes { QStringLiteral("mitigate"), QStringLiteral("prevent"),
        QStringLiteral("detect") };

    bool isEmpty() const
    {
        return status.isEmpty() && authors.isEmpty() && summary.isEmpty() && impact.isEmpty() && rootCause.isEmpty()
            && trigger.isEmpty() && resolution.isEmpty() && detection.isEmpty() && lessons.isEmpty()
            && actionItems.isEmpty() && findings.isEmpty() && keyMoments.isEmpty() && preservedYaml.isEmpty();
    }
    bool operator==(const ReportSections &other) const = default;
};

} // namespace strata
