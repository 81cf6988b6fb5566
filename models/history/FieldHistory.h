#pragma once

#include "case/CaseFile.h"
#include "core/Diagnostic.h"
#include "core/ResourceId.h"
#include "diff/FieldValue.h"
#include "git/GitCommit.h"

#include <QHash>

#include <functional>
#include <optional>

namespace strata {

class JobContext;

// What is asked: one field of an object as the code sets it
// ("data.max_cart_items"), or every field of it (an empty field).
struct HistoryTarget
{
    ResourceId resource;
    QString field;
    // Only the commits that set the field to this text (when did the code
    // last say "25"?); every change when empty.
    std::optional<QString> setTo;
};

// One commit that changed what the code evaluates to for a target: the
// object appearing or going (an empty field), or one field's value.
struct FieldChange
{
    // Moved: the object's Terraform address changed (a rename, a move into a
    // module); `before` and `after` hold the addresses, not field values.
    enum class Object { Unchanged, Added, Removed, Moved };

    GitCommit commit;
    Object object = Object::Unchanged; // with an empty field: the object appeared or went
    ResourceId resource;
    QString field; // empty: the object itself was added or removed
    std::optional<CellValue> before; // nullopt: absent before this commit
    std::optional<CellValue> after; // nullopt: absent after it
    bool movedBlock = false; // Moved: a `moved` block in the code says so
};

struct HistoryResult
{
    GitCommit start; // the resolved ref the walk began at
    QList<FieldChange> changes; // newest first
    int commitsWalked = 0;
    int commitsRead = 0; // commits that touched the stack, parsed and evaluated
    bool shallow = false; // a shallow clone: history stops where the clone does
    bool cancelled = false;
    QList<Diagnostic> diagnostics; // why nothing could be walked, and what could not be read
};

// The history of what the Terraform code says, from `sources.terraform`:
// walks the commits reachable from its ref (newest first, as `git log`),
// recognises those that did not touch the stack's folder by its tree id
// alone (nothing is parsed for them), and evaluates the stack only at the
// commits that did, once per distinct folder content. Values are the diff's
// own (secrets as fingerprints), so history says what the Code column says.
namespace FieldHistory {

// Paths that are secret for an object although the code alone does not say
// so: Terraform state's sensitive_attributes. Their values are fingerprints
// in the history as in the diff.
using SensitivePaths = QHash<ResourceId, QStringList>;

// The state's sensitive paths, read from what `sources.terraform` names as
// its state (nothing when it names none or it cannot be read).
SensitivePaths sensitivePathsOfState(const CaseFile &caseFile);

// `limit`: changes per target (0 for all); the walk stops once every target
// has that many. `onChange` sees each change as it is found.
HistoryResult run(const CaseFile &caseFile, const QList<HistoryTarget> &targets, int limit = 0,
    const JobContext *context = nullptr, const std::function<void(const FieldChange &)> &onChange = {},
    const SensitivePaths &sensitive = {});

// "a1b2c3d  2026-11-03 14:05:09 +0100  Ana Lima  data.max_cart_items: "25" → "50"  Raise the cart limit"
QString describe(const FieldChange &change);
// A value as history shows it: "25" quoted, (absent), (secret fp…), (unknown: why).
QString shownValue(const std::optional<CellValue> &value);
// The change alone: `data.max_cart_items: "25" → "50"`, "configmap/shop/flags added".
QString changeText(const FieldChange &change);

} // namespace FieldHistory

} // namespace strata
