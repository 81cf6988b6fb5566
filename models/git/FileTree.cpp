#include "FileTree.h"

namespace strata {

QString joinTreePath(const QString &folder, const QString &name)
{
    if (folder.isEmpty())
        return name;
    if (name.isEmpty())
        return folder;
    return folder + QLatin1Char('/') + name;
}

} // namespace strata
