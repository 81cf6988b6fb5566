#pragma once

#include <QList>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>

// A real etcd cluster for tests (Debian's etcd-server): `members` etcd
// processes on 127.0.0.1, on ports the system hands out, data in a
// temporary folder; plain http, or https with client-certificate auth
// (certificates made by openssl now). Torn down when the object goes, also
// when a test fails.
class EtcdTestCluster
{
public:
    enum class Security { Plain, MutualTls };
    // `extraFlags` go to every member (e.g. a small --quota-backend-bytes).
    explicit EtcdTestCluster(int members = 3, Security security = Security::Plain, const QStringList &extraFlags = {});
    ~EtcdTestCluster();

    // Starts every member and waits until the cluster has a leader (bounded);
    // false with the reason (etcd missing, a member that exited…).
    bool start(QString *error);
    QStringList clientUrls() const { return m_clientUrls; }
    // With MutualTls: the CA that signed the servers, and a client certificate it signed.
    QString caFile() const { return m_dir.filePath(QStringLiteral("ca.crt")); }
    QString certFile() const { return m_dir.filePath(QStringLiteral("client.crt")); }
    QString keyFile() const { return m_dir.filePath(QStringLiteral("client.key")); }
    // etcdctl's TLS flags for this cluster (none when plain).
    QStringList etcdctlFlags() const;
    // Which member leads now, as `etcdctl endpoint status` says (-1: none within 10 s).
    int leader() const;
    // A member that does not lead: killing it leaves the cluster its leader.
    int follower() const;
    // The member's id in hex, as etcdctl prints it ("" when it does not answer).
    QString memberId(int member) const;
    // Hands leadership to `member` with `etcdctl move-leader` (the term goes up by one).
    bool moveLeader(int member, QString *error) const;
    // What the member logged (etcd 3.4: capnslog and raft's Go log lines).
    QString logFile(int member) const { return m_dir.filePath(QStringLiteral("member-%1.log").arg(member)); }
    // Stops one member (as a crash would: SIGKILL), the others keep running.
    void kill(int member);
    // Adds a member that never starts (`etcdctl member add`): the member list
    // names it "unstarted", without a name or client URLs. Its hex id, "" on failure.
    QString addUnstartedMember(QString *error) const;
    // Freezes one member (SIGSTOP: alive, its sockets open, answering nothing) and resumes it (SIGCONT).
    void freeze(int member);
    void resume(int member);

private:
    // One line of `etcdctl endpoint status -w simple` for a member, split at ", ".
    QStringList statusFields(int member) const;
    QProcessEnvironment etcdctlEnvironment() const;
    // True once every endpoint's member list gives every member its client URLs:
    // a member publishes them through raft after it is healthy, so a healthy
    // cluster can still list one member without them for a moment.
    bool everyMemberPublished() const;
    int m_members;
    Security m_security;
    QStringList m_extraFlags;
    QTemporaryDir m_dir;
    QStringList m_clientUrls;
    QList<std::shared_ptr<QProcess>> m_processes;
};
