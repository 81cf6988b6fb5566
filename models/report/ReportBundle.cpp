#include "ReportBundle.h"

#include "case/CaseFileReader.h"
#include "case/CaseFileWriter.h"
#include "core/BuildInfo.h"
#include "core/RegularFile.h"
#include "core/RemoteUrl.h"
#include "evidence/CredentialMaterial.h"
#include "report/EvidenceRedaction.h"
#include "report/ReportExport.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QSet>
#include <QStandardPaths>

#include <nlohmann/json.hpp>
#include <zip.h>

#include <list>

namespace strata::ReportBundle {

namespace {

using Json = nlohmann::ordered_json;

constexpr qint64 fileLimit = qint64(1) << 30; // as the evidence readers
constexpr qint64 unpackedLimit = qint64(4) << 30;
constexpr zip_int64_t entryLimit = 100000;

QString sha256(const QByteArray &bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

// A name that stays inside the folder it is unpacked into: relative, no
// "." or ".." part, no backslash, not a Qt resource (":/…").
bool safeName(const QString &name)
{
    if (name.isEmpty() || name.startsWith(QLatin1Char('/')) || name.startsWith(QLatin1Char(':'))
        || name.contains(QLatin1Char('\\')) || name.contains(QChar(0)))
        return false;
    for (const QString &part : name.split(QLatin1Char('/'))) {
        if (part.isEmpty() || part == QLatin1String("..") || part == QLatin1String("."))
            return false;
    }
    return true;
}

struct Entry
{
    QString name; // inside the zip
    QByteArray bytes;
    QString kind; // report, chart, case, evidence, capture, recording
    QString source; // the original, as the case names it
    QString originalSha256; // when redacted
    int redactions = 0;
    QString redactionNote;
};

struct Contents
{
    std::list<Entry> entries; // stable addresses: libzip reads the bytes at zip_close
    QSet<QString> names;
    Json notCopied = Json::array();

    qint64 total = 0;

    void add(Entry e)
    {
        if (names.contains(e.name))
            return;
        // What unpack() would refuse is not written: a bundle always re-opens.
        if (!safeName(e.name)) {
            skip(e.source.isEmpty() ? e.name : e.source, QStringLiteral("its name cannot be unpacked safely"));
            return;
        }
        if (qsizetype(entries.size()) + 1 >= entryLimit || total + e.bytes.size() > unpackedLimit) {
            skip(e.source.isEmpty() ? e.name : e.source,
                QStringLiteral("the bundle is full (%1 files or %2 at most)")
                    .arg(entryLimit)
                    .arg(formatLimit(unpackedLimit)));
            return;
        }
        total += e.bytes.size();
        names.insert(e.name);
        entries.push_back(std::move(e));
    }
    void skip(const QString &path, const QString &why)
    {
        notCopied.push_back({ { "path", path.toStdString() }, { "why", why.toStdString() } });
    }
    // An evidence file, redacted as EvidenceRedaction says.
    void addEvidence(const QString &name, const QString &absolute, const QString &shown, const QString &kind)
    {
        const FileContents read = readRegularFile(absolute, fileLimit);
        if (!read.ok()) {
            skip(shown, read.error);
            return;
        }
        EvidenceRedaction::Redacted r = EvidenceRedaction::redact(read.bytes, name);
        if (r.refused) {
            skip(shown, r.note);
            return;
        }
        Entry e { name, std::move(r.bytes), kind, shown, {}, r.count, r.note };
        if (r.count > 0)
            e.originalSha256 = sha256(read.bytes);
        add(std::move(e));
    }
    // Every regular file below `folder` (captures/, recordings/), at the same place under `prefix`.
    void addTree(const QString &folder, const QString &prefix, const QString &kind)
    {
        if (!QFileInfo(folder).isDir())
            return;
        QDirIterator it(folder, QDir::Files | QDir::Hidden | QDir::NoSymLinks, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            const QString rel = QDir(folder).relativeFilePath(path);
            addEvidence(prefix + rel, path, QFileInfo(folder).fileName() + QLatin1Char('/') + rel, kind);
        }
    }
};

bool inside(const QString &folder, const QString &path)
{
    const QString f = QDir::cleanPath(folder) + QLatin1Char('/');
    return QDir::cleanPath(path).startsWith(f);
}

QString zipError(zip_t *zip)
{
    return QString::fromUtf8(zip_strerror(zip));
}

} // namespace

bool isBundle(const QString &path)
{
    return QFileInfo(path).suffix().compare(QLatin1String("zip"), Qt::CaseInsensitive) == 0;
}

QString write(const AnalysisResult &r, const ReportOptions &options, const QString &zipPath)
{
    Contents c;

    // The report in every format, the chart beside the Markdown.
    ReportOptions md = options;
    if (!options.chartPng.isEmpty()) {
        md.chartImage = QStringLiteral("report.chart.png");
        c.add({ QStringLiteral("report/report.chart.png"), options.chartPng, QStringLiteral("chart"), {}, {}, 0, {} });
    }
    const QList<QPair<ReportFormat, QString>> formats { { ReportFormat::Markdown, QStringLiteral("report.md") },
        { ReportFormat::Html, QStringLiteral("report.html") }, { ReportFormat::Pdf, QStringLiteral("report.pdf") },
        { ReportFormat::Json, QStringLiteral("report.json") } };
    for (const auto &[format, name] : formats) {
        QString error;
        QByteArray bytes = ReportExport::bytes(format, r, format == ReportFormat::Markdown ? md : options, &error);
        if (!error.isEmpty())
            return QStringLiteral("%1: the %2 report: %3").arg(zipPath, ReportExport::formatName(format), error);
        c.add({ QStringLiteral("report/") + name, std::move(bytes), QStringLiteral("report"), {}, {}, 0, {} });
    }

    // The case and its evidence, at the same relative paths under case/.
    const CaseFile &original = r.caseFile;
    const QString caseDir = original.filePath.isEmpty() ? QString() : QFileInfo(original.filePath).absolutePath();
    CaseFile bundled = original;
    QHash<QString, const ImportedEvidence *> imported;
    for (const ImportedEvidence &e : r.evidence) {
        if (!e.fromSource)
            imported.insert(e.entry.path, &e);
    }
    for (qsizetype i = 0; i < bundled.evidence.size(); ++i) {
        EvidenceEntry &entry = bundled.evidence[i];
        const QString absolute = original.resolvedPath(entry);
        // A file the analysis refused as a credential (a kubeconfig, a private
        // key) stays out: its absence re-opens as the same incomplete analysis.
        if (const ImportedEvidence *e = imported.value(entry.path); e && !e->loaded && QFileInfo(absolute).isFile()) {
            const FileContents read = readRegularFile(absolute, fileLimit);
            const QString credential = read.ok() ? CredentialMaterial::describe(read.bytes) : QString();
            if (!credential.isEmpty()) {
                c.skip(entry.path, QStringLiteral("holds %1; the analysis refused it as evidence too").arg(credential));
                continue;
            }
        }
        QString rel;
        if (!caseDir.isEmpty() && inside(caseDir, absolute))
            rel = QDir(caseDir).relativeFilePath(absolute);
        else
            rel = QStringLiteral("external/%1/%2").arg(i + 1).arg(QFileInfo(absolute).fileName());
        entry.path = rel; // the bundle's case names every file where the bundle has it
        if (QFileInfo(absolute).isDir()) {
            // A Terraform folder: the files Terraform reads and the state, not
            // .terraform/ (providers) nor anything else that lies there (.env).
            const QStringList names
                = QDir(absolute).entryList({ QStringLiteral("*.tf"), QStringLiteral("*.tf.json"),
                                               QStringLiteral("*.tfvars"), QStringLiteral("*.tfvars.json"),
                                               QStringLiteral("*.tfstate"), QStringLiteral(".terraform.lock.hcl") },
                    QDir::Files | QDir::Hidden, QDir::Name);
            for (const QString &name : names)
                c.addEvidence(QStringLiteral("case/") + rel + QLatin1Char('/') + name, QDir(absolute).filePath(name),
                    original.evidence.at(i).path + QLatin1Char('/') + name, QStringLiteral("evidence"));
        } else {
            c.addEvidence(
                QStringLiteral("case/") + rel, absolute, original.evidence.at(i).path, QStringLiteral("evidence"));
        }
    }
    if (original.hasOwnFile()) {
        c.addTree(original.capturesFolder(), QStringLiteral("case/captures/"), QStringLiteral("capture"));
        c.addTree(original.recordingsFolder(), QStringLiteral("case/recordings/"), QStringLiteral("recording"));
    } else {
        c.skip(QStringLiteral("captures/"),
            QStringLiteral("an unsaved case's captures live in the cache, mixed "
                           "with other unsaved cases'; save the case first"));
    }
    for (const QString &kubeconfig : original.kubeconfigPaths())
        c.skip(kubeconfig, QStringLiteral("a kubeconfig holds credentials; the captures stand in for the contexts"));
    if (original.terraformSource)
        c.skip(original.terraformSource->shownRepo(),
            QStringLiteral("a repository is not copied; the bundle's case reads it again where it is, if it can"));

    const QString caseName
        = original.filePath.isEmpty() ? QStringLiteral("case.yaml") : QFileInfo(original.filePath).fileName();
    // The case as the window has it now (unsaved edits included), its
    // evidence named by where the bundle has it; a repository or a state
    // outside the case stays where it is, by its absolute path.
    if (bundled.terraformSource) {
        if (!RemoteUrl::isUrl(bundled.terraformSource->repo))
            bundled.terraformSource->repo = original.repositoryPath();
        if (!bundled.terraformSource->state.isEmpty()
            && QFileInfo(original.resolvedPath(bundled.terraformSource->state)).isFile()
            && !QFileInfo::exists(original.repositoryPath() + QLatin1Char('/') + bundled.terraformSource->state))
            bundled.terraformSource->state = original.resolvedPath(bundled.terraformSource->state);
    }
    bundled.filePath = QStringLiteral("/strata-bundle/case/") + caseName; // only the evidence's base
    const QByteArray caseBytes = CaseFileWriter::toYaml(bundled, bundled.filePath);
    const EvidenceRedaction::Redacted caseRedacted = EvidenceRedaction::redact(caseBytes, caseName);
    c.add({ QStringLiteral("case/") + caseName, caseRedacted.bytes, QStringLiteral("case"),
        original.filePath.isEmpty() ? QString() : QFileInfo(original.filePath).fileName(),
        caseRedacted.count ? sha256(caseBytes) : QString(), caseRedacted.count, caseRedacted.note });

    // The manifest: every file with its hash, first in the zip.
    Json files = Json::array();
    for (const Entry &e : c.entries) {
        Json f = { { "path", e.name.toStdString() }, { "kind", e.kind.toStdString() },
            { "bytes", qint64(e.bytes.size()) }, { "sha256", sha256(e.bytes).toStdString() } };
        if (!e.source.isEmpty())
            f["source"] = e.source.toStdString();
        f["redacted"] = e.redactions > 0;
        if (e.redactions > 0) {
            f["redactions"] = e.redactionNote.toStdString();
            f["originalSha256"] = e.originalSha256.toStdString();
        }
        files.push_back(f);
    }
    Json manifest = { { "strataBundle", manifestVersion }, { "strataVersion", BuildInfo::version().toStdString() },
        { "generatedAt",
            options.generatedAt.isValid() ? options.generatedAt.toUTC().toString(Qt::ISODate).toStdString() : "" },
        { "title", original.title.toStdString() },
        { "case", QString(QStringLiteral("case/") + caseName).toStdString() },
        { "complete", r.completeness.isComplete() }, { "everythingCopied", c.notCopied.empty() }, { "files", files },
        { "notCopied", c.notCopied } };
    const QByteArray manifestBytes
        = QByteArray::fromStdString(manifest.dump(2, ' ', false, Json::error_handler_t::replace)) + '\n';

    // libzip writes to a temporary file beside zipPath and renames it at zip_close.
    int code = 0;
    zip_t *zip = zip_open(QFile::encodeName(zipPath).constData(), ZIP_CREATE | ZIP_TRUNCATE, &code);
    if (!zip) {
        zip_error_t error;
        zip_error_init_with_code(&error, code);
        const QString why = QString::fromUtf8(zip_error_strerror(&error));
        zip_error_fini(&error);
        return QStringLiteral("%1: cannot write: %2").arg(zipPath, why);
    }
    const auto add = [&](const QString &name, const QByteArray &bytes) -> QString {
        zip_source_t *source = zip_source_buffer(zip, bytes.constData(), zip_uint64_t(bytes.size()), 0);
        if (!source)
            return zipError(zip);
        const zip_int64_t index = zip_file_add(zip, name.toUtf8().constData(), source, ZIP_FL_ENC_UTF_8);
        if (index < 0) {
            zip_source_free(source);
            return zipError(zip);
        }
        if (options.generatedAt.isValid())
            zip_file_set_mtime(zip, zip_uint64_t(index), time_t(options.generatedAt.toSecsSinceEpoch()), 0);
        return {};
    };
    QString error = add(manifestName, manifestBytes);
    for (auto it = c.entries.cbegin(); error.isEmpty() && it != c.entries.cend(); ++it)
        error = add(it->name, it->bytes);
    if (error.isEmpty() && zip_close(zip) != 0)
        error = zipError(zip);
    else if (error.isEmpty())
        return {};
    zip_discard(zip);
    return QStringLiteral("%1: cannot write: %2").arg(zipPath, error);
}

namespace {

QString readEntry(zip_t *zip, zip_uint64_t index, qint64 size, QByteArray *out)
{
    zip_file_t *file = zip_fopen_index(zip, index, 0);
    if (!file)
        return zipError(zip);
    out->resize(size + 1); // one more than declared: a lying size shows
    qint64 got = 0;
    while (got <= size) {
        const zip_int64_t n = zip_fread(file, out->data() + got, zip_uint64_t(size + 1 - got));
        if (n < 0) {
            const QString why = QString::fromUtf8(zip_file_strerror(file));
            zip_fclose(file);
            return why;
        }
        if (n == 0)
            break;
        got += n;
    }
    zip_fclose(file);
    if (got != size)
        return QStringLiteral("holds %1 bytes where the zip says %2").arg(got).arg(size);
    out->resize(size);
    return {};
}

} // namespace

Unpacked unpack(const QString &zipPath, const QString &folder)
{
    Unpacked out;
    out.folder = folder;
    int code = 0;
    zip_t *zip = zip_open(QFile::encodeName(zipPath).constData(), ZIP_RDONLY | ZIP_CHECKCONS, &code);
    if (!zip) {
        zip_error_t error;
        zip_error_init_with_code(&error, code);
        out.error
            = QStringLiteral("%1: not a readable zip: %2").arg(zipPath, QString::fromUtf8(zip_error_strerror(&error)));
        zip_error_fini(&error);
        return out;
    }
    const auto fail = [&](const QString &why) {
        out.error = QStringLiteral("%1: %2").arg(zipPath, why);
        out.caseFile.clear();
        zip_discard(zip);
        return out;
    };
    const zip_int64_t count = zip_get_num_entries(zip, 0);
    if (count > entryLimit)
        return fail(QStringLiteral("%1 entries, more than a bundle holds (%2)").arg(count).arg(entryLimit));

    // The manifest first: it says what every other file must hash to.
    struct Listed
    {
        QString sha256;
        qint64 bytes = 0;
    };
    QHash<QString, Listed> listed;
    QString caseName;
    {
        const zip_int64_t index = zip_name_locate(zip, manifestName.toUtf8().constData(), 0);
        zip_stat_t st;
        if (index < 0 || zip_stat_index(zip, zip_uint64_t(index), 0, &st) != 0)
            return fail(QStringLiteral("no %1: not a Strata evidence bundle").arg(manifestName));
        if (qint64(st.size) > fileLimit)
            return fail(QStringLiteral("%1 is too large").arg(manifestName));
        QByteArray bytes;
        if (const QString why = readEntry(zip, zip_uint64_t(index), qint64(st.size), &bytes); !why.isEmpty())
            return fail(QStringLiteral("%1: %2").arg(manifestName, why));
        const Json manifest = Json::parse(bytes.constBegin(), bytes.constEnd(), nullptr, false);
        if (manifest.is_discarded() || !manifest.is_object() || !manifest.contains("strataBundle")
            || !manifest.contains("files") || !manifest["files"].is_array() || !manifest.contains("case")
            || !manifest["case"].is_string())
            return fail(QStringLiteral("%1 is not a bundle manifest").arg(manifestName));
        if (!manifest["strataBundle"].is_number_integer() || manifest["strataBundle"].get<int>() > manifestVersion)
            return fail(QStringLiteral("a bundle of a newer Strata (format %1; this one reads %2)")
                            .arg(QString::fromStdString(manifest["strataBundle"].dump()))
                            .arg(manifestVersion));
        for (const Json &f : manifest["files"]) {
            if (!f.is_object() || !f.contains("path") || !f["path"].is_string() || !f.contains("sha256")
                || !f["sha256"].is_string())
                return fail(QStringLiteral("%1 lists a file without its path or hash").arg(manifestName));
            listed.insert(QString::fromStdString(f["path"].get<std::string>()),
                { QString::fromStdString(f["sha256"].get<std::string>()),
                    f.contains("bytes") && f["bytes"].is_number_integer() ? f["bytes"].get<qint64>() : -1 });
        }
        caseName = QString::fromStdString(manifest["case"].get<std::string>());
        if (!safeName(caseName) || !listed.contains(caseName))
            return fail(QStringLiteral("the manifest's case %1 is not in the bundle").arg(caseName));
    }

    // A fresh folder: nothing left from an earlier unpack (or written there since) joins the case.
    QDir(folder).removeRecursively();
    if (!QDir().mkpath(folder))
        return fail(QStringLiteral("cannot make %1").arg(folder));
    qint64 total = 0;
    QSet<QString> seen;
    for (zip_int64_t i = 0; i < count; ++i) {
        zip_stat_t st;
        if (zip_stat_index(zip, zip_uint64_t(i), 0, &st) != 0)
            return fail(zipError(zip));
        const QString name = QString::fromUtf8(st.name);
        if (name.endsWith(QLatin1Char('/')))
            continue; // a folder entry
        if (!safeName(name))
            return fail(
                QStringLiteral("refuses the entry '%1': it would be written outside the bundle's folder").arg(name));
        const auto it = listed.constFind(name);
        if (it == listed.cend() && name != manifestName)
            return fail(QStringLiteral("%1 is not in the manifest").arg(name));
        total += qint64(st.size);
        if (qint64(st.size) > fileLimit || total > unpackedLimit)
            return fail(
                QStringLiteral("%1: more than a bundle unpacks (%2 in all)").arg(name, formatLimit(unpackedLimit)));
        QByteArray bytes;
        if (const QString why = readEntry(zip, zip_uint64_t(i), qint64(st.size), &bytes); !why.isEmpty())
            return fail(QStringLiteral("%1: %2").arg(name, why));
        if (name != manifestName && sha256(bytes) != it->sha256)
            return fail(QStringLiteral("%1 does not match its SHA-256 in the manifest (changed after the bundle "
                                       "was written)")
                            .arg(name));
        const QString target = QDir(folder).filePath(name);
        if (!QDir().mkpath(QFileInfo(target).path()))
            return fail(QStringLiteral("cannot make the folder of %1").arg(target));
        QSaveFile file(target);
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
            return fail(QStringLiteral("%1: %2").arg(target, file.errorString()));
        seen.insert(name);
    }
    for (auto it = listed.cbegin(); it != listed.cend(); ++it) {
        if (!seen.contains(it.key()))
            return fail(QStringLiteral("%1 is listed in the manifest but missing").arg(it.key()));
    }
    zip_discard(zip); // read only: nothing to write back
    // The case may only read what the bundle holds: evidence named outside
    // it (~/.aws/credentials, /etc/…) is refused, not read as if verified.
    const QString casePath = QDir(folder).filePath(caseName);
    const CaseFileReadResult read = CaseFileReader::readFile(casePath);
    if (read.caseFile) {
        for (const EvidenceEntry &e : read.caseFile->evidence) {
            if (!inside(folder, read.caseFile->resolvedPath(e))) {
                out.error = QStringLiteral("%1: its case names evidence outside the bundle (%2); not opened")
                                .arg(zipPath, e.path);
                return out;
            }
        }
    }
    out.caseFile = casePath;
    return out;
}

QString cacheFolderFor(const QString &zipPath, QString *error)
{
    QFile file(zipPath);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: %2").arg(zipPath, file.errorString());
        return {};
    }
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (!hash.addData(&file)) {
        *error = QStringLiteral("%1: cannot be read").arg(zipPath);
        return {};
    }
    return QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation) + QStringLiteral("/strata/bundles/")
        + QString::fromLatin1(hash.result().toHex().left(16));
}

} // namespace strata::ReportBundle
