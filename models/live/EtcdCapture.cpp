#include "EtcdCapture.h"

#include "core/ControlCharacters.h"
#include "core/JobRunner.h"
#include "etcd/EtcdGateway.h"
#include "live/CaptureFolder.h"
#include "live/EtcdConnection.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <thread>
#include <vector>

namespace strata::EtcdCapture {

namespace {

// What one endpoint answered.
struct EndpointRead
{
    EtcdEndpoint endpoint; // with its auth token once authenticated
    CapturedEndpoint out;
    QJsonObject status; // the gateway's answer, as read
    qint64 revision = -1;
    QByteArray metrics;
};

// The message without the URL in front: the file's line names the endpoint already.
QString withoutUrl(const QString &error, const QString &url)
{
    return error.startsWith(url + QStringLiteral(": ")) ? error.mid(url.size() + 2) : error;
}

void readEndpoint(
    EndpointRead &read, const EtcdConnection &connection, const EtcdCaptureOptions &options, const JobContext *job)
{
    const auto cancelled = [job] { return job && job->isCancelled(); };
    read.out.url = read.endpoint.url;
    if (!connection.user.isEmpty()) { // simple tokens are per member: one per endpoint
        QString error;
        read.endpoint.token = EtcdGateway::authenticate(read.endpoint, connection.user, connection.password, &error);
        if (read.endpoint.token.isEmpty()) {
            read.out.error = error;
            return;
        }
    }
    if (cancelled())
        return;
    const EtcdGatewayResponse r = EtcdGateway::post(read.endpoint, QStringLiteral("/v3/maintenance/status"), "{}");
    read.out.latencyMs = r.latencyMs;
    if (!r.ok()) {
        read.out.error = r.failure(read.endpoint.url);
        return;
    }
    QString error;
    const auto status = EtcdGateway::parseStatus(r.body, read.endpoint.url, &error);
    if (!status) {
        read.out.error = error;
        return;
    }
    read.status = QJsonDocument::fromJson(r.body).object();
    read.out.reachable = true;
    read.out.memberIdHex = status->memberIdHex;
    read.revision = status->revision.value_or(-1);
    if (!options.metrics || cancelled())
        return;
    const EtcdGatewayResponse m = EtcdGateway::get(read.endpoint, QStringLiteral("/metrics"));
    if (m.ok())
        read.metrics = m.body;
    else
        read.out.metricsError = m.error.isEmpty() ? QStringLiteral("HTTP %1").arg(m.status) : m.error;
}

QString safeName(const QString &url)
{
    static const QRegularExpression unsafe(QStringLiteral("[^A-Za-z0-9.-]+"));
    QString s = url.section(QStringLiteral("://"), 1);
    s.replace(unsafe, QStringLiteral("_"));
    return s.left(80);
}

QByteArray compact(const QJsonValue &v)
{
    return v.isArray() ? QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact)
                       : QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact);
}

// The command line a reader would have typed: endpoints and certificate
// paths, never a user or password.
QByteArray commandLine(const QStringList &urls, const QString &command)
{
    return QStringLiteral("$ etcdctl --endpoints=%1 %2\n")
        .arg(escapeControlCharacters(urls.join(QLatin1Char(','))), command)
        .toUtf8();
}

} // namespace

QString capturesRoot(const CaseFile &caseFile)
{
    return caseFile.capturesFolder() + QStringLiteral("/etcd");
}

EtcdCaptureManifest capture(const CaseFile &caseFile, const EtcdCaptureOptions &options, const JobContext *job)
{
    const auto cancelled = [job] { return job && job->isCancelled(); };
    EtcdCaptureManifest manifest;
    manifest.time = QDateTime::currentDateTimeUtc();
    const EtcdConnection connection = EtcdConnections::forCase(caseFile, options.environment);
    manifest.configured = connection.urls();
    manifest.cluster = connection.cluster;
    manifest.user = connection.user;
    QString error;
    manifest.folder = CaptureFolder::create(capturesRoot(caseFile), manifest.time, &error);
    if (!error.isEmpty()) {
        manifest.error = error;
        return manifest; // nowhere to write: the analysis says so
    }
    manifest.error = connection.error;

    QList<EtcdEndpoint> endpoints = connection.endpoints;
    QByteArray memberListBody;
    QList<EtcdMember> members;
    // --cluster: the member list from the first endpoint that gives it names every member's client URLs.
    if (connection.cluster && !endpoints.isEmpty()) {
        const EtcdDiscovery found = EtcdConnections::discover(connection, job);
        // Also when members were found: URLs refused or members without any are still not read.
        manifest.discoveryError = found.error;
        if (!found.endpoints.isEmpty()) {
            endpoints = found.endpoints;
            members = found.members;
            memberListBody = found.memberListBody;
        }
    }

    // Every endpoint at the same moment: a status round is one snapshot of the cluster.
    std::vector<EndpointRead> reads(size_t(endpoints.size()));
    {
        std::vector<std::thread> threads;
        for (size_t i = 0; i < reads.size(); ++i) {
            reads[i].endpoint = endpoints.at(qsizetype(i));
            threads.emplace_back([&, i] { readEndpoint(reads[i], connection, options, job); });
        }
        for (std::thread &t : threads)
            t.join();
    }
    if (cancelled()) {
        QDir(manifest.folder).removeRecursively();
        manifest.cancelled = true;
        return manifest;
    }
    for (EndpointRead &r : reads) {
        r.out.discovered = !connection.urls().contains(r.out.url);
        manifest.endpoints.append(r.out);
    }
    const EndpointRead *first = nullptr;
    qint64 commonRevision = -1;
    for (const EndpointRead &r : reads) {
        if (!r.out.reachable)
            continue;
        first = first ? first : &r;
        if (r.revision > 0)
            commonRevision = commonRevision < 0 ? r.revision : std::min(commonRevision, r.revision);
    }

    const QStringList urls = [&] {
        QStringList out;
        for (const EtcdEndpoint &e : std::as_const(endpoints))
            out.append(e.url);
        return out;
    }();
    const auto write = [&](const QString &file, const QString &kind, const QByteArray &bytes) {
        if (const QString e = CaptureFolder::writeFile(manifest.folder + QLatin1Char('/') + file, bytes); !e.isEmpty())
            manifest.error = QStringLiteral("could not write the capture: ") + e;
        else
            manifest.files.append({ file, kind });
    };

    // endpoint status, as `etcdctl endpoint status -w json` prints it (stderr lines first).
    {
        QByteArray text = commandLine(urls, QStringLiteral("endpoint status -w json"));
        QJsonArray rows;
        for (const EndpointRead &r : reads) {
            if (r.out.reachable)
                rows.append(
                    QJsonObject { { QStringLiteral("Endpoint"), r.out.url }, { QStringLiteral("Status"), r.status } });
            else
                // What a server said stays on its line: it cannot forge rows for other members.
                text += QStringLiteral("Failed to get the status of endpoint %1 (%2)\n")
                            .arg(escapeControlCharacters(r.out.url),
                                escapeControlCharacters(withoutUrl(r.out.error, r.out.url)))
                            .toUtf8();
        }
        if (!rows.isEmpty())
            text += compact(rows) + '\n';
        write(QStringLiteral("endpoint-status.txt"), QStringLiteral("etcdctl"), text);
    }

    if (first && members.isEmpty()) {
        const EtcdGatewayResponse r
            = EtcdGateway::post(first->endpoint, QStringLiteral("/v3/cluster/member/list"), "{}");
        QString parseError;
        if (r.ok() && EtcdGateway::parseMemberList(r.body, &parseError))
            memberListBody = r.body;
        else
            manifest.membersError = r.ok() ? QStringLiteral("%1: %2").arg(first->endpoint.url, parseError) : r.error;
    }
    if (!memberListBody.isEmpty())
        write(QStringLiteral("member-list.json"), QStringLiteral("etcdctl"),
            commandLine(urls, QStringLiteral("member list -w json"))
                + compact(QJsonDocument::fromJson(memberListBody).object()) + '\n');

    if (first) {
        QString alarmError;
        if (const auto alarms = EtcdGateway::alarms(first->endpoint, &alarmError)) {
            if (!alarms->isEmpty()) {
                QByteArray text = commandLine(urls, QStringLiteral("alarm list"));
                static const QRegularExpression alarmName(QStringLiteral("^[A-Z_]{1,32}$"));
                for (const EtcdAlarm &a : *alarms)
                    text += QStringLiteral("memberID:%1 alarm:%2\n")
                                .arg(a.memberId)
                                .arg(alarmName.match(a.type).hasMatch() ? a.type : QStringLiteral("UNKNOWN"))
                                .toUtf8();
                write(QStringLiteral("alarm-list.txt"), QStringLiteral("etcdctl"), text);
            }
        } else {
            manifest.alarmsError = alarmError;
        }
    }

    // HashKV at one revision every endpoint has: equal hashes mean equal keyspaces.
    if (first && commonRevision > 0) {
        QJsonArray rows;
        for (const EndpointRead &r : reads) {
            if (!r.out.reachable || cancelled())
                continue;
            bool unsupported = false;
            QString hashError;
            const EtcdGatewayResponse answer = EtcdGateway::post(r.endpoint, QStringLiteral("/v3/maintenance/hashkv"),
                QStringLiteral(R"({"revision":"%1"})").arg(commonRevision).toUtf8());
            if (answer.status == 404 || answer.status == 405 || answer.status == 501) {
                unsupported = true;
            } else if (answer.ok()
                && QJsonDocument::fromJson(answer.body).object().contains(QStringLiteral("header"))) {
                rows.append(QJsonObject { { QStringLiteral("Endpoint"), r.out.url },
                    { QStringLiteral("HashKV"), QJsonDocument::fromJson(answer.body).object() } });
                continue;
            } else {
                hashError = answer.ok() ? QStringLiteral("%1: not an etcd hashkv answer").arg(r.out.url) : answer.error;
            }
            if (unsupported) {
                manifest.hashNote = QStringLiteral(
                    "hash check needs etcd ≥ 3.5 or an imported `etcdctl endpoint hashkv` (the JSON gateway of %1 "
                    "has no HashKV)")
                                        .arg(r.out.url);
                rows = QJsonArray();
                break;
            }
            manifest.hashError += (manifest.hashError.isEmpty() ? QString() : QStringLiteral("; ")) + hashError;
        }
        if (!rows.isEmpty()) {
            manifest.hashRevision = commonRevision;
            write(QStringLiteral("endpoint-hashkv.json"), QStringLiteral("etcdctl"),
                commandLine(urls, QStringLiteral("endpoint hashkv -w json --rev=%1").arg(commonRevision))
                    + compact(rows) + '\n');
        }
    }

    if (options.metrics) {
        QDir().mkpath(manifest.folder + QStringLiteral("/metrics"));
        for (qsizetype i = 0; i < manifest.endpoints.size(); ++i) {
            const EndpointRead &r = reads[size_t(i)];
            if (r.metrics.isEmpty())
                continue;
            const QString file
                = QStringLiteral("metrics/%1-%2.prom").arg(i + 1, 2, 10, QLatin1Char('0')).arg(safeName(r.out.url));
            if (const QString e = CaptureFolder::writeFile(manifest.folder + QLatin1Char('/') + file, r.metrics);
                !e.isEmpty())
                manifest.endpoints[i].metricsError = e;
            else
                manifest.endpoints[i].metricsFile = file;
        }
    }
    if (cancelled()) {
        QDir(manifest.folder).removeRecursively();
        manifest.cancelled = true;
        return manifest;
    }
    if (const QString e
        = CaptureFolder::writeFile(manifest.folder + QStringLiteral("/manifest.json"), manifest.toJson());
        !e.isEmpty())
        manifest.error = QStringLiteral("the capture's manifest could not be written: ") + e;
    return manifest;
}

} // namespace strata::EtcdCapture
