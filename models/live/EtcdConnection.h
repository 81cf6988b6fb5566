#pragma once

#include "case/CaseFile.h"
#include "etcd/EtcdGateway.h"

#include <QProcessEnvironment>

namespace strata {

// How to reach a case's etcd: `sources.etcd` first, then what etcdctl's
// environment gives for what the case leaves out (ETCDCTL_ENDPOINTS,
// ETCDCTL_CACERT, ETCDCTL_CERT, ETCDCTL_KEY, ETCDCTL_USER as user:password
// or user with ETCDCTL_PASSWORD). Paths resolved against the case's folder.
struct EtcdConnection
{
    QList<EtcdEndpoint> endpoints; // as configured, before --cluster discovery
    bool cluster = false;
    QString user; // "" without auth
    QString password; // only in memory: never written, never shown
    QStringList fromEnvironment; // which ETCDCTL_* variables filled something in
    QString error; // why nothing can be read (no endpoint at all), "" when something can

    // "https://a:2379, https://b:2379" as the messages show them.
    QStringList urls() const;
};

// What `cluster: true` found: every member's client URL from the member
// list of the first named endpoint that gave it (as etcdctl --cluster).
struct EtcdDiscovery
{
    QList<EtcdEndpoint> endpoints; // empty when no endpoint gave the list
    QList<EtcdMember> members;
    QByteArray memberListBody; // the gateway's answer, for the capture
    QString error; // why not, naming each endpoint tried
};

class JobContext;

namespace EtcdConnections {
EtcdConnection forCase(
    const CaseFile &caseFile, const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment());
EtcdDiscovery discover(const EtcdConnection &connection, const JobContext *job = nullptr);
} // namespace EtcdConnections

} // namespace strata
