#include "KubeClient.h"

#include "core/BuildInfo.h"
#include "core/NetworkFailure.h"
#include "core/RegularFile.h"
#include "kube/KubeProxy.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QThread>
#include <QTimer>
#include <QUrl>

#include <QHash>
#include <QMutex>
#include <QWaitCondition>

#include <algorithm>
#include <memory>

namespace strata {

namespace {

// A token file is a few hundred bytes; anything larger is not one.
constexpr qint64 maxTokenFileBytes = 1024 * 1024;

std::optional<QSslKey> keyFrom(const QByteArray &pem)
{
    for (QSsl::KeyAlgorithm algorithm : { QSsl::Rsa, QSsl::Ec }) {
        QSslKey key(pem, algorithm);
        if (!key.isNull())
            return key;
    }
    return std::nullopt;
}

QByteArray fileOrData(const QString &file, const QByteArray &data, QString *error, const QString &what)
{
    if (!data.isEmpty())
        return data;
    if (file.isEmpty())
        return {};
    const FileContents f = readRegularFile(file, maxTokenFileBytes);
    if (!f.ok())
        *error = QStringLiteral("%1 %2: %3").arg(what, file, f.error);
    return f.bytes;
}

// Exec plugins' credentials, kept in memory for the process as kubectl keeps
// them for its run: a re-read (F5, a role given, the case opened again) does
// not run the plugin — perhaps a browser login — while its credential is
// good. One entry per kubeconfig file, user and exec configuration (and
// server, when the plugin is told it). A plugin runs for one caller at a
// time with the entry unlocked: the others wait, each hearing its own
// cancel, and a run one caller cancelled decides nothing for the rest.
struct ExecCacheEntry
{
    QMutex mutex;
    QWaitCondition finished;
    bool running = false;
    std::optional<ExecCredential> credential;
    QDateTime obtained; // when `credential` was handed back
};

// A credential without an expirationTimestamp is used until a 401 — or for
// at most this long: a long-lived window should see `aws sso login` or
// `gcloud config set account` to another identity, as the next kubectl would.
constexpr qint64 maxAgeWithoutExpirySeconds = 300;

std::shared_ptr<ExecCacheEntry> execCacheEntry(const QString &key)
{
    // Never destroyed: a reader thread may still ask while the process exits.
    static auto *const mutex = new QMutex;
    static auto *const entries = new QHash<QString, std::shared_ptr<ExecCacheEntry>>;
    QMutexLocker lock(mutex);
    std::shared_ptr<ExecCacheEntry> &entry = (*entries)[key];
    if (!entry)
        entry = std::make_shared<ExecCacheEntry>();
    return entry;
}

KubeResponse::Failure failureOf(NetworkFailure::Kind kind)
{
    switch (kind) {
    case NetworkFailure::Kind::Dns:
        return KubeResponse::Failure::Dns;
    case NetworkFailure::Kind::Refused:
        return KubeResponse::Failure::Refused;
    case NetworkFailure::Kind::Timeout:
        return KubeResponse::Failure::Timeout;
    case NetworkFailure::Kind::Tls:
        return KubeResponse::Failure::Tls;
    case NetworkFailure::Kind::Other:
        break;
    }
    return KubeResponse::Failure::Network;
}

} // namespace

QString KubeResponse::statusMessage() const
{
    const QJsonObject o = QJsonDocument::fromJson(body).object();
    return o.value(QStringLiteral("kind")).toString() == QLatin1String("Status")
        ? o.value(QStringLiteral("message")).toString()
        : QString();
}

KubeClient::KubeClient(const Kubeconfig &config, const QString &contextName)
    : m_context(contextName)
{
    const KubeContext *context = config.context(contextName);
    if (!context) {
        m_configError = QStringLiteral("no context '%1' in the kubeconfig").arg(contextName);
        return;
    }
    const KubeCluster *cluster = config.cluster(context->cluster);
    const KubeUser *user = config.user(context->user);
    if (!cluster) {
        m_configError = QStringLiteral("context '%1' names cluster '%2', which no kubeconfig defines")
                            .arg(contextName, context->cluster);
        return;
    }
    m_cluster = *cluster;
    m_server = cluster->server;
    if (m_server.isEmpty())
        m_configError = QStringLiteral("cluster '%1' has no server").arg(cluster->name);
    if (user)
        m_user = *user;
    else if (!context->user.isEmpty())
        m_configError = QStringLiteral("context '%1' names user '%2', which no kubeconfig defines")
                            .arg(contextName, context->user);
    // kubectl refuses the two together rather than choose one: so does Strata.
    if (m_cluster.insecureSkipTlsVerify
        && (!m_cluster.certificateAuthority.isEmpty() || !m_cluster.certificateAuthorityData.isEmpty()))
        m_configError = QStringLiteral("cluster '%1' sets insecure-skip-tls-verify and a certificate-authority; "
                                       "kubectl refuses that too (choose one)")
                            .arg(cluster->name);
    if (m_cluster.insecureSkipTlsVerify)
        m_warning = QStringLiteral("insecure-skip-tls-verify is set for cluster '%1': its certificate is not checked")
                        .arg(cluster->name);
    if (m_user.exec) {
        // Structured, so that no two configurations share a key.
        const KubeExecConfig &x = *m_user.exec;
        QJsonArray env;
        for (const auto &[name, value] : x.env)
            env.append(QJsonArray { name, value });
        m_execKey = QString::fromUtf8(QJsonDocument(
            QJsonArray { m_user.location.file, m_user.name, x.apiVersion, x.command, QJsonArray::fromStringList(x.args),
                env, x.interactiveMode, x.provideClusterInfo ? m_server : QString() })
                                          .toJson(QJsonDocument::Compact));
    }
    m_proxy = KubeProxy::choose(m_cluster.proxyUrl, QUrl(m_server), QProcessEnvironment::systemEnvironment());
    if (!m_proxy.error.isEmpty() && m_configError.isEmpty())
        m_configError = QStringLiteral("cluster '%1': %2").arg(cluster->name, m_proxy.error);
    if (!m_user.authProvider.isEmpty())
        m_configError = QStringLiteral("user '%1' uses auth-provider '%2', which is not supported; use an exec plugin")
                            .arg(m_user.name, m_user.authProvider);
}

QString KubeClient::execCommandLine() const
{
    return m_user.exec ? ExecCredentials::commandLine(*m_user.exec) : QString();
}

KubeResponse KubeClient::get(const QString &path, int timeoutMs) const
{
    KubeRequest how;
    how.timeoutMs = timeoutMs;
    return get(path, how);
}

void KubeClient::setRetryPolicy(int retries, int firstDelayMs, int maxDelayMs)
{
    m_retries = std::max(0, retries);
    m_firstDelayMs = std::max(0, firstDelayMs);
    m_maxDelayMs = std::max(m_firstDelayMs, maxDelayMs);
}

KubeResponse KubeClient::get(const QString &path, const KubeRequest &how) const
{
    const auto cancelled = [&how] { return how.cancelled && how.cancelled(); };
    int delay = m_firstDelayMs;
    for (int attemptNumber = 1;; ++attemptNumber) {
        KubeResponse r = attempt(path, how);
        r.attempts = attemptNumber;
        const bool retryable = r.failure == KubeResponse::Failure::None
            && (r.status == 429 || r.status == 500 || r.status == 502 || r.status == 503 || r.status == 504);
        if (!retryable || attemptNumber > m_retries || cancelled())
            return r;
        const qint64 asked = r.retryAfterSeconds >= 0 ? qint64(r.retryAfterSeconds) * 1000 : delay;
        const int wait = int(std::min<qint64>(asked, m_maxDelayMs));
        delay = std::min(delay * 2, m_maxDelayMs);
        // Waited in slices so that a cancel is heard at once.
        QElapsedTimer waited;
        waited.start();
        while (waited.elapsed() < wait) {
            if (cancelled())
                return r;
            QThread::msleep(static_cast<unsigned long>(std::min<qint64>(50, wait - waited.elapsed())));
        }
    }
}

KubeResponse KubeClient::attempt(const QString &path, const KubeRequest &how) const
{
    if (!m_user.exec || !m_configError.isEmpty())
        return request(path, how, std::nullopt);
    if (!m_execApproved) {
        KubeResponse r;
        r.failure = KubeResponse::Failure::Configuration;
        r.error = QStringLiteral("user '%1' authenticates with the exec plugin `%2`, which runs only once approved "
                                 "(in the window, or `--allow-exec`)")
                      .arg(m_user.name, execCommandLine());
        return r;
    }
    // The plugin runs once for every thread and client reading as this user;
    // a thread keeps its own copy of the credential for its request.
    const std::shared_ptr<ExecCacheEntry> cache = execCacheEntry(m_execKey);
    const auto credential = [&](bool refresh, const std::optional<ExecCredential> &rejected) {
        QMutexLocker lock(&cache->mutex);
        while (cache->running) {
            if (how.cancelled && how.cancelled()) {
                ExecCredential c;
                c.error = QStringLiteral("exec plugin '%1' not run: the read was cancelled").arg(m_user.exec->command);
                return c;
            }
            cache->finished.wait(&cache->mutex, 100);
        }
        const std::optional<ExecCredential> &kept = cache->credential;
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const bool replaced = rejected && kept && kept->token != rejected->token;
        const bool stale = kept && !kept->expires.isValid() && cache->obtained.secsTo(now) > maxAgeWithoutExpirySeconds;
        if (kept && kept->ok() && !kept->expired(now) && !stale && !(refresh && !replaced))
            return *kept;
        cache->running = true;
        lock.unlock();
        ExecCredential fresh = ExecCredentials::run(*m_user.exec, m_cluster, 60000, how.cancelled);
        lock.relock();
        cache->running = false;
        cache->finished.wakeAll();
        // A run this caller cancelled is its own answer, not the entry's.
        if (!(how.cancelled && how.cancelled())) {
            cache->credential = fresh;
            cache->obtained = QDateTime::currentDateTimeUtc();
        }
        return fresh;
    };
    const ExecCredential first = credential(false, std::nullopt);
    const auto failed = [](const ExecCredential &c) {
        KubeResponse r;
        r.failure = KubeResponse::Failure::Configuration;
        r.error = c.error;
        return r;
    };
    if (!first.ok())
        return failed(first);
    KubeResponse r = request(path, how, first);
    // A credential without an expiry is good until the server says no: ask the plugin once more.
    if (r.status == 401) {
        const ExecCredential again = credential(true, first);
        if (again.ok())
            r = request(path, how, again);
    }
    return r;
}

KubeResponse KubeClient::request(
    const QString &path, const KubeRequest &how, const std::optional<ExecCredential> &credential) const
{
    const int timeoutMs = how.timeoutMs;
    KubeResponse r;
    const auto fail = [&r](KubeResponse::Failure failure, const QString &message) {
        r.failure = failure;
        r.error = message;
        return r;
    };
    if (!m_configError.isEmpty())
        return fail(KubeResponse::Failure::Configuration, m_configError);

    QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
    QString problem;
    const QByteArray ca = fileOrData(m_cluster.certificateAuthority, m_cluster.certificateAuthorityData, &problem,
        QStringLiteral("certificate-authority"));
    if (!ca.isEmpty()) {
        const QList<QSslCertificate> cas = QSslCertificate::fromData(ca, QSsl::Pem);
        if (cas.isEmpty())
            problem = QStringLiteral("the certificate authority of cluster '%1' is not a PEM certificate")
                          .arg(m_cluster.name);
        ssl.setCaCertificates(cas); // the cluster's CA only, as kubectl trusts it
    }
    if (m_cluster.insecureSkipTlsVerify)
        ssl.setPeerVerifyMode(QSslSocket::VerifyNone);
    const QByteArray cert = credential && !credential->clientCertificateData.isEmpty()
        ? credential->clientCertificateData
        : fileOrData(
            m_user.clientCertificate, m_user.clientCertificateData, &problem, QStringLiteral("client-certificate"));
    const QByteArray keyPem = credential && !credential->clientKeyData.isEmpty()
        ? credential->clientKeyData
        : fileOrData(m_user.clientKey, m_user.clientKeyData, &problem, QStringLiteral("client-key"));
    if (!cert.isEmpty() || !keyPem.isEmpty()) {
        const QList<QSslCertificate> chain = QSslCertificate::fromData(cert, QSsl::Pem);
        const std::optional<QSslKey> key = keyFrom(keyPem);
        if (chain.isEmpty() || !key)
            problem
                = QStringLiteral("user '%1': the client certificate or key is not PEM (RSA or EC)").arg(m_user.name);
        else {
            ssl.setLocalCertificateChain(chain);
            ssl.setPrivateKey(*key);
        }
    }
    QByteArray authorization;
    if (credential && !credential->token.isEmpty()) {
        authorization = "Bearer " + credential->token.toUtf8();
    } else if (!m_user.tokenFile.isEmpty()) { // re-read each time: it is rotated under us
        const QByteArray token = fileOrData(m_user.tokenFile, {}, &problem, QStringLiteral("tokenFile")).trimmed();
        // A token is one line of visible ASCII. Anything else (a key, a
        // document) is not sent: a kubeconfig that came with a case could
        // otherwise send any local file to the server it names.
        const bool tokenLike = std::all_of(token.cbegin(), token.cend(), [](char c) { return c > 0x20 && c < 0x7f; });
        if (!tokenLike)
            problem = QStringLiteral("tokenFile %1 does not hold a token (one line of visible ASCII); not sent")
                          .arg(m_user.tokenFile);
        else if (!token.isEmpty())
            authorization = "Bearer " + token;
    } else if (!m_user.token.isEmpty()) {
        authorization = "Bearer " + m_user.token.toUtf8();
    } else if (!m_user.username.isEmpty()) {
        authorization = "Basic " + (m_user.username + QLatin1Char(':') + m_user.password).toUtf8().toBase64();
    }
    if (!problem.isEmpty())
        return fail(KubeResponse::Failure::Configuration, problem);

    std::optional<QNetworkAccessManager> own;
    QNetworkAccessManager &network = how.network ? *how.network : own.emplace();
    network.setProxy(m_proxy.proxy); // set every time: the manager may have served another context
    QNetworkRequest request(QUrl(m_server + path));
    request.setSslConfiguration(ssl);
    if (!m_cluster.tlsServerName.isEmpty())
        request.setPeerVerifyName(m_cluster.tlsServerName);
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    // Never follow a redirect: Qt would send the Authorization header (and
    // the client certificate) on to wherever it points. kubectl drops them
    // on a cross-host redirect; an API server has no reason to redirect.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setRawHeader("Accept", how.accept);
    request.setRawHeader("User-Agent", "strata/" + BuildInfo::version().toUtf8());
    if (!authorization.isEmpty())
        request.setRawHeader("Authorization", authorization);
    request.setTransferTimeout(timeoutMs);

    QElapsedTimer elapsed;
    elapsed.start();
    QNetworkReply *reply = network.get(request);
    QList<QSslError> sslErrors;
    QObject::connect(
        reply, &QNetworkReply::sslErrors, reply, [&sslErrors](const QList<QSslError> &e) { sslErrors = e; });
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    // A cancel (Esc in the window) is heard within a tenth of a second, not after the timeout.
    QTimer poll;
    bool cancelled = false;
    if (how.cancelled) {
        QObject::connect(&poll, &QTimer::timeout, reply, [&] {
            if (how.cancelled()) {
                cancelled = true;
                reply->abort();
            }
        });
        poll.start(100);
    }
    if (!reply->isFinished())
        loop.exec();
    poll.stop();
    r.latencyMs = elapsed.elapsed();
    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (status.isValid()) {
        r.status = status.toInt();
        r.body = reply->readAll();
        bool seconds = false;
        const int retryAfter = reply->rawHeader("Retry-After").trimmed().toInt(&seconds);
        if (seconds && retryAfter >= 0)
            r.retryAfterSeconds = retryAfter;
        const QString location = QString::fromUtf8(reply->rawHeader("Location"));
        if (r.status >= 300 && r.status < 400)
            r.error = QStringLiteral("%1 %2 from %3: a redirect to %4, not followed (credentials are sent to the "
                                     "server the kubeconfig names, nowhere else)")
                          .arg(r.status)
                          .arg(reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString(), m_server,
                              location.isEmpty() ? QStringLiteral("(no location)") : location);
        else if (!r.ok())
            r.error = QStringLiteral("%1 %2 from %3%4")
                          .arg(r.status)
                          .arg(reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString(), m_server,
                              r.statusMessage().isEmpty() ? QString() : QStringLiteral(": ") + r.statusMessage());
    } else if (cancelled && reply->error() == QNetworkReply::OperationCanceledError) {
        fail(KubeResponse::Failure::Network, QStringLiteral("%1: cancelled").arg(m_server));
    } else {
        const NetworkFailure why = NetworkFailure::of(*reply, m_server, timeoutMs, sslErrors);
        fail(failureOf(why.kind),
            m_proxy.description.isEmpty()
                ? why.message
                : QStringLiteral("%1 (through the proxy %2)").arg(why.message, m_proxy.description));
    }
    delete reply;
    return r;
}

} // namespace strata
