#include "ExecApprovals.h"

#include "core/RegularFile.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QMutexLocker>
#include <QSaveFile>
#include <QSet>
#include <QStandardPaths>

namespace strata::ExecApprovals {

namespace {
QMutex mutex;
QString testFile;
QSet<QString> declined; // "kubeconfig\ncommand", for this run of Strata only

QString file()
{
    return testFile.isEmpty() ? defaultFile() : testFile;
}

QJsonArray entries()
{
    const FileContents f = readRegularFile(file(), 1024 * 1024);
    return f.ok() ? QJsonDocument::fromJson(f.bytes).object().value(QStringLiteral("approved")).toArray()
                  : QJsonArray();
}

bool same(const QJsonValue &entry, const QString &kubeconfig, const QString &commandLine)
{
    const QJsonObject o = entry.toObject();
    return o.value(QStringLiteral("kubeconfig")).toString() == kubeconfig
        && o.value(QStringLiteral("command")).toString() == commandLine;
}
} // namespace

QString defaultFile()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation)
        + QStringLiteral("/strata/exec-approvals.json");
}

void setFileForTesting(const QString &path)
{
    QMutexLocker lock(&mutex);
    testFile = path;
}

bool isApproved(const QString &kubeconfig, const QString &commandLine)
{
    QMutexLocker lock(&mutex);
    const QString canonical = QFileInfo(kubeconfig).absoluteFilePath();
    for (const QJsonValue &e : entries()) {
        if (same(e, canonical, commandLine))
            return true;
    }
    return false;
}

QString approve(const QString &kubeconfig, const QString &commandLine)
{
    QMutexLocker lock(&mutex);
    const QString canonical = QFileInfo(kubeconfig).absoluteFilePath();
    QJsonArray list = entries();
    for (const QJsonValue &e : std::as_const(list)) {
        if (same(e, canonical, commandLine))
            return {};
    }
    list.append(
        QJsonObject { { QStringLiteral("kubeconfig"), canonical }, { QStringLiteral("command"), commandLine } });
    const QString path = file();
    QDir().mkpath(QFileInfo(path).absolutePath());
    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly))
        return QStringLiteral("%1: %2").arg(path, out.errorString());
    out.write(QJsonDocument(QJsonObject { { QStringLiteral("approved"), list } }).toJson());
    if (!out.commit())
        return QStringLiteral("%1: %2").arg(path, out.errorString());
    return {};
}

static QString declineKey(const QString &kubeconfig, const QString &commandLine)
{
    return QFileInfo(kubeconfig).absoluteFilePath() + QLatin1Char('\n') + commandLine;
}

void decline(const QString &kubeconfig, const QString &commandLine)
{
    QMutexLocker lock(&mutex);
    declined.insert(declineKey(kubeconfig, commandLine));
}

bool isDeclined(const QString &kubeconfig, const QString &commandLine)
{
    QMutexLocker lock(&mutex);
    return declined.contains(declineKey(kubeconfig, commandLine));
}

} // namespace strata::ExecApprovals
