#pragma once

#include <QStringList>

class QSettings;

namespace strata {

// The "Open recent" list: most recent first, no duplicates, bounded, kept in
// QSettings under one key. The main window's menu shows it.
class RecentFiles
{
public:
    static constexpr int defaultCapacity = 10;

    explicit RecentFiles(int capacity = defaultCapacity);

    // Moves `path` to the front (made absolute; resource paths kept as they are).
    void add(const QString &path);
    void remove(const QString &path);
    void clear();
    const QStringList &paths() const { return m_paths; }

    void load(const QSettings &settings);
    void save(QSettings &settings) const;

private:
    static QString normalised(const QString &path);

    int m_capacity;
    QStringList m_paths;
};

} // namespace strata
