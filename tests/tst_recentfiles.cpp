// The "Open recent" list: order, de-duplication, bound, persistence.
#include "StrataTestMain.h"

#include "core/RecentFiles.h"

#include <QDir>
#include <QSettings>
#include <QTemporaryDir>

using strata::RecentFiles;

class TestRecentFiles : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void mostRecentFirstWithoutDuplicates()
    {
        RecentFiles recent;
        recent.add(QStringLiteral("/a.yaml"));
        recent.add(QStringLiteral("/b.yaml"));
        recent.add(QStringLiteral("/a.yaml"));
        QCOMPARE(recent.paths(), (QStringList { QStringLiteral("/a.yaml"), QStringLiteral("/b.yaml") }));
    }

    void relativePathsBecomeAbsolute()
    {
        RecentFiles recent;
        recent.add(QStringLiteral("case.yaml"));
        QCOMPARE(recent.paths().first(), QDir::current().absoluteFilePath(QStringLiteral("case.yaml")));
    }

    void boundedByCapacity()
    {
        RecentFiles recent(3);
        for (int i = 0; i < 5; ++i)
            recent.add(QStringLiteral("/c%1.yaml").arg(i));
        QCOMPARE(recent.paths(),
            (QStringList { QStringLiteral("/c4.yaml"), QStringLiteral("/c3.yaml"), QStringLiteral("/c2.yaml") }));
    }

    void persistsThroughSettings()
    {
        QTemporaryDir dir;
        const QString ini = dir.filePath(QStringLiteral("s.ini"));
        {
            QSettings settings(ini, QSettings::IniFormat);
            RecentFiles recent;
            recent.add(QStringLiteral("/x.yaml"));
            recent.add(QStringLiteral("/y.yaml"));
            recent.save(settings);
        }
        QSettings settings(ini, QSettings::IniFormat);
        RecentFiles loaded(1);
        loaded.load(settings);
        QCOMPARE(loaded.paths(), QStringList { QStringLiteral("/y.yaml") });
        loaded.remove(QStringLiteral("/y.yaml"));
        QVERIFY(loaded.paths().isEmpty());
    }
};

STRATA_TEST_MAIN(TestRecentFiles)
#include "tst_recentfiles.moc"
