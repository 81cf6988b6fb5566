#include "EtcdObjectHistory.h"

#include "diff/FieldFlattener.h"
#include "evidence/CaptureImport.h"
#include "history/FieldHistory.h"
#include "kube/KubectlReader.h"
#include "live/CaptureManifest.h"

#include <QFile>
#include <QHash>

namespace strata {

namespace {

const FieldValue *field(const ObjectRevision &r, const QString &path)
{
    for (const FieldValue &f : r.fields) {
        if (f.path == path)
            return &f;
    }
    return nullptr;
}

QList<RevisionFieldChange> changesBetween(const ObjectRevision &older, const ObjectRevision &newer)
{
    QList<RevisionFieldChange> out;
    QHash<QString, const FieldValue *> before;
    for (const FieldValue &f : older.fields)
        before.insert(f.path, &f);
    for (const FieldValue &f : newer.fields) {
        const FieldValue *b = before.take(f.path);
        if (!b || !b->sameValueAs(f))
            out.append({ f.path, b ? std::optional<CellValue>(*b) : std::nullopt, CellValue(f) });
    }
    for (const FieldValue &f : older.fields) { // gone in the newer version, in the older one's order
        if (before.contains(f.path))
            out.append({ f.path, CellValue(f), std::nullopt });
    }
    return out;
}

} // namespace

std::optional<qint64> EtcdObjectHistory::heldSince(const QString &path, const CellValue &value) const
{
    std::optional<qint64> since;
    for (const ObjectRevision &r : revisions) {
        const FieldValue *f = r.known ? field(r, path) : nullptr;
        if (!f || !f->sameValueAs(value))
            break;
        since = r.modRevision;
    }
    return since;
}

std::optional<EtcdObjectHistory::Held> EtcdObjectHistory::lastHeld(const QString &path, const CellValue &value) const
{
    for (int i = 0; i < revisions.size(); ++i) {
        const ObjectRevision &r = revisions.at(i);
        const FieldValue *f = r.known ? field(r, path) : nullptr;
        if (f && f->sameValueAs(value)) {
            Held held { r.modRevision, 0 };
            // The newest versions come first: the one before i in the list changed it.
            for (int j = i - 1; j >= 0; --j) {
                if (!revisions.at(j).known) { // what it held is not known: keep looking, and say so
                    held.supersededAtTheLatest = true;
                    continue;
                }
                const FieldValue *g = field(revisions.at(j), path);
                if (!g || !g->sameValueAs(value)) {
                    held.supersededAt = revisions.at(j).modRevision;
                    break;
                }
            }
            return held;
        }
    }
    return std::nullopt;
}

QList<EtcdObjectHistory> EtcdObjectHistories::read(const EtcdHistoryManifest &manifest, QStringList *problems)
{
    FieldFlattener::Options options;
    options.secretValues = manifest.fingerprintCheck == CaptureManifest::fingerprintCheckText()
        ? FieldFlattener::SecretValues::Fingerprinted
        : FieldFlattener::SecretValues::FingerprintedElsewhere;
    QList<EtcdObjectHistory> out;
    for (const CapturedKeyHistory &k : manifest.keys) {
        EtcdObjectHistory h;
        h.object = k.object;
        h.key = k.key;
        h.keyGuessed = k.keyGuessed;
        h.endpoint = k.endpoint;
        h.headerRevision = k.headerRevision;
        h.stop = k.stop;
        h.complete = k.complete;
        h.error = k.error;
        // The kept versions, by their resourceVersion (= mod revision).
        QHash<qint64, QList<FieldValue>> fieldsAt;
        if (!k.file.isEmpty()) {
            const QString path = manifest.folder + QLatin1Char('/') + k.file;
            QFile file(path);
            if (!file.open(QIODevice::ReadOnly)) {
                problems->append(QStringLiteral("%1: %2").arg(path, file.errorString()));
            } else {
                const KubectlReadResult read = KubectlReader::read(file.readAll(), path);
                for (const Diagnostic &d : read.diagnostics) {
                    if (d.severity == Diagnostic::Severity::Error)
                        problems->append(d.toString());
                }
                for (const KubeObject &o : read.objects) {
                    QList<FieldValue> fields;
                    for (FieldValue &f : FieldFlattener::flatten(o.object, options)) {
                        if (!f.noise)
                            fields.append(std::move(f));
                    }
                    fieldsAt.insert(o.resourceVersion.toLongLong(), std::move(fields));
                }
            }
        }
        for (const CapturedKeyHistory::Version &v : k.versions) {
            ObjectRevision r;
            r.modRevision = v.modRevision;
            r.createRevision = v.createRevision;
            r.version = v.version;
            r.encoding = v.encoding;
            r.error = v.error;
            const auto found = fieldsAt.constFind(v.modRevision);
            r.known = v.kept && found != fieldsAt.cend();
            if (r.known)
                r.fields = *found;
            else if (r.error.isEmpty() && v.kept)
                r.error = QStringLiteral("not in the capture's files");
            h.revisions.append(std::move(r));
        }
        for (int i = 0; i + 1 < h.revisions.size(); ++i) {
            if (h.revisions.at(i).known && h.revisions.at(i + 1).known)
                h.revisions[i].changes = changesBetween(h.revisions.at(i + 1), h.revisions.at(i));
        }
        out.append(std::move(h));
    }
    return out;
}

std::optional<EtcdHistoryManifest> EtcdObjectHistories::newest(const CaseFile &caseFile, QString *error)
{
    const QString folder = CaptureImport::newest(EtcdHistoryCapture::capturesRoot(caseFile));
    if (folder.isEmpty())
        return std::nullopt;
    return EtcdHistoryManifest::read(folder, error);
}

QString EtcdObjectHistories::changeText(const ObjectRevision &revision)
{
    if (!revision.known)
        return revision.error.isEmpty() ? QStringLiteral("value %1").arg(revision.encoding)
                                        : QStringLiteral("value not decoded: %1").arg(revision.error);
    if (revision.version == 1)
        return QStringLiteral("created");
    if (revision.changes.isEmpty())
        return QStringLiteral("no field changed (bookkeeping only: status, managedFields, …)");
    QStringList parts;
    for (const RevisionFieldChange &c : revision.changes)
        parts.append(QStringLiteral("%1: %2 → %3")
                         .arg(c.path, FieldHistory::shownValue(c.before), FieldHistory::shownValue(c.after)));
    return parts.join(QStringLiteral("; "));
}

} // namespace strata
