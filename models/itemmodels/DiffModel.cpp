#include "DiffModel.h"

#include "diff/FieldManagers.h"

#include "core/PlainToolTip.h"

#include "diff/StatusText.h"

#include <QFileInfo>
#include <QRegularExpression>

namespace strata {

namespace {
// Internal ids: 0 for resource rows, resource row + 1 for field rows.
constexpr quintptr resourceRowId = 0;

// A resource row's cell for a column that does not hold the object: say
// whether that column was read at all, so "—" never stands for "unknown".
QString absentIdentityText(const ResourceDiff &r, Column c)
{
    switch (r.coverage[size_t(columnIndex(c))]) {
    case ColumnEvidence::Incomplete:
        return QStringLiteral("(not read)");
    case ColumnEvidence::Read:
        return QStringLiteral("(not in evidence)");
    case ColumnEvidence::None:
        break;
    }
    return QStringLiteral("—");
}

} // namespace

DiffModel::CellState DiffModel::cellState(const ResourceDiff &r, const FieldDiff &f, Column c)
{
    if (f.unknownColumns & columnBit(c))
        return r.coverage[size_t(columnIndex(c))] == ColumnEvidence::Incomplete ? CellState::NotRead
                                                                                : CellState::NotInEvidence;
    const DiffCell &cell = f.cell(c);
    if (!cell.present)
        return CellState::Absent;
    switch (cell.value.kind) {
    case FieldValue::Kind::Unknown:
        return CellState::Unknown;
    case FieldValue::Kind::Secret:
        return CellState::Secret;
    case FieldValue::Kind::Scalar:
        break;
    }
    return CellState::Value;
}

QString DiffModel::cellText(const ResourceDiff &r, const FieldDiff &f, Column c)
{
    switch (cellState(r, f, c)) {
    case CellState::NotRead:
        return QStringLiteral("(not read)");
    case CellState::NotInEvidence:
        return QStringLiteral("(not in evidence)");
    case CellState::Absent:
        // A column without the object at all (and without evidence) shows nothing.
        return r.identity(c).present ? QStringLiteral("—") : QString();
    case CellState::Unknown:
        return QStringLiteral("(unknown)");
    case CellState::Secret:
        return QStringLiteral("•••• %1").arg(f.cell(c).value.text.section(QLatin1Char(':'), -1));
    case CellState::Value:
        break;
    }
    return f.cell(c).value.text;
}

DiffModel::DiffModel(QObject *parent)
    : QAbstractItemModel(parent)
{
}

void DiffModel::setDiff(const QList<ResourceDiff> &diff)
{
    beginResetModel();
    m_diff = diff;
    endResetModel();
}

void DiffModel::setColumns(const std::array<QString, strata::columnCount> &origins, const ColumnCoverage &coverage,
    const std::array<QString, strata::columnCount> &remarks)
{
    m_origins = origins;
    m_remarks = remarks;
    m_coverage = coverage;
    Q_EMIT headerDataChanged(Qt::Horizontal, CodeColumn, ReplicaColumn);
}

QModelIndex DiffModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    if (!parent.isValid())
        return createIndex(row, column, resourceRowId);
    return createIndex(row, column, quintptr(parent.row()) + 1);
}

QModelIndex DiffModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == resourceRowId)
        return {};
    return createIndex(int(child.internalId() - 1), 0, resourceRowId);
}

int DiffModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_diff.size());
    if (parent.internalId() == resourceRowId && parent.column() == 0)
        return int(m_diff.at(parent.row()).fields.size());
    return 0;
}

int DiffModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QModelIndex DiffModel::indexOf(const QString &resourceId, const QString &path, int column) const
{
    for (qsizetype r = 0; r < m_diff.size(); ++r) {
        if (m_diff.at(r).id.toString() != resourceId)
            continue;
        const QModelIndex parentIndex = index(int(r), 0);
        if (path.isEmpty())
            return index(int(r), column);
        const auto &fields = m_diff.at(r).fields;
        for (qsizetype f = 0; f < fields.size(); ++f) {
            if (fields.at(f).path == path)
                return index(int(f), column, parentIndex);
        }
    }
    return {};
}

QVariant DiffModel::data(const QModelIndex &index, int role) const
{
    // Tooltips quote evidence: never let Qt take it for markup.
    if (role == Qt::ToolTipRole)
        return plainToolTip(roleData(index, role).toString());
    return roleData(index, role);
}

QVariant DiffModel::roleData(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    if (index.internalId() == resourceRowId)
        return resourceData(m_diff.at(index.row()), index.column(), role);
    const ResourceDiff &r = m_diff.at(qsizetype(index.internalId() - 1));
    return fieldData(r, r.fields.at(index.row()), index.column(), role);
}

QVariant DiffModel::resourceData(const ResourceDiff &r, int column, int role) const
{
    switch (role) {
    case IsResourceRole:
        return true;
    case ResourceIdRole:
        return r.id.toString();
    case StatusesRole: {
        unsigned bits = 0;
        for (const FieldDiff &f : r.fields) {
            if (!f.noise)
                bits |= f.statuses;
        }
        return bits;
    }
    case LocationRole:
        if (isValueColumn(column))
            return r.identity(valueColumn(column)).location.toString();
        return {};
    case FullTextRole:
    case Qt::DisplayRole:
        if (column == FieldColumn)
            return r.id.toString();
        if (isValueColumn(column)) {
            const ColumnIdentity &id = r.identity(valueColumn(column));
            if (!id.present)
                return absentIdentityText(r, valueColumn(column));
            QStringList parts;
            if (!id.terraformAddress.isEmpty() && valueColumn(column) == Column::Code)
                parts.append(id.location.isValid()
                        ? QStringLiteral("%1:%2").arg(QFileInfo(id.location.file).fileName()).arg(id.location.line)
                        : id.terraformAddress);
            if (id.stateSerial >= 0)
                parts.append(QStringLiteral("serial %1").arg(id.stateSerial));
            if (!id.resourceVersion.isEmpty())
                parts.append(QStringLiteral("rv %1").arg(id.resourceVersion));
            return parts.join(QStringLiteral(", "));
        }
        if (column == StatusColumn)
            return StatusText::resource(r);
        return {};
    case Qt::ToolTipRole:
        if (column == FieldColumn)
            return r.id.toString();
        if (column == StatusColumn)
            return StatusText::resourceExplanation(r);
        if (isValueColumn(column)) {
            const ColumnIdentity &id = r.identity(valueColumn(column));
            if (!id.present)
                return r.coverage[size_t(column - CodeColumn)] == ColumnEvidence::None
                    ? QStringLiteral("No %1 evidence in this case").arg(columnName(valueColumn(column)))
                    : StatusText::noEvidenceReason(r, valueColumn(column));
            QStringList lines { id.origin };
            if (!id.terraformAddress.isEmpty())
                lines.append(id.terraformAddress);
            if (!id.stateLineage.isEmpty())
                lines.append(QStringLiteral("lineage %1").arg(id.stateLineage));
            if (!id.uid.isEmpty())
                lines.append(QStringLiteral("uid %1").arg(id.uid));
            return lines.join(QLatin1Char('\n'));
        }
        return {};
    }
    return {};
}

QVariant DiffModel::fieldData(const ResourceDiff &r, const FieldDiff &f, int column, int role) const
{
    switch (role) {
    case IsResourceRole:
        return false;
    case StatusesRole:
        return f.statuses;
    case NoiseRole:
        return f.noise;
    case PathRole:
        return f.path;
    case ResourceIdRole:
        return r.id.toString();
    case CellPresentRole:
        return isValueColumn(column) ? QVariant(f.cell(valueColumn(column)).present) : QVariant();
    case CellKindRole:
        return isValueColumn(column) ? QVariant(int(f.cell(valueColumn(column)).value.kind)) : QVariant();
    case CellStateRole:
        return isValueColumn(column) ? QVariant(int(cellState(r, f, valueColumn(column)))) : QVariant();
    case CellStatusRole:
        if (isValueColumn(column))
            return f.cellStatus(valueColumn(column));
        return column == StatusColumn ? QVariant(f.statuses) : QVariant();
    case LocationRole:
        if (isValueColumn(column)) {
            const DiffCell &cell = f.cell(valueColumn(column));
            return cell.present ? cell.value.location.toString() : QString();
        }
        return {};
    case Qt::DisplayRole:
    case FullTextRole:
        if (column == FieldColumn)
            return f.path;
        if (isValueColumn(column))
            return cellText(r, f, valueColumn(column));
        if (column == StatusColumn)
            return StatusText::field(r, f);
        return {};
    case Qt::ToolTipRole: {
        if (column == FieldColumn)
            return f.path;
        if (column == StatusColumn)
            return StatusText::fieldExplanation(r, f);
        if (!isValueColumn(column))
            return {};
        const Column c = valueColumn(column);
        const DiffCell &cell = f.cell(c);
        switch (cellState(r, f, c)) {
        case CellState::NotRead:
        case CellState::NotInEvidence:
            return QStringLiteral("Unknown: %1.").arg(StatusText::noEvidenceReason(r, c));
        case CellState::Absent:
            return r.identity(c).present ? QStringLiteral("Absent in %1").arg(columnName(c))
                                         : QStringLiteral("No %1 evidence in this case").arg(columnName(c));
        case CellState::Unknown:
            return QStringLiteral("Unknown until apply: %1\n%2").arg(cell.value.text, cell.value.location.toString());
        case CellState::Secret:
            return QStringLiteral("Secret value, never shown. Equal fingerprints mean equal values.\n%1")
                .arg(cell.value.location.toString());
        case CellState::Value:
            break;
        }
        // The whole value (the cell may elide it), where it was read, and
        // who last wrote it there when the server says (managedFields).
        QString tip = cell.value.text + QLatin1Char('\n') + cell.value.location.toString();
        const QStringList writers = FieldManagers::lastWriters(r.identity(c).managedFields, f.path);
        if (!writers.isEmpty())
            tip += QStringLiteral("\nLast set by ") + writers.join(QStringLiteral(", "));
        return tip;
    }
    }
    return {};
}

QVariant DiffModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role == Qt::ToolTipRole)
        return plainToolTip(columnHeaderData(section, orientation, role).toString());
    return columnHeaderData(section, orientation, role);
}

QVariant DiffModel::columnHeaderData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
        case FieldColumn:
            return QStringLiteral("Field");
        case StatusColumn:
            return QStringLiteral("Status");
        default:
            if (isValueColumn(section)) {
                const QString origin = m_origins[size_t(columnIndex(valueColumn(section)))];
                const QString title = columnTitle(valueColumn(section));
                if (m_coverage[size_t(section - CodeColumn)] == ColumnEvidence::Incomplete)
                    return QStringLiteral("%1 · ⚠ not all read").arg(title);
                // A file of a commit is "a1b2c3d:dir/file": the remark names the commit.
                static const QRegularExpression inCommit(QStringLiteral("^[0-9a-f]{7}:"));
                const QString path = QString(origin).remove(inCommit);
                QString header
                    = origin.isEmpty() ? title : QStringLiteral("%1 · %2").arg(title, QFileInfo(path).fileName());
                const QString &remark = m_remarks[size_t(columnIndex(valueColumn(section)))];
                return remark.isEmpty() ? header : QStringLiteral("%1 · %2").arg(header, remark);
            }
        }
    }
    if (role == Qt::ToolTipRole && isValueColumn(section)) {
        const QString origin = m_origins[size_t(columnIndex(valueColumn(section)))];
        QString tip = origin.isEmpty()
            ? QStringLiteral("No %1 evidence was read in this case").arg(columnName(valueColumn(section)))
            : QStringLiteral("%1 from %2").arg(columnTitle(valueColumn(section)), origin);
        if (const QString &remark = m_remarks[size_t(columnIndex(valueColumn(section)))]; !remark.isEmpty())
            tip += QStringLiteral(" (%1)").arg(remark);
        if (m_coverage[size_t(section - CodeColumn)] == ColumnEvidence::Incomplete)
            tip += QStringLiteral("\nSome %1 evidence could not be read: objects missing here are unknown.")
                       .arg(columnName(valueColumn(section)));
        return tip;
    }
    return {};
}

} // namespace strata
