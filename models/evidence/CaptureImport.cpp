#include "CaptureImport.h"

#include "core/RegularFile.h"
#include "evidence/EvidenceImporter.h"
#include "kube/KubectlReader.h"

#include <QDir>

namespace strata::CaptureImport {

bool matches(const CaseFile &caseFile, const CaptureManifest &manifest);

QString shownPath(const CaseFile &caseFile, const QString &absolute)
{
    const QString base = caseFile.baseDirectory() + QLatin1Char('/');
    return absolute.startsWith(base) ? absolute.mid(base.size()) : absolute;
}

namespace {

EntryImport importContext(const CaseFile &caseFile, const CaptureManifest &manifest, const CapturedContext &c)
{
    EntryImport one;
    ImportedEvidence &out = one.out;
    const QString folder = manifest.folder + QLatin1Char('/') + evidenceRoleName(c.role);
    out.entry.path = shownPath(caseFile, folder);
    out.entry.role = c.role;
    out.entry.kind = QStringLiteral("kubectl");
    out.entry.line = caseFile.kubernetesSource ? caseFile.kubernetesSource->line : 0;
    out.resolvedPath = folder;
    out.kind = EvidenceKind::Kubectl;
    out.role = c.role;
    out.fromSource = true;
    const Column column = columnForRole(c.role).value_or(Column::Live);
    const QString where = QStringLiteral("context %1").arg(c.context);
    if (!c.warning.isEmpty())
        out.diagnostics.append(Diagnostic::warning(where, 0, 0, c.warning));
    if (!c.reachable) {
        out.diagnostics.append(Diagnostic::error(where, 0, 0,
            QStringLiteral("the %1 context could not be read: %2").arg(evidenceRoleName(c.role), c.error)));
        out.summary = QStringLiteral("not read: ") + c.error;
        return one;
    }
    if (!c.error.isEmpty())
        out.diagnostics.append(Diagnostic::error(where, 0, 0, c.error));
    const FieldFlattener::SecretValues secrets = manifest.fingerprintCheck == CaptureManifest::fingerprintCheckText()
        ? FieldFlattener::SecretValues::Fingerprinted
        : FieldFlattener::SecretValues::FingerprintedElsewhere;
    bool secretsSeen = false;
    int read = 0;
    int missing = 0;
    for (const CapturedObject &o : c.objects) {
        if (o.notFound()) {
            ++missing;
            out.diagnostics.append(Diagnostic { Diagnostic::Severity::Note, where, 0, 0,
                QStringLiteral("%1: not found (404 from %2)").arg(o.resource, o.path) });
            continue;
        }
        if (o.file.isEmpty() || o.file.startsWith(QLatin1Char('/')) || o.file.contains(QLatin1String(".."))) {
            if (!o.file.isEmpty())
                out.diagnostics.append(Diagnostic::error(where, 0, 0,
                    QStringLiteral("%1: the manifest names %2, outside the capture; not read")
                        .arg(o.resource, o.file)));
            else if (!o.error.isEmpty() && o.error != c.error)
                out.diagnostics.append(
                    Diagnostic::error(where, 0, 0, QStringLiteral("%1: %2").arg(o.resource, o.error)));
            // Asked for and not answered: unknown in this column, not absent.
            if (const auto id = ResourceId::parse(o.resource)) {
                ColumnObject unread;
                unread.column = column;
                unread.id = *id;
                unread.unread = true;
                one.set.objects.append(unread);
            }
            continue;
        }
        const QString path = manifest.folder + QLatin1Char('/') + o.file;
        const QString shown = shownPath(caseFile, path);
        const FileContents f = readRegularFile(path, evidenceReadLimit());
        if (!f.ok()) {
            out.diagnostics.append(Diagnostic::error(shown, 0, 0, QStringLiteral("cannot read: %1").arg(f.error)));
            continue;
        }
        const KubectlReadResult objects = KubectlReader::read(f.bytes, shown);
        out.diagnostics += objects.diagnostics;
        for (const KubeObject &k : objects.objects) {
            ColumnObject co = EvidenceImporter::columnObject(k, column, shown);
            const bool secret = k.id.kind == QLatin1String("secret");
            if (secret) // other kinds hold their values as written (a private key as its fingerprint)
                co.secretValues = secrets;
            secretsSeen = secretsSeen || secret;
            one.set.objects.append(co);
            ++read;
        }
    }
    if (secretsSeen && secrets == FieldFlattener::SecretValues::FingerprintedElsewhere)
        out.diagnostics.append(Diagnostic::warning(out.entry.path, 0, 0,
            QStringLiteral("this capture was made on another machine: its Secret values are fingerprints made "
                           "with that machine's key, so they are shown as unknown here")));
    one.set.contexts[size_t(columnIndex(column))] = c.context;
    out.loaded = true; // the context answered: an object it does not have is absent, not unknown
    out.summary = QStringLiteral("%1 from context %2 (%3%4)")
                      .arg(plural(read, QStringLiteral("object"), QStringLiteral("objects")), c.context,
                          c.serverVersion.isEmpty() ? QStringLiteral("version unknown") : c.serverVersion,
                          c.user.isEmpty() ? QString() : QStringLiteral(", user ") + c.user);
    if (missing)
        out.summary += QStringLiteral("; %1 not found").arg(missing);
    return one;
}

} // namespace

QStringList captureFolders(const QString &capturesFolder)
{
    const QDir dir(capturesFolder);
    // Folder names are UTC times (yyyyMMddTHHmmssZ[-n]): their order is time order.
    QStringList names = dir.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    std::sort(names.begin(), names.end(), [](const QString &a, const QString &b) {
        const QString sa = a.section(QLatin1Char('-'), 0, 0), sb = b.section(QLatin1Char('-'), 0, 0);
        if (sa != sb)
            return sa < sb;
        return a.section(QLatin1Char('-'), 1).toInt() < b.section(QLatin1Char('-'), 1).toInt();
    });
    QStringList out;
    for (auto it = names.crbegin(); it != names.crend(); ++it) {
        if (QFileInfo(dir.filePath(*it) + QStringLiteral("/manifest.json")).isFile())
            out.append(dir.filePath(*it));
    }
    return out;
}

QString newest(const QString &capturesFolder)
{
    return captureFolders(capturesFolder).value(0);
}

std::optional<CaptureManifest> newestFor(const CaseFile &caseFile)
{
    return newestOf<CaptureManifest>(
        caseFile.capturesFolder(), [&caseFile](const CaptureManifest &m) { return matches(caseFile, m); });
}

QList<EntryImport> unavailable(const CaseFile &caseFile, const QString &reason)
{
    CaptureManifest none;
    none.folder = caseFile.capturesFolder();
    for (const KubernetesSource::RoleContext &rc : caseFile.kubernetesSource->roleContexts()) {
        CapturedContext c;
        c.role = rc.role;
        c.context = rc.context;
        c.error = reason;
        none.contexts.append(c);
    }
    return import(caseFile, none);
}

bool matches(const CaseFile &caseFile, const CaptureManifest &manifest)
{
    if (!caseFile.kubernetesSource)
        return manifest.contexts.isEmpty();
    QStringList wanted, read;
    for (const KubernetesSource::RoleContext &rc : caseFile.kubernetesSource->roleContexts())
        wanted.append(evidenceRoleName(rc.role) + QLatin1Char('=') + rc.context);
    for (const CapturedContext &c : manifest.contexts)
        read.append(evidenceRoleName(c.role) + QLatin1Char('=') + c.context);
    wanted.sort();
    read.sort();
    return wanted == read;
}

QList<EntryImport> import(const CaseFile &caseFile, const CaptureManifest &manifest)
{
    QList<EntryImport> out;
    for (const CapturedContext &c : manifest.contexts)
        out.append(importContext(caseFile, manifest, c));
    return out;
}

} // namespace strata::CaptureImport
