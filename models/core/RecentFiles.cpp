#include "RecentFiles.h"

#include <QFileInfo>
#include <QSettings>

namespace strata {

namespace {
const QString settingsKey = QStringLiteral("recentFiles");
}

RecentFiles::RecentFiles(int capacity)
    : m_capacity(capacity > 0 ? capacity : defaultCapacity)
{
}

QString RecentFiles::normalised(const QString &path)
{
    if (path.startsWith(QLatin1Char(':')))
        return path;
    return QFileInfo(path).absoluteFilePath();
}

void RecentFiles::add(const QString &path)
{
    if (path.isEmpty())
        return;
    const QString p = normalised(path);
    m_paths.removeAll(p);
    m_paths.prepend(p);
    while (m_paths.size() > m_capacity)
        m_paths.removeLast();
}

void RecentFiles::remove(const QString &path)
{
    m_paths.removeAll(normalised(path));
}

void RecentFiles::clear()
{
    m_paths.clear();
}

void RecentFiles::load(const QSettings &settings)
{
    m_paths.clear();
    const QStringList stored = settings.value(settingsKey).toStringList();
    // Re-add oldest first so the bound and de-duplication apply to whatever is stored.
    for (auto it = stored.crbegin(); it != stored.crend(); ++it)
        add(*it);
}

void RecentFiles::save(QSettings &settings) const
{
    settings.setValue(settingsKey, m_paths);
}

} // namespace strata
