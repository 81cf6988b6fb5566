#pragma once

// What the etcd suites share besides the cluster itself.

#include "TestFiles.h"

#include "case/CaseFileReader.h"

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

// The real etcdctl's standard output (API v3), the tests' oracle.
inline QByteArray etcdctl(const QStringList &args)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("ETCDCTL_API"), QStringLiteral("3"));
    p.setProcessEnvironment(env);
    p.start(QStringLiteral("etcdctl"), args);
    p.waitForFinished(30000);
    return p.readAllStandardOutput();
}

} // namespace EtcdTestSupport
