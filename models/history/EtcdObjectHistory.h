#pragma once

#include "diff/FieldValue.h"
#include "live/EtcdHistoryCapture.h"

#include <QList>
#include <QString>

#include <optional>

namespace strata {

// One field that differs from the version before (the fields a created
// object starts with have no `before`).
struct RevisionFieldChange
{
    QString path;
    std::optional<CellValue> before;
    std::optional<CellValue> after;
};

// One version of an object in etcd, as the diff would see it.
struct ObjectRevision
{
    qint64 modRevision = 0; // the object's resourceVersion at this version
    qint64 createRevision = 0;
    qint64 version = 0;
    QString encoding; // "protobuf", "JSON", "encrypted at rest (aescbc v1, key key1)"
    QString error; // why its value is not known ("" when it is)
    bool known = false; // its fields were decoded
    QList<FieldValue> fields; // non-noise fields, flattened as the diff flattens them
    QList<RevisionFieldChange> changes; // against the older version; empty when either is unknown
};

// What etcd still holds of one object: every version newest first, read
// from a history capture (made just now or re-opened offline).
struct EtcdObjectHistory
{
    QString object; // "configmap/platform/feature-flags" or a key
    QString key;
    bool keyGuessed = false;
    QString endpoint;
    qint64 headerRevision = 0;
    QList<ObjectRevision> revisions; // newest first
    QString stop; // where the history ends, in words
    bool complete = false; // back to the key's creation
    QString error;

    // The revision since which `path` has held `value` (its oldest version,
    // walking back from the newest, that still has it), if the newest has it.
    std::optional<qint64> heldSince(const QString &path, const CellValue &value) const;
    // The newest version whose `path` holds `value`, and the first revision
    // after it that changed the field (0 when none did).
    struct Held
    {
        qint64 revision = 0;
        qint64 supersededAt = 0;
        // A version between them is not decoded (encrypted, undecodable): the
        // value was replaced at `supersededAt` at the latest, perhaps earlier.
        bool supersededAtTheLatest = false;
    };
    std::optional<Held> lastHeld(const QString &path, const CellValue &value) const;
};

namespace EtcdObjectHistories {
// Every object of a capture; problems reading its files are said in `problems`.
QList<EtcdObjectHistory> read(const EtcdHistoryManifest &manifest, QStringList *problems);
// The newest capture under the case's captures/etcd-history, if any.
std::optional<EtcdHistoryManifest> newest(const CaseFile &caseFile, QString *error);
// `data.mode: "a" → "b"`, "created", "value encrypted at rest (…)"; changes joined by "; ".
QString changeText(const ObjectRevision &revision);
} // namespace EtcdObjectHistories

} // namespace strata
