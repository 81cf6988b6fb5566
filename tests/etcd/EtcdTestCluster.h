#pragma once

#include <QList>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>

// A real etcd cluster for tests (Debian's etcd-server): `members` etcd
// processes on 127.0.0.1, on ports the system hands out, data in a
// temporary folder; plain http (TLS comes with the live etcd source). Torn
// down when the object goes, also when a test fails.
class EtcdTestCluster
{
public:
    explicit EtcdTestCluster(int members = 3);
    ~EtcdTestCluster();

    // Starts every member and waits until the cluster has a leader (bounded);
    // false with the reason (etcd missing, a member that exited…).
    bool start(QString *error);
    QStringList clientUrls() const { return m_clientUrls; }
    // Stops one member (as a crash would: SIGKILL), the others keep running.
    void kill(int member);

private:
    int m_members;
    QTemporaryDir m_dir;
    QStringList m_clientUrls;
    QList<std::shared_ptr<QProcess>> m_processes;
};
