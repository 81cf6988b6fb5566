#include "KubeCapture.h"

#include "core/JobRunner.h"
#include "diff/SecretFingerprint.h"
#include "kube/ExecApprovals.h"
#include "kube/KubeClient.h"
#include "kube/KubeDiscovery.h"
#include "live/CaptureFolder.h"
#include "live/KubeContexts.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QMutexLocker>
#include <QNetworkAccessManager>

#include <atomic>
#include <thread>
#include <vector>

namespace strata::KubeCapture {

namespace {

using RoleContext = KubernetesSource::RoleContext;

QList<RoleContext> roleContexts(const CaseFile &caseFile)
{
    return caseFile.kubernetesSource ? caseFile.kubernetesSource->roleContexts() : QList<RoleContext>();
}

// Reads one context: /version, then every resource through discovery.
CapturedContext readContext(const Kubeconfig &config, const RoleContext &rc, const QList<ResourceId> &resources,
    const CaseFile &caseFile, const KubeCaptureOptions &options, const QString &folder, const JobContext *job,
    std::atomic_int &done, int total)
{
    CapturedContext out;
    out.role = rc.role;
    out.context = rc.context;
    const auto cancelled = [job] { return job && job->isCancelled(); };
    if (const KubeContext *c = config.context(rc.context)) {
        out.cluster = c->cluster;
        out.user = c->user;
        if (const KubeUser *u = config.user(c->user))
            out.authKind = u->authKind();
    }
    KubeClient client(config, rc.context);
    out.server = client.server();
    out.warning = client.warning();
    client.setRetryPolicy(3, options.retryFirstDelayMs);
    if (!client.configurationError().isEmpty()) {
        out.error = client.configurationError();
        for (const Diagnostic &d : config.diagnostics) // why a context may be missing: a kubeconfig that did not load
            if (d.severity == Diagnostic::Severity::Error)
                out.error += QStringLiteral("; ") + d.toString();
        return out;
    }
    if (const QString command = client.execCommandLine(); !command.isEmpty()) {
        const KubeUser *user = config.user(out.user);
        const QString kubeconfig = user ? user->location.file : QString();
        const bool approved = options.allowExec
            || (options.approved ? options.approved(kubeconfig, command)
                                 : ExecApprovals::isApproved(kubeconfig, command));
        client.setExecApproved(approved);
    }
    const int timeoutMs = caseFile.kubernetesSource ? caseFile.kubernetesSource->timeoutMs : 10000;

    // /version first: whether the server answers at all, and as Kubernetes.
    {
        KubeRequest how;
        how.timeoutMs = timeoutMs;
        how.cancelled = cancelled;
        const KubeResponse v = client.get(QStringLiteral("/version"), how);
        out.versionLatencyMs = v.latencyMs;
        if (v.failure != KubeResponse::Failure::None) {
            out.error = v.error;
            return out;
        }
        // An answer that is not a Kubernetes Status (a web server's 404, a
        // load balancer's 503 page) is not the API server. A Status (401,
        // 403, a 5xx after retries) is: the objects are still asked for.
        if (v.status >= 300 && v.status < 400) {
            out.error = v.error; // a redirect, said as one (never followed)
            return out;
        }
        if (!v.ok() && v.statusMessage().isEmpty()) {
            out.error = QStringLiteral("%1 is not a Kubernetes API server, or not one that is up: /version answered "
                                       "%2 without a Kubernetes Status")
                            .arg(out.server)
                            .arg(v.status);
            return out;
        }
        const QJsonObject version = QJsonDocument::fromJson(v.body).object();
        if (v.ok() && !version.contains(QStringLiteral("gitVersion"))) {
            out.error = QStringLiteral("%1 is not a Kubernetes API server: /version answered without a gitVersion")
                            .arg(out.server);
            return out;
        }
        out.serverVersion = version.value(QStringLiteral("gitVersion")).toString();
        out.reachable = true;
    }

    KubeDiscovery discovery([&](const QString &path, const QByteArray &accept) {
        KubeRequest how;
        how.timeoutMs = timeoutMs;
        how.accept = accept;
        how.cancelled = cancelled;
        return client.get(path, how);
    });
    out.objects.resize(resources.size());
    const QString roleFolder = folder + QLatin1Char('/') + evidenceRoleName(rc.role);
    QDir().mkpath(roleFolder);
    QMutex errorMutex;
    QString contextError; // a failure that is the context's, not one object's
    std::atomic<qsizetype> next { 0 };
    const auto work = [&] {
        QNetworkAccessManager network; // this thread's: its connection stays open between reads
        for (qsizetype i = next++; i < resources.size(); i = next++) {
            if (cancelled())
                return;
            const ResourceId &id = resources.at(i);
            CapturedObject &o = out.objects[i];
            o.resource = id.toString();
            QString error;
            if (id.name == QLatin1String(".") || id.name == QLatin1String("..") || id.ns == QLatin1String(".")
                || id.ns == QLatin1String("..")) {
                o.error = QStringLiteral("'%1' is not an object name Kubernetes allows; not read").arg(o.resource);
                continue;
            }
            const auto type = discovery.resolve(id.kind, &error);
            if (!type) {
                o.error = error;
                if (error.startsWith(QLatin1String("discovery"))) {
                    QMutexLocker lock(&errorMutex);
                    contextError = error;
                }
                continue;
            }
            o.kind = type->kind;
            o.path = type->objectPath(id.ns, id.name);
            KubeRequest how;
            how.timeoutMs = timeoutMs;
            how.network = &network;
            how.cancelled = cancelled;
            const KubeResponse r = client.get(o.path, how);
            o.status = r.status;
            o.latencyMs = r.latencyMs;
            o.attempts = r.attempts;
            if (r.ok()) {
                const CapturedBody body = capturedBody(r.body, type->kind, id.name);
                if (!body.error.isEmpty()) {
                    o.error = QStringLiteral("%1 %2: %3").arg(out.server, o.path, body.error);
                } else {
                    // Numbered: two resources never share a file, however their names read.
                    o.file = evidenceRoleName(rc.role) + QLatin1Char('/')
                        + QString::number(i + 1).rightJustified(4, QLatin1Char('0')) + QLatin1Char('-')
                        + CaptureFolder::safeFileName(
                            QStringLiteral("%1.%2.%3")
                                .arg(id.kind, id.ns.isEmpty() ? QStringLiteral("_") : id.ns, id.name))
                        + QStringLiteral(".json");
                    if (const QString e = CaptureFolder::writeFile(folder + QLatin1Char('/') + o.file, body.bytes);
                        !e.isEmpty()) {
                        o.error = QStringLiteral("the capture could not be written: ") + e;
                        o.file.clear();
                    }
                }
            } else if (r.status != 404) {
                o.error = r.error;
                if (r.failure != KubeResponse::Failure::None || r.status == 401) {
                    QMutexLocker lock(&errorMutex);
                    contextError = r.error;
                }
            }
            if (job)
                job->reportProgress(++done, total);
        }
    };
    std::vector<std::thread> readers;
    const qsizetype threads = std::min<qsizetype>(std::max(1, options.readersPerContext), resources.size());
    for (qsizetype t = 1; t < threads; ++t)
        readers.emplace_back(work);
    work();
    for (std::thread &t : readers)
        t.join();
    if (cancelled() && contextError.isEmpty())
        contextError = QStringLiteral("cancelled before every object was read");
    out.error = contextError;
    return out;
}

} // namespace

namespace {

// Every string in `v` holding a PEM private key, replaced by its
// fingerprint (any kind of object: a key pasted into a ConfigMap is a key).
bool fingerprintPrivateKeys(QJsonValue &v)
{
    bool changed = false;
    if (v.isString()) {
        if (SecretFingerprint::containsPrivateKey(QStringView(v.toString()))) {
            v = SecretFingerprint::of(v.toString().toUtf8());
            changed = true;
        }
    } else if (v.isObject()) {
        QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it) {
            QJsonValue inner = it.value();
            if (fingerprintPrivateKeys(inner)) {
                it.value() = inner;
                changed = true;
            }
        }
        if (changed)
            v = o;
    } else if (v.isArray()) {
        QJsonArray a = v.toArray();
        for (qsizetype i = 0; i < a.size(); ++i) {
            QJsonValue inner = a.at(i);
            if (fingerprintPrivateKeys(inner)) {
                a.replace(i, inner);
                changed = true;
            }
        }
        if (changed)
            v = a;
    }
    return changed;
}

void fingerprintSecret(QJsonObject &o)
{
    const auto fingerprintValues = [&o](const QString &key, bool base64) {
        if (!o.contains(key))
            return;
        QJsonObject map = o.value(key).toObject();
        for (auto it = map.begin(); it != map.end(); ++it) {
            QByteArray bytes = it.value().toString().toUtf8();
            if (base64) {
                if (auto decoded = QByteArray::fromBase64Encoding(bytes, QByteArray::AbortOnBase64DecodingErrors))
                    bytes = *decoded;
            }
            it.value() = SecretFingerprint::of(bytes);
        }
        o.insert(key, map);
    };
    fingerprintValues(QStringLiteral("data"), true);
    fingerprintValues(QStringLiteral("stringData"), false);
    QJsonObject metadata = o.value(QStringLiteral("metadata")).toObject();
    QJsonObject annotations = metadata.value(QStringLiteral("annotations")).toObject();
    const QString applied = QStringLiteral("kubectl.kubernetes.io/last-applied-configuration");
    if (annotations.contains(applied)) {
        annotations.insert(applied, SecretFingerprint::of(annotations.value(applied).toString().toUtf8()));
        metadata.insert(QStringLiteral("annotations"), annotations);
        o.insert(QStringLiteral("metadata"), metadata);
    }
}

} // namespace

CapturedBody capturedBody(const QByteArray &objectJson, const QString &kind, const QString &name)
{
    CapturedBody out;
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(objectJson, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject()) {
        out.error = QStringLiteral("the answer is not a Kubernetes object (not a JSON object)");
        return out;
    }
    QJsonObject o = doc.object();
    // Only the object asked for is written: a proxy that turned the GET into
    // a LIST, or a server answering for something else, is said, not kept.
    const QString gotKind = o.value(QStringLiteral("kind")).toString();
    const QString gotName = o.value(QStringLiteral("metadata")).toObject().value(QStringLiteral("name")).toString();
    if (gotKind.compare(kind, Qt::CaseInsensitive) != 0 || gotName != name) {
        out.error = QStringLiteral("asked for %1 \"%2\", the server answered with %3 \"%4\"; not kept")
                        .arg(kind, name, gotKind.isEmpty() ? QStringLiteral("no kind") : gotKind, gotName);
        return out;
    }
    const bool secret = gotKind == QLatin1String("Secret");
    QJsonValue whole = o;
    const bool keys
        = SecretFingerprint::containsPrivateKey(QByteArrayView(objectJson)) && fingerprintPrivateKeys(whole);
    if (!secret && !keys) {
        out.bytes = objectJson; // as the server wrote it, byte for byte
        return out;
    }
    o = whole.toObject();
    if (secret)
        fingerprintSecret(o);
    out.bytes = QJsonDocument(o).toJson(QJsonDocument::Indented);
    return out;
}

QList<ExecPluginUse> execPlugins(const CaseFile &caseFile)
{
    QList<ExecPluginUse> out;
    const QList<RoleContext> roles = roleContexts(caseFile);
    if (roles.isEmpty())
        return out;
    const Kubeconfig config = KubeContexts::kubeconfigFor(caseFile);
    for (const RoleContext &rc : roles) {
        const KubeContext *c = config.context(rc.context);
        const KubeUser *u = c ? config.user(c->user) : nullptr;
        if (!u || !u->exec)
            continue;
        const ExecPluginUse use { rc.context, u->location.file, KubeClient(config, rc.context).execCommandLine() };
        bool seen = false;
        for (const ExecPluginUse &e : std::as_const(out))
            seen = seen || (e.kubeconfig == use.kubeconfig && e.commandLine == use.commandLine);
        if (!seen)
            out.append(use);
    }
    return out;
}

CaptureManifest capture(const CaseFile &caseFile, const QList<ResourceId> &resources, const KubeCaptureOptions &options,
    const JobContext *job)
{
    CaptureManifest manifest;
    manifest.time = QDateTime::currentDateTimeUtc();
    manifest.fingerprintCheck = CaptureManifest::fingerprintCheckText();
    const QList<RoleContext> roles = roleContexts(caseFile);
    QString error;
    manifest.folder = CaptureFolder::create(caseFile.capturesFolder(), manifest.time, &error);
    const Kubeconfig config = KubeContexts::kubeconfigFor(caseFile);
    manifest.contexts.resize(roles.size());
    if (!error.isEmpty()) {
        for (qsizetype i = 0; i < roles.size(); ++i) {
            manifest.contexts[i].role = roles.at(i).role;
            manifest.contexts[i].context = roles.at(i).context;
            manifest.contexts[i].error = error;
        }
        return manifest;
    }
    // The contexts at the same time: a replica's answer is compared with
    // live's as read at the same moment.
    std::atomic_int done { 0 };
    const int total = int(roles.size() * resources.size());
    std::vector<std::thread> threads;
    for (qsizetype i = 1; i < roles.size(); ++i)
        threads.emplace_back([&, i] {
            manifest.contexts[i]
                = readContext(config, roles.at(i), resources, caseFile, options, manifest.folder, job, done, total);
        });
    if (!roles.isEmpty())
        manifest.contexts[0]
            = readContext(config, roles.at(0), resources, caseFile, options, manifest.folder, job, done, total);
    for (std::thread &t : threads)
        t.join();
    if (job && job->isCancelled()) {
        // Never the source of a later offline analysis: what was read is thrown away.
        QDir(manifest.folder).removeRecursively();
        manifest.cancelled = true;
        return manifest;
    }
    if (const QString e
        = CaptureFolder::writeFile(manifest.folder + QStringLiteral("/manifest.json"), manifest.toJson());
        !e.isEmpty()) {
        for (CapturedContext &c : manifest.contexts)
            c.error = QStringLiteral("the capture's manifest could not be written: ") + e;
    }
    return manifest;
}

} // namespace strata::KubeCapture
