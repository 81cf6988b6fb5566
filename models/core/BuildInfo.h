#pragma once

#include <QList>
#include <QString>

namespace strata {

// What this build of Strata is and what it is built on. The About dialog and
// `strata --version` read it, so both always say the same thing.
struct DependencyInfo
{
    QString name;
    QString version;
    QString license;
    QString purpose;
};

namespace BuildInfo {
QString version();
QString applicationId();
// The libraries Strata links, with the versions found at build or run time.
QList<DependencyInfo> dependencies();
} // namespace BuildInfo

} // namespace strata
