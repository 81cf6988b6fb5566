#include "CaseFileWriter.h"

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

// The path to write for `entry` in a case saved at `targetPath`.
QString rebasedPath(const CaseFile &caseFile, const EvidenceEntry &entry, const QString &targetPath)
{
    const QString resolved = caseFile.resolvedPath(entry);
    if (resolved.startsWith(QLatin1Char(':')))
        return resolved; // inside Strata's resources: only an absolute resource path stays valid
    if (QDir::isAbsolutePath(entry.path))
        return entry.path;
    return QDir(QFileInfo(targetPath).absolutePath()).relativeFilePath(resolved);
}

QList<EvidenceEntry> rebasedEvidence(const CaseFile &caseFile, const QString &targetPath)
{
    QList<EvidenceEntry> out = caseFile.evidence;
    for (EvidenceEntry &e : out)
        e.path = rebasedPath(caseFile, e, targetPath);
    return out;
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
        out << YAML::Key << ss(key) << YAML::Value << YAML::Load(ss(yaml));
        sourcesWritten = sourcesWritten || key == QLatin1String("sources");
    }
    if (!sourcesWritten)
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
    out << YAML::EndMap;
    return QByteArray(out.c_str()) + '\n';
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
    caseFile.evidence = rebasedEvidence(caseFile, targetPath);
    caseFile.filePath = QFileInfo(targetPath).absoluteFilePath();
    return {};
}

} // namespace strata::CaseFileWriter
