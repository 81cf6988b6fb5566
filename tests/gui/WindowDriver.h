#pragma once

// What the GUI suites share: driving the real main window the way a user
// does, and saving screenshots into the build tree for people to look at.

#include "MainWindow.h"
#include "TestFiles.h"

#include <QAction>
#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTest>

namespace WindowDriver {

inline QAction *action(QWidget &window, const char *name)
{
    return window.findChild<QAction *>(QString::fromLatin1(name));
}

// Opens `path` and waits until its analysis is shown.
inline bool openAndAnalyse(MainWindow &window, const QString &path)
{
    QSignalSpy analysed(&window, &MainWindow::analysisFinished);
    window.openCase(path);
    return analysed.wait(30000);
}

inline QString screenshotDir()
{
    const QString dir = QStringLiteral(STRATA_TEST_BINARY_DIR "/screenshots");
    QDir().mkpath(dir);
    return dir;
}

inline bool saveScreenshot(QWidget &widget, const QString &name)
{
    return widget.grab().save(screenshotDir() + QLatin1Char('/') + name);
}

inline QString sharedPath(const char *relative)
{
    return QStringLiteral(STRATA_SHARED_DIR "/") + QString::fromLatin1(relative);
}

} // namespace WindowDriver
