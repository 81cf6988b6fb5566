#include "BuildInfo.h"

#include "core/StrataVersion.h"

#include <git2.h>
#include <nlohmann/json.hpp>

#include <QtGlobal>

namespace strata::BuildInfo {

QString version()
{
    return QStringLiteral(STRATA_VERSION_STRING);
}

QString applicationId()
{
    return QStringLiteral(STRATA_APP_ID);
}

QList<DependencyInfo> dependencies()
{
    int gitMajor = 0, gitMinor = 0, gitRev = 0;
    git_libgit2_version(&gitMajor, &gitMinor, &gitRev);
    const QString nlohmann = QStringLiteral("%1.%2.%3")
                                 .arg(NLOHMANN_JSON_VERSION_MAJOR)
                                 .arg(NLOHMANN_JSON_VERSION_MINOR)
                                 .arg(NLOHMANN_JSON_VERSION_PATCH);
    return {
        { QStringLiteral("Qt"), QString::fromLatin1(qVersion()), QStringLiteral("LGPL-3.0-only"),
            QStringLiteral("application framework, widgets, networking, charts") },
        { QStringLiteral("yaml-cpp"), QStringLiteral(STRATA_YAML_CPP_VERSION), QStringLiteral("MIT"),
            QStringLiteral("case files, kubeconfig and kubectl YAML") },
        { QStringLiteral("nlohmann/json"), nlohmann, QStringLiteral("MIT"),
            QStringLiteral("JSON with exact 64-bit integers") },
        { QStringLiteral("libgit2"), QStringLiteral("%1.%2.%3").arg(gitMajor).arg(gitMinor).arg(gitRev),
            QStringLiteral("GPL-2.0-only WITH GCC-exception-2.0"),
            QStringLiteral("Terraform code and state at any commit") },
    };
}

} // namespace strata::BuildInfo
