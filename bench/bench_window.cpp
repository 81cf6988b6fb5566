// How the main window copes with a big case: opens CASE in the real window
// (offscreen) and reports, while the case loads and is shown, the longest
// time the GUI thread did not answer a 10 ms timer (input waits that long),
// and the time until the analysis is on screen. Run by hand, in a release
// build: `QT_QPA_PLATFORM=offscreen build/bench/bench_window CASE [PNG]`
// (the window is saved there once the case is shown).
#include "MainWindow.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QTest>
#include <QTimer>

#include <cstdio>

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    if (argc != 2 && argc != 3) {
        std::fprintf(stderr, "usage: bench_window CASE [SCREENSHOT.png]\n");
        return 2;
    }
    MainWindow window;
    window.resize(1400, 900);
    window.show();

    QElapsedTimer clock, sinceBeat;
    qint64 longestStall = 0;
    QTimer heartbeat;
    heartbeat.setInterval(10);
    QObject::connect(&heartbeat, &QTimer::timeout, [&] {
        const qint64 gap = sinceBeat.restart();
        longestStall = std::max(longestStall, gap);
    });
    qint64 shownAfter = -1;
    qint64 loadStall = -1;
    QList<qint64> keystrokes; // ms from each key typed into the diff filter until the tree answered
    QObject::connect(&window, &MainWindow::analysisFinished, [&] {
        shownAfter = clock.elapsed();
        // Let the views lay out and paint, then type into the filter as a user does.
        QTimer::singleShot(1000, &app, [&] {
            if (argc == 3)
                window.grab().save(QString::fromLocal8Bit(argv[2]));
            auto *filter = window.findChild<QLineEdit *>(QStringLiteral("diffFilter"));
            if (filter) {
                for (const QChar c : QStringLiteral("cm-1")) {
                    QElapsedTimer key;
                    key.start();
                    QTest::keyClick(filter, c.toLatin1());
                    QCoreApplication::processEvents();
                    keystrokes.append(key.elapsed());
                }
            }
            // The filter applies once typing pauses: measure that stall on its own.
            loadStall = longestStall;
            longestStall = 0;
            QTimer::singleShot(1500, &app, &QApplication::quit);
        });
    });
    clock.start();
    sinceBeat.start();
    heartbeat.start();
    window.openCase(QString::fromLocal8Bit(argv[1]));
    app.exec();
    std::printf("analysis shown after %lld ms; longest the window did not answer while loading: %lld ms\n",
        static_cast<long long>(shownAfter), static_cast<long long>(loadStall));
    std::printf(
        "longest the window did not answer while the filter applied: %lld ms\n", static_cast<long long>(longestStall));
    std::printf("filter, ms per key typed:");
    for (qint64 ms : keystrokes)
        std::printf(" %lld", static_cast<long long>(ms));
    std::printf("\n");
    return shownAfter >= 0 ? 0 : 1;
}
