#pragma once

#include "case/CaseFile.h"

#include <QString>

#include <array>
#include <optional>

namespace strata {

// The diff's four columns, in the order they are shown: what the Terraform
// code says, what Terraform state recorded at the last apply, what the live
// cluster serves, and what a read replica (another API context) serves.
enum class Column { Code = 0, State = 1, Live = 2, Replica = 3 };

constexpr int columnCount = 4;
constexpr std::array<Column, columnCount> allColumns = { Column::Code, Column::State, Column::Live, Column::Replica };

inline int columnIndex(Column c)
{
    return int(c);
}

inline QString columnName(Column c)
{
    switch (c) {
    case Column::Code:
        return QStringLiteral("code");
    case Column::State:
        return QStringLiteral("state");
    case Column::Live:
        return QStringLiteral("live");
    case Column::Replica:
        return QStringLiteral("replica");
    }
    return {};
}

inline QString columnTitle(Column c)
{
    switch (c) {
    case Column::Code:
        return QStringLiteral("Code");
    case Column::State:
        return QStringLiteral("State");
    case Column::Live:
        return QStringLiteral("Live");
    case Column::Replica:
        return QStringLiteral("Replica");
    }
    return {};
}

// What a case holds for one column as a whole: no evidence at all (the column
// is not part of this case), evidence that was read completely, or evidence of
// which some could not be read. An object absent from a column that has
// evidence is unknown there, never "the same".
enum class ColumnEvidence { None, Read, Incomplete };
using ColumnCoverage = std::array<ColumnEvidence, columnCount>;

inline unsigned columnBit(Column c)
{
    return 1u << unsigned(c);
}

// The column an evidence role feeds; none for evidence without a role.
inline std::optional<Column> columnForRole(EvidenceRole role)
{
    switch (role) {
    case EvidenceRole::Code:
        return Column::Code;
    case EvidenceRole::State:
        return Column::State;
    case EvidenceRole::Live:
        return Column::Live;
    case EvidenceRole::Replica:
        return Column::Replica;
    case EvidenceRole::Unspecified:
        break;
    }
    return std::nullopt;
}

} // namespace strata
