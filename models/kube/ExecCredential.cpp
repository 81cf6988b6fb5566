#include "ExecCredential.h"

#include "core/RegularFile.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>

#include <csignal>
#include <sys/types.h>
#include <unistd.h>

namespace strata::ExecCredentials {

namespace {

constexpr qint64 maxCaFileBytes = 1024 * 1024;

bool supportedVersion(const QString &v)
{
    return v == QLatin1String("client.authentication.k8s.io/v1")
        || v == QLatin1String("client.authentication.k8s.io/v1beta1");
}

// The program to start: as configured, else found on PATH, else on the
// PATH of the user's shell started as a terminal would start it (login and
// interactive: PATH set in .profile, .bashrc, .zshrc or fish's config) — a
// desktop session's PATH is often shorter. The name goes in through the
// environment (sh, bash, zsh and fish read "$NAME" alike) and the answer
// comes back between markers, so whatever the shell's startup files print
// is ignored.
QString program(const QString &command)
{
    if (command.contains(QLatin1Char('/')))
        return command;
    const QString onPath = QStandardPaths::findExecutable(command);
    if (!onPath.isEmpty())
        return onPath;
    const QString shell = qEnvironmentVariable("SHELL", QStringLiteral("/bin/sh"));
    QProcess login;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("STRATA_EXEC_LOOKUP"), command);
    login.setProcessEnvironment(env);
    // A session of its own: an interactive shell started from Strata's
    // terminal must not take that terminal over, and a timeout stops all it started.
    login.setChildProcessModifier([] { ::setsid(); });
    login.start(shell,
        { QStringLiteral("-ilc"),
            QStringLiteral(
                "printf '\\n@strata-path@%s@strata-path@\\n' \"$(command -v -- \"$STRATA_EXEC_LOOKUP\")\"") });
    login.closeWriteChannel(); // a startup file that reads the terminal gets end of file
    if (login.waitForFinished(10000) && login.exitCode() == 0) {
        const QString out = QString::fromUtf8(login.readAllStandardOutput());
        const QLatin1String marker("@strata-path@");
        const qsizetype start = out.lastIndexOf(QLatin1String("\n") + marker);
        const qsizetype end = start < 0 ? -1 : out.indexOf(marker, start + 1 + marker.size());
        if (end > 0) {
            const QString found = out.mid(start + 1 + marker.size(), end - start - 1 - marker.size());
            if (found.startsWith(QLatin1Char('/')) && QFileInfo(found).isExecutable())
                return found;
        }
    } else if (login.state() != QProcess::NotRunning) {
        if (login.processId() > 0)
            ::kill(-pid_t(login.processId()), SIGKILL);
        login.kill();
        login.waitForFinished(1000);
    }
    return {};
}

} // namespace

QString commandLine(const KubeExecConfig &exec)
{
    // The environment it adds is part of what runs (LD_PRELOAD would be): shown, and approved with it.
    QStringList words;
    for (const auto &[name, value] : exec.env)
        words.append(name + QLatin1Char('=') + value);
    words.append(exec.command);
    words += exec.args;
    for (QString &w : words) {
        if (w.contains(QLatin1Char(' ')) || w.isEmpty())
            w = QLatin1Char('\'') + w + QLatin1Char('\'');
    }
    return words.join(QLatin1Char(' '));
}

ExecCredential run(
    const KubeExecConfig &exec, const KubeCluster &cluster, int timeoutMs, const std::function<bool()> &cancelled)
{
    ExecCredential out;
    if (!supportedVersion(exec.apiVersion)) {
        out.error = QStringLiteral("exec plugin apiVersion '%1' is not supported (client.authentication.k8s.io/v1 "
                                   "or v1beta1)")
                        .arg(exec.apiVersion);
        return out;
    }
    // interactiveMode as client-go reads it: required in v1, IfAvailable in
    // v1beta1. Strata gives a plugin no terminal (stdin is closed), so one
    // that must have one is refused before it runs, as kubectl refuses it
    // without a terminal.
    const QString mode = exec.interactiveMode.isEmpty() && exec.apiVersion.endsWith(QLatin1String("/v1beta1"))
        ? QStringLiteral("IfAvailable")
        : exec.interactiveMode;
    if (mode.isEmpty()) {
        out.error = QStringLiteral("exec plugin '%1' has no interactiveMode, which client.authentication.k8s.io/v1 "
                                   "requires (kubectl refuses it too): set Never or IfAvailable")
                        .arg(exec.command);
        return out;
    }
    if (mode == QLatin1String("Always")) {
        out.error = QStringLiteral("exec plugin '%1' has interactiveMode Always: it needs a terminal, and Strata "
                                   "gives plugins none; not run")
                        .arg(exec.command);
        return out;
    }
    if (mode != QLatin1String("Never") && mode != QLatin1String("IfAvailable")) {
        out.error = QStringLiteral("exec plugin '%1' has interactiveMode '%2' (Never, IfAvailable or Always)")
                        .arg(exec.command, mode);
        return out;
    }
    const QString path = program(exec.command);
    if (path.isEmpty()) {
        out.error = QStringLiteral("exec plugin '%1' was not found").arg(exec.command)
            + (exec.installHint.isEmpty() ? QString() : QStringLiteral(": ") + exec.installHint);
        return out;
    }
    QJsonObject spec { { QStringLiteral("interactive"), false } };
    if (exec.provideClusterInfo) {
        QJsonObject c { { QStringLiteral("server"), cluster.server } };
        if (!cluster.tlsServerName.isEmpty())
            c[QStringLiteral("tls-server-name")] = cluster.tlsServerName;
        if (cluster.insecureSkipTlsVerify)
            c[QStringLiteral("insecure-skip-tls-verify")] = true;
        // A CA file is handed over as its data, as client-go does.
        QByteArray ca = cluster.certificateAuthorityData;
        if (ca.isEmpty() && !cluster.certificateAuthority.isEmpty()) {
            const FileContents f = readRegularFile(cluster.certificateAuthority, maxCaFileBytes);
            if (!f.ok()) {
                out.error
                    = QStringLiteral("exec plugin '%1' is to be given cluster '%2''s certificate-authority %3: %4")
                          .arg(exec.command, cluster.name, cluster.certificateAuthority, f.error);
                return out;
            }
            ca = f.bytes;
        }
        if (!ca.isEmpty())
            c[QStringLiteral("certificate-authority-data")] = QString::fromLatin1(ca.toBase64());
        if (!cluster.proxyUrl.isEmpty())
            c[QStringLiteral("proxy-url")] = cluster.proxyUrl;
        spec[QStringLiteral("cluster")] = c;
    }
    const QJsonObject info { { QStringLiteral("apiVersion"), exec.apiVersion },
        { QStringLiteral("kind"), QStringLiteral("ExecCredential") }, { QStringLiteral("spec"), spec } };
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const auto &[name, value] : exec.env)
        env.insert(name, value);
    env.insert(
        QStringLiteral("KUBERNETES_EXEC_INFO"), QString::fromUtf8(QJsonDocument(info).toJson(QJsonDocument::Compact)));
    if (cancelled && cancelled()) {
        out.error = QStringLiteral("exec plugin '%1' not run: the read was cancelled").arg(exec.command);
        return out;
    }
    QProcess p;
    p.setProcessEnvironment(env);
    // Its own process group, so a cancel also stops what a wrapper script started.
    p.setChildProcessModifier([] { ::setpgid(0, 0); });
    p.start(path, exec.args);
    p.closeWriteChannel(); // never interactive here
    // Waited in slices, so a cancel (Esc) stops a plugin that waits on a
    // browser login or a hung network at once, not after the timeout.
    QElapsedTimer waited;
    waited.start();
    while (!p.waitForFinished(100)) {
        if (p.state() == QProcess::NotRunning) {
            out.error = QStringLiteral("exec plugin '%1' could not be started: %2").arg(exec.command, p.errorString());
            return out;
        }
        const bool stop = cancelled && cancelled();
        if (stop || waited.elapsed() >= timeoutMs) {
            if (p.processId() > 0)
                ::kill(-pid_t(p.processId()), SIGKILL);
            p.kill();
            p.waitForFinished(1000);
            out.error = stop
                ? QStringLiteral("exec plugin '%1' stopped: the read was cancelled").arg(exec.command)
                : QStringLiteral("exec plugin '%1' did not finish within %2 s").arg(exec.command).arg(timeoutMs / 1000);
            return out;
        }
    }
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        // Its stderr says why (it is the plugin's message to the user, not its credential).
        out.error = QStringLiteral("exec plugin '%1' failed (exit %2): %3")
                        .arg(exec.command)
                        .arg(p.exitCode())
                        .arg(QString::fromUtf8(p.readAllStandardError()).trimmed().left(500));
        return out;
    }
    const QJsonObject doc = QJsonDocument::fromJson(p.readAllStandardOutput()).object();
    if (doc.value(QStringLiteral("apiVersion")).toString() != exec.apiVersion) {
        out.error = QStringLiteral("exec plugin '%1' answered with apiVersion '%2', not '%3'")
                        .arg(exec.command, doc.value(QStringLiteral("apiVersion")).toString(), exec.apiVersion);
        return out;
    }
    const QJsonObject status = doc.value(QStringLiteral("status")).toObject();
    if (status.isEmpty()) {
        out.error = QStringLiteral("exec plugin '%1' printed no ExecCredential status").arg(exec.command);
        return out;
    }
    out.token = status.value(QStringLiteral("token")).toString();
    out.clientCertificateData = status.value(QStringLiteral("clientCertificateData")).toString().toUtf8();
    out.clientKeyData = status.value(QStringLiteral("clientKeyData")).toString().toUtf8();
    const QString expiry = status.value(QStringLiteral("expirationTimestamp")).toString();
    if (!expiry.isEmpty())
        out.expires = QDateTime::fromString(expiry, Qt::ISODate);
    if (out.clientCertificateData.isEmpty() != out.clientKeyData.isEmpty())
        out.error = QStringLiteral("exec plugin '%1' gave a client certificate without its key, or a key without "
                                   "its certificate")
                        .arg(exec.command);
    else if (out.token.isEmpty() && out.clientCertificateData.isEmpty())
        out.error = QStringLiteral("exec plugin '%1' gave neither a token nor a client certificate").arg(exec.command);
    return out;
}

} // namespace strata::ExecCredentials
