#pragma once

#include "investigation/AnalysisResult.h"

#include <QString>

namespace strata {

// One file an investigation read, for a report's appendix: where it is,
// what it was read as, and its SHA-256, so a reader can tell the exact
// evidence apart from a later copy. A folder of Terraform files lists each file.
struct ReportSourceFile
{
    QString path; // as the case names it (a folder's files below it)
    QString kind; // etcdctl, kubectl, terraform-code …
    QString role; // live, replica, code, state; "" when none
    QString sha256; // hex; "" when the file could not be read
    QString note; // why there is no hash, or "from sources.terraform"
};

namespace ReportSources {
// Every evidence file of the analysis with its hash, in the case's order.
QList<ReportSourceFile> files(const AnalysisResult &result);
// The key of a timeline event in `report.key-moments`: its "file:line".
QString eventKey(const TimelineEvent &event);
// The key of a finding in `report.findings` and the plan: "<rule id>:<resource>".
QString findingKey(const Finding &finding);
} // namespace ReportSources

} // namespace strata
