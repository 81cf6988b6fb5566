#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

// Runs a built program as a user would from a terminal with no display:
// DISPLAY, WAYLAND_DISPLAY and QT_QPA_PLATFORM removed, no standard input.
struct HeadlessRun
{
    int exitCode = 0; // -1: did not finish in time; -2: crashed
    QByteArray out;
    QString err;

    QString outText() const { return QString::fromLocal8Bit(out); }
};

// `environment`: variables set for this run (an isolated XDG_CACHE_HOME …).
HeadlessRun runHeadless(
    const QString &program, const QStringList &arguments, const QList<QPair<QString, QString>> &environment = {});
