#include "CaseFileWriter.h"

#include "case/CaseFileReader.h"

#include "core/RemoteUrl.h"

#include <QDir>
#include <QFileInfo>
#include <QSaveFile>

#include <yaml-cpp/yaml.h>

namespace strata::CaseFileWriter {

namespace {

std::string ss(const QString &s)
{
    return s.toStdString();
}

// The path to write for `path` (as the case names it) in a case saved at `targetPath`.
QString rebasedPath(const CaseFile &caseFile, const QString &path, const QString &targetPath)
{
    const QString resolved = caseFile.resolvedPath(path);
    if (resolved.startsWith(QLatin1Char(':')))
        return resolved; // inside Strata's resources: only an absolute resource path stays valid
    if (QDir::isAbsolutePath(path) || path.startsWith(QLatin1Char('~')))
        return path;
    return QDir(QFileInfo(targetPath).absolutePath()).relativeFilePath(resolved);
}

QList<EvidenceEntry> rebasedEvidence(const CaseFile &caseFile, const QString &targetPath)
{
    QList<EvidenceEntry> out = caseFile.evidence;
    for (EvidenceEntry &e : out)
        e.path = rebasedPath(caseFile, e.path, targetPath);
    return out;
}

// `sources.terraform` names its repository (and a state outside it)
// relative to the case: saved elsewhere, they must still lead there.
// Paths inside the repository (dir, vars, a committed state) stay as written.
std::optional<TerraformSource> rebasedSource(const CaseFile &caseFile, const QString &targetPath)
{
    if (!caseFile.terraformSource)
        return std::nullopt;
    TerraformSource s = *caseFile.terraformSource;
    const QString repository = caseFile.repositoryPath();
    if (!s.state.isEmpty()) {
        const QString outside = caseFile.resolvedPath(s.state);
        const bool inRepository = outside.startsWith(repository + QLatin1Char('/'))
            || QFileInfo::exists(repository + QLatin1Char('/') + s.state);
        if (!inRepository && QFileInfo(outside).isFile())
            s.state = rebasedPath(caseFile, s.state, targetPath);
    }
    if (!RemoteUrl::isUrl(s.repo)) // a URL is the same from anywhere
        s.repo = rebasedPath(caseFile, s.repo, targetPath);
    return s;
}

YAML::Node sourcesNode(const CaseFile &caseFile, const QString &preserved, const QString &targetPath)
{
    YAML::Node node = preserved.isEmpty() ? YAML::Node(YAML::NodeType::Map) : YAML::Load(ss(preserved));
    // The roles given in the window: context names only, as the user would write them.
    if (const auto &k = caseFile.kubernetesSource; k && (node.IsMap() || node.IsNull())) {
        if (!node["kubernetes"].IsMap())
            node["kubernetes"] = YAML::Node(YAML::NodeType::Map);
        if (!k->kubeconfigs.isEmpty()) { // relative to the case: saved elsewhere, still the same files
            YAML::Node files(YAML::NodeType::Sequence);
            for (const QString &f : k->kubeconfigs)
                files.push_back(ss(rebasedPath(caseFile, f, targetPath)));
            node["kubernetes"]["kubeconfig"] = files;
        }
        YAML::Node contexts(YAML::NodeType::Map);
        contexts.SetStyle(YAML::EmitterStyle::Flow);
        if (!k->liveContext.isEmpty())
            contexts["live"] = ss(k->liveContext);
        if (!k->replicaContext.isEmpty())
            contexts["replica"] = ss(k->replicaContext);
        node["kubernetes"]["contexts"] = contexts;
    }
    // A password the reader refused is not written back either (nor an
    // endpoint URL that carried one: the endpoints are written as read).
    if (node.IsMap() && node["etcd"].IsMap()) {
        node["etcd"].remove("user");
        node["etcd"].remove("password");
        if (caseFile.etcdSource && node["etcd"]["endpoints"]) {
            YAML::Node endpoints(YAML::NodeType::Sequence);
            endpoints.SetStyle(YAML::EmitterStyle::Flow);
            for (const QString &e : caseFile.etcdSource->endpoints)
                endpoints.push_back(ss(e));
            node["etcd"]["endpoints"] = endpoints;
        }
    }
    // etcd's certificate files, relative to the case: saved elsewhere, the same files.
    if (const auto &e = caseFile.etcdSource; e && node.IsMap() && node["etcd"].IsMap()) {
        const std::pair<const char *, QString> files[]
            = { { "cacert", e->caFile }, { "cert", e->certFile }, { "key", e->keyFile } };
        for (const auto &[key, path] : files) {
            if (!path.isEmpty())
                node["etcd"][key] = ss(rebasedPath(caseFile, path, targetPath));
        }
    }
    if (const auto s = rebasedSource(caseFile, targetPath); s && node.IsMap() && node["terraform"].IsMap()) {
        node["terraform"]["repo"] = ss(s->repo);
        if (!s->state.isEmpty())
            node["terraform"]["state"] = ss(s->state);
        if (s->workTree)
            node["terraform"]["worktree"] = true;
        else if (node["terraform"]["worktree"])
            node["terraform"].remove("worktree");
    }
    return node;
}

// `report:`, only the sections that hold something; multi-line text as YAML
// literal blocks, so the file stays readable and diffable.
void writeReport(YAML::Emitter &out, const ReportSections &r)
{
    const auto text = [&out](const char *key, const QString &value) {
        if (value.isEmpty())
            return;
        out << YAML::Key << key << YAML::Value;
        if (value.contains(QLatin1Char('\n')))
            out << YAML::Literal;
        out << ss(value);
    };
    out << YAML::Key << "report" << YAML::Value << YAML::BeginMap;
    text("status", r.status);
    if (!r.authors.isEmpty()) {
        out << YAML::Key << "authors" << YAML::Value << YAML::Flow << YAML::BeginSeq;
        for (const QString &a : r.authors)
            out << ss(a);
        out << YAML::EndSeq;
    }
    text("summary", r.summary);
    text("impact", r.impact);
    text("root-cause", r.rootCause);
    text("trigger", r.trigger);
    text("resolution", r.resolution);
    text("detection", r.detection);
    text("lessons", r.lessons);
    if (!r.actionItems.isEmpty()) {
        out << YAML::Key << "action-items" << YAML::Value << YAML::BeginSeq;
        for (const ReportActionItem &a : r.actionItems) {
            out << YAML::BeginMap;
            text("item", a.item);
            text("type", a.type);
            text("owner", a.owner);
            text("ticket", a.ticket);
            out << YAML::EndMap;
        }
        out << YAML::EndSeq;
    }
    if (!r.findings.isEmpty()) {
        out << YAML::Key << "findings" << YAML::Value << YAML::BeginMap;
        for (auto it = r.findings.cbegin(); it != r.findings.cend(); ++it) {
            out << YAML::Key << ss(it.key()) << YAML::Value << YAML::BeginMap;
            text("note", it->note);
            if (!it->included)
                out << YAML::Key << "include" << YAML::Value << false;
            out << YAML::EndMap;
        }
        out << YAML::EndMap;
    }
    if (!r.keyMoments.isEmpty()) {
        out << YAML::Key << "key-moments" << YAML::Value << YAML::BeginSeq;
        for (const QString &m : r.keyMoments)
            out << ss(m);
        out << YAML::EndSeq;
    }
    for (const auto &[key, yaml] : r.preservedYaml)
        out << YAML::Key << ss(key) << YAML::Value << YAML::Load(ss(yaml));
    out << YAML::EndMap;
}

} // namespace

QByteArray toYaml(const CaseFile &caseFile, const QString &targetPath)
{
    YAML::Emitter out;
    out << YAML::BeginMap;
    out << YAML::Key << "strata" << YAML::Value << CaseFile::formatVersion;
    out << YAML::Key << "title" << YAML::Value << ss(caseFile.title);

    out << YAML::Key << "resources" << YAML::Value << YAML::BeginSeq;
    for (const QString &r : caseFile.resources)
        out << ss(r);
    out << YAML::EndSeq;

    out << YAML::Key << "evidence" << YAML::Value << YAML::BeginSeq;
    for (const EvidenceEntry &e : rebasedEvidence(caseFile, targetPath)) {
        out << YAML::BeginMap << YAML::Key << "path" << YAML::Value << ss(e.path);
        if (e.role != EvidenceRole::Unspecified)
            out << YAML::Key << "role" << YAML::Value << ss(evidenceRoleName(e.role));
        if (!e.kind.isEmpty())
            out << YAML::Key << "kind" << YAML::Value << ss(e.kind);
        out << YAML::EndMap;
    }
    out << YAML::EndSeq;

    bool sourcesWritten = false;
    for (const auto &[key, yaml] : caseFile.preservedYaml) {
        if (key == QLatin1String("sources")) {
            out << YAML::Key << "sources" << YAML::Value << sourcesNode(caseFile, yaml, targetPath);
            sourcesWritten = true;
        } else {
            out << YAML::Key << ss(key) << YAML::Value << YAML::Load(ss(yaml));
        }
    }
    if (!sourcesWritten && caseFile.kubernetesSource)
        out << YAML::Key << "sources" << YAML::Value << sourcesNode(caseFile, QString(), targetPath);
    else if (!sourcesWritten)
        out << YAML::Key << "sources" << YAML::Value << YAML::BeginMap << YAML::EndMap;

    out << YAML::Key << "notes" << YAML::Value << YAML::BeginSeq;
    for (const CaseNote &n : caseFile.notes) {
        if (n.time.isValid()) {
            out << YAML::BeginMap << YAML::Key << "time" << YAML::Value << ss(n.time.toString(Qt::ISODateWithMs))
                << YAML::Key << "text" << YAML::Value << ss(n.text) << YAML::EndMap;
        } else {
            out << ss(n.text);
        }
    }
    out << YAML::EndSeq;
    if (!caseFile.report.isEmpty())
        writeReport(out, caseFile.report);
    out << YAML::EndMap;
    return QByteArray(out.c_str()) + '\n';
}

QString saveReport(const QString &path, const ReportSections &report)
{
    const CaseFileReadResult read = CaseFileReader::readFile(path);
    // Written back only when read whole: an entry the reader dropped for an
    // error would otherwise be lost from the file.
    if (!read.caseFile || hasErrors(read.diagnostics))
        return QStringLiteral("%1 could not be read again without errors (%2); save the case to keep the report")
            .arg(path,
                read.diagnostics.isEmpty() ? QStringLiteral("not a case file") : read.diagnostics.first().toString());
    CaseFile onDisk = *read.caseFile;
    onDisk.report = report;
    return save(onDisk, path);
}

QString save(CaseFile &caseFile, const QString &targetPath)
{
    if (targetPath.startsWith(QLatin1Char(':')))
        return QStringLiteral("%1 is built into Strata and cannot be overwritten; choose Save As").arg(targetPath);
    const QByteArray yaml = toYaml(caseFile, targetPath);
    QSaveFile file(targetPath);
    if (!file.open(QIODevice::WriteOnly))
        return QStringLiteral("%1: cannot write: %2").arg(targetPath, file.errorString());
    file.write(yaml);
    if (!file.commit())
        return QStringLiteral("%1: cannot write: %2").arg(targetPath, file.errorString());
    // What was written is what the case now says, relative to its new folder.
    for (auto &[key, preserved] : caseFile.preservedYaml) {
        if (key == QLatin1String("sources")) {
            YAML::Emitter e;
            e << sourcesNode(caseFile, preserved, targetPath);
            preserved = QString::fromUtf8(e.c_str());
        }
    }
    if (auto source = rebasedSource(caseFile, targetPath))
        caseFile.terraformSource = source;
    if (caseFile.kubernetesSource) {
        for (QString &f : caseFile.kubernetesSource->kubeconfigs)
            f = rebasedPath(caseFile, f, targetPath);
    }
    if (auto &e = caseFile.etcdSource) {
        for (QString *f : { &e->caFile, &e->certFile, &e->keyFile }) {
            if (!f->isEmpty())
                *f = rebasedPath(caseFile, *f, targetPath);
        }
    }
    caseFile.evidence = rebasedEvidence(caseFile, targetPath);
    caseFile.filePath = QFileInfo(targetPath).absoluteFilePath();
    return {};
}

} // namespace strata::CaseFileWriter
