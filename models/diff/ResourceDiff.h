#pragma once

#include "core/ResourceId.h"
#include "core/SourceLocation.h"
#include "core/Value.h"
#include "diff/Column.h"
#include "diff/ColumnSlots.h"
#include "diff/FieldFlattener.h"
#include "diff/FieldValue.h"

#include <QList>

#include <array>

namespace strata {

// Where one column's copy of an object came from and which version it is.
struct ColumnIdentity
{
    bool present = false;
    QString origin; // the evidence file (or, later, context/endpoint) it came from
    SourceLocation location; // where the object starts (code: the resource block)
    QString resourceVersion; // live/replica: metadata.resourceVersion; state: recorded resource_version
    QString uid;
    QString terraformAddress; // code/state: e.g. kubernetes_config_map.feature_flags
    qint64 stateSerial = -1; // state only
    QString stateLineage; // state only
    Value managedFields; // live/replica: kubectl's metadata.managedFields, for "who changed this"
};

// One column's copy of an object, as the diff receives it from any source.
struct ColumnObject
{
    Column column = Column::Live;
    ResourceId id;
    Value object; // kubectl-shaped
    ColumnIdentity identity;
    bool secretDataIsBase64 = true; // kubectl yes; Terraform no
    FieldFlattener::SecretValues secretValues = FieldFlattener::SecretValues::AsWritten; // a capture: fingerprints
    bool partial = false; // owns only the fields it sets (kubernetes_config_map_v1_data)
    // No object: the column's source was asked for it and could not answer.
    // Makes the column unknown for this object, so nothing calls it missing.
    bool unread = false;
    // Paths Terraform marks sensitive on this object (state's
    // sensitive_attributes, the provider's schema): secret in every column.
    QStringList sensitivePaths;
};

enum class FieldStatus : unsigned {
    Same = 0x1,
    Drift = 0x2, // live differs from state (or from code where there is no state)
    Pending = 0x4, // code differs from state: an unapplied change
    Stale = 0x8, // replica differs from live
    Missing = 0x10, // absent in a column that has the object
    NoEvidence = 0x20, // a column with evidence has no copy of the object, or fewer than two columns hold it
};
// Every status that says two columns disagree (as opposed to Same and NoEvidence).
constexpr unsigned differenceStatuses = unsigned(FieldStatus::Drift) | unsigned(FieldStatus::Pending)
    | unsigned(FieldStatus::Stale) | unsigned(FieldStatus::Missing);
QString fieldStatusName(FieldStatus s);

struct DiffCell
{
    // Potentially overlapping, so `present` takes a byte of the value's
    // padding: 48 bytes a cell, not 56 (twelve fields in four columns make
    // 48 cells an object).
    [[no_unique_address]] CellValue value;
    bool present = false;
};
static_assert(sizeof(void *) != 8 || sizeof(DiffCell) == 48, "one per column of every field of every object");

// The cells of one field, one per column that holds it (a field in one
// column: 56 bytes, was four cells of 72).
using FieldCells = ColumnSlots<DiffCell>;

struct FieldDiff
{
    QString path;
    FieldCells cells;
    unsigned statuses = 0; // FieldStatus bits
    unsigned unknownColumns = 0; // columnBit()s of columns with evidence but no copy of this object
    // Per column, the statuses that cell is the odd one out for: drift marks
    // live, pending marks code, stale marks replica, no-evidence the column
    // that has nothing for this object; missing marks the absent cell when no
    // other status does.
    std::array<unsigned char, columnCount> cellStatuses {};
    bool noise = false;
    bool secret = false;

    bool has(FieldStatus s) const { return statuses & unsigned(s); }
    // Two columns that hold the field disagree.
    bool isDifference() const { return statuses & differenceStatuses; }
    // Not every column that should hold the field does: never read as "same".
    bool isUnknown() const { return has(FieldStatus::NoEvidence); }
    const DiffCell &cell(Column c) const { return cells[size_t(columnIndex(c))]; }
    unsigned cellStatus(Column c) const { return cellStatuses[size_t(columnIndex(c))]; }
    QStringList statusNames() const;
};

struct ResourceDiff
{
    ResourceId id;
    bool investigated = false; // named in the case's `resources`
    ColumnSlots<ColumnIdentity> identities; // of the columns that hold a copy: most objects are in one or two
    ColumnCoverage coverage {}; // what the case holds for each column as a whole
    QList<FieldDiff> fields;
    // Columns whose source was asked for this object and could not say
    // (a 403, a timeout, a cancelled read): unknown there, never "absent".
    unsigned unreadColumns = 0;

    const ColumnIdentity &identity(Column c) const { return identities[size_t(columnIndex(c))]; }
    bool hasDifferences(bool includeNoise = false) const;
    // Some field could not be compared in every column the case has.
    bool hasUnknowns() const;
};

} // namespace strata
