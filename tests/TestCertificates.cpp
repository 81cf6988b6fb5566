#include "TestCertificates.h"

#include <QFile>
#include <QProcess>
#include <QStringList>

namespace {

bool openssl(const QString &folder, const QStringList &args, QString *error)
{
    QProcess p;
    p.setWorkingDirectory(folder);
    p.start(QStringLiteral("openssl"), args);
    if (!p.waitForFinished(60000) || p.exitCode() != 0) {
        *error = QStringLiteral("openssl %1: %2")
                     .arg(args.join(QLatin1Char(' ')), QString::fromUtf8(p.readAllStandardError()));
        return false;
    }
    return true;
}

} // namespace

namespace TestCertificates {

bool make(const QString &folder, QString *error, int serverDays)
{
    const QString ec = QStringLiteral("ec");
    const QString curve = QStringLiteral("ec_paramgen_curve:prime256v1");
    QFile server(folder + QStringLiteral("/server.ext"));
    QFile client(folder + QStringLiteral("/client.ext"));
    if (!server.open(QIODevice::WriteOnly) || !client.open(QIODevice::WriteOnly))
        return false;
    // clientAuth too: etcd 3.4's JSON gateway dials its own gRPC server with
    // the server certificate, which --client-cert-auth then checks as a client's.
    server.write(
        "subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:api.strata.test\nextendedKeyUsage=serverAuth,clientAuth\n");
    client.write("extendedKeyUsage=clientAuth\n");
    server.close();
    client.close();
    return openssl(folder,
               { QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), ec,
                   QStringLiteral("-pkeyopt"), curve, QStringLiteral("-nodes"), QStringLiteral("-keyout"),
                   QStringLiteral("ca.key"), QStringLiteral("-out"), QStringLiteral("ca.crt"), QStringLiteral("-days"),
                   QStringLiteral("2"), QStringLiteral("-subj"), QStringLiteral("/CN=strata-test-ca") },
               error)
        && openssl(folder,
            { QStringLiteral("req"), QStringLiteral("-newkey"), ec, QStringLiteral("-pkeyopt"), curve,
                QStringLiteral("-nodes"), QStringLiteral("-keyout"), QStringLiteral("server.key"),
                QStringLiteral("-out"), QStringLiteral("server.csr"), QStringLiteral("-subj"),
                QStringLiteral("/CN=127.0.0.1") },
            error)
        && openssl(folder,
            { QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"), QStringLiteral("server.csr"),
                QStringLiteral("-CA"), QStringLiteral("ca.crt"), QStringLiteral("-CAkey"), QStringLiteral("ca.key"),
                QStringLiteral("-CAcreateserial"), QStringLiteral("-out"), QStringLiteral("server.crt"),
                QStringLiteral("-days"), QString::number(serverDays), QStringLiteral("-extfile"),
                QStringLiteral("server.ext") },
            error)
        && openssl(folder,
            { QStringLiteral("req"), QStringLiteral("-newkey"), ec, QStringLiteral("-pkeyopt"), curve,
                QStringLiteral("-nodes"), QStringLiteral("-keyout"), QStringLiteral("client.key"),
                QStringLiteral("-out"), QStringLiteral("client.csr"), QStringLiteral("-subj"),
                QStringLiteral("/O=system:masters/CN=test-user") },
            error)
        && openssl(folder,
            { QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"), QStringLiteral("client.csr"),
                QStringLiteral("-CA"), QStringLiteral("ca.crt"), QStringLiteral("-CAkey"), QStringLiteral("ca.key"),
                QStringLiteral("-CAcreateserial"), QStringLiteral("-out"), QStringLiteral("client.crt"),
                QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-extfile"),
                QStringLiteral("client.ext") },
            error);
}

bool makeRsaClient(const QString &folder, QString *error)
{
    return openssl(folder,
               { QStringLiteral("req"), QStringLiteral("-newkey"), QStringLiteral("rsa:2048"), QStringLiteral("-nodes"),
                   QStringLiteral("-keyout"), QStringLiteral("client-rsa.key"), QStringLiteral("-out"),
                   QStringLiteral("client-rsa.csr"), QStringLiteral("-subj"), QStringLiteral("/CN=test-rsa-user") },
               error)
        && openssl(folder,
            { QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"), QStringLiteral("client-rsa.csr"),
                QStringLiteral("-CA"), QStringLiteral("ca.crt"), QStringLiteral("-CAkey"), QStringLiteral("ca.key"),
                QStringLiteral("-CAcreateserial"), QStringLiteral("-out"), QStringLiteral("client-rsa.crt"),
                QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-extfile"),
                QStringLiteral("client.ext") },
            error);
}

} // namespace TestCertificates
