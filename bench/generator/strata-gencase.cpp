// strata-gencase FOLDER N [KEYS]: writes a generated case of N ConfigMaps for
// measuring `strata analyze` and the window at scale (README "Benchmarks").
#include "CaseGenerator.h"

#include <QCoreApplication>
#include <QStringList>

#include <cstdio>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    bool ok = args.size() == 3 || args.size() == 4;
    const int objects = ok ? args[2].toInt(&ok) : 0;
    const int keys = ok && args.size() == 4 ? args[3].toInt(&ok) : 4;
    if (!ok || objects < 1 || keys < 1) {
        std::fputs("usage: strata-gencase FOLDER OBJECTS [KEYS_PER_OBJECT]\n", stderr);
        return 2;
    }
    const QString casePath = CaseGenerator::write(args[1], objects, keys);
    if (casePath.isEmpty()) {
        std::fprintf(stderr, "strata-gencase: could not write into %s\n", qPrintable(args[1]));
        return 1;
    }
    const auto e = CaseGenerator::expectedFor(objects);
    std::printf("%s: %d objects, %d drifted, %d pending, %d stale\n", qPrintable(casePath), e.objects, e.drifted,
        e.pending, e.stale);
    return 0;
}
