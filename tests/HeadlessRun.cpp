#include "HeadlessRun.h"

#include <QProcess>

HeadlessRun runHeadless(
    const QString &program, const QStringList &arguments, const QList<QPair<QString, QString>> &environment)
{
    QProcess p;
    p.setProgram(program);
    p.setArguments(arguments);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("DISPLAY"));
    env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    env.remove(QStringLiteral("QT_QPA_PLATFORM"));
    for (const auto &[name, value] : environment)
        env.insert(name, value);
    p.setProcessEnvironment(env);
    p.start();
    // A hang guard, not a timing assertion: sanitizer builds on 2 busy cores are slow.
    if (!p.waitForFinished(120000))
        return { -1, {}, QStringLiteral("timed out") };
    return { p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2, p.readAllStandardOutput(),
        QString::fromLocal8Bit(p.readAllStandardError()) };
}
