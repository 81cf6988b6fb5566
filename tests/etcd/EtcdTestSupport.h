#pragma once

// What the etcd suites share besides the cluster itself.

#include "TestFiles.h"

#include "case/CaseFileReader.h"
#include "etcd/EtcdGateway.h"

#include <QJsonDocument>

#include <QProcess>
#include <QStandardPaths>
#include <QtGlobal>

namespace EtcdTestSupport {

inline bool haveEtcd()
{
    return !QStandardPaths::findExecutable(QStringLiteral("etcd")).isEmpty()
        && !QStandardPaths::findExecutable(QStringLiteral("etcdctl")).isEmpty();
}

inline const char *skipReason()
{
    return "etcd-server or etcd-client is not installed (scripts/install-deps.sh installs them)";
}

// Writes a case file and reads it back; a case that does not read stops the suite.
inline strata::CaseFile caseAt(const QString &path, const QByteArray &yaml)
{
    writeFile(path, yaml);
    const strata::CaseFileReadResult r = strata::CaseFileReader::readFile(path);
    if (!r.caseFile)
        qFatal("case not read: %s", qPrintable(r.diagnostics.value(0).toString()));
    return *r.caseFile;
}

// The real etcdctl's standard output (API v3), the tests' oracle; with
// `withErrors`, its standard error too (to say why a command was refused).
inline QByteArray etcdctl(const QStringList &args, bool withErrors = false)
{
    QProcess p;
    if (withErrors)
        p.setProcessChannelMode(QProcess::MergedChannels);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("ETCDCTL_API"), QStringLiteral("3"));
    p.setProcessEnvironment(env);
    p.start(QStringLiteral("etcdctl"), args);
    p.waitForFinished(30000);
    return p.readAllStandardOutput();
}

// A put through the gateway (binary values are awkward on etcdctl's command line); the revision it made.
inline qint64 put(const QString &url, const QByteArray &key, const QByteArray &value)
{
    const QByteArray body = "{\"key\":\"" + key.toBase64() + "\",\"value\":\"" + value.toBase64() + "\"}";
    strata::EtcdEndpoint e;
    e.url = url;
    const strata::EtcdGatewayResponse r = strata::EtcdGateway::post(e, QStringLiteral("/v3/kv/put"), body);
    if (!r.ok())
        qFatal("put failed: %s", qPrintable(r.failure(url)));
    return QJsonDocument::fromJson(r.body)[QStringLiteral("header")][QStringLiteral("revision")]
        .toString()
        .toLongLong();
}

} // namespace EtcdTestSupport
