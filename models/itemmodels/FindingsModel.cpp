#include "FindingsModel.h"

#include "core/PlainToolTip.h"

namespace strata {

namespace {
constexpr quintptr findingRowId = 0;
} // namespace

FindingsModel::FindingsModel(QObject *parent)
    : QAbstractItemModel(parent)
{
}

void FindingsModel::setFindings(const QList<Finding> &findings)
{
    beginResetModel();
    m_findings = findings;
    endResetModel();
}

QModelIndex FindingsModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    if (!parent.isValid())
        return createIndex(row, column, findingRowId);
    return createIndex(row, column, quintptr(parent.row()) + 1);
}

QModelIndex FindingsModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == findingRowId)
        return {};
    return createIndex(int(child.internalId() - 1), 0, findingRowId);
}

int FindingsModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_findings.size());
    if (parent.internalId() == findingRowId && parent.column() == 0) {
        const Finding &f = m_findings.at(parent.row());
        // detail, each piece of evidence, the recommendation
        return int(f.evidence.size()) + (f.detail.isEmpty() ? 0 : 1) + (f.recommendation.isEmpty() ? 0 : 1);
    }
    return 0;
}

int FindingsModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant FindingsModel::data(const QModelIndex &index, int role) const
{
    // Tooltips quote evidence: never let Qt take it for markup.
    if (role == Qt::ToolTipRole)
        return plainToolTip(roleData(index, role).toString());
    return roleData(index, role);
}

QVariant FindingsModel::roleData(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const bool isFinding = index.internalId() == findingRowId;
    const Finding &f = m_findings.at(isFinding ? index.row() : qsizetype(index.internalId() - 1));
    switch (role) {
    case FindingIdRole:
        return f.id;
    case SeverityRole:
        return int(f.severity);
    case ResourceRole:
        return f.resource;
    case PathsRole:
        return f.paths;
    case IsFindingRole:
        return isFinding;
    default:
        break;
    }
    if (isFinding) {
        if (role == EvidenceIndexRole)
            return -1;
        if (role == Qt::DisplayRole) {
            switch (index.column()) {
            case SeverityColumn:
                return severityName(f.severity);
            case TitleColumn:
                return f.title;
            case ResourceColumn:
                return f.resource;
            }
        }
        if (role == Qt::ToolTipRole)
            return QStringLiteral("%1 (%2)\n%3").arg(f.title, f.id, f.detail);
        return {};
    }

    // Child rows: detail, evidence…, recommendation.
    int row = index.row();
    if (!f.detail.isEmpty()) {
        if (row == 0) {
            if (role == EvidenceIndexRole)
                return -1;
            if (role == Qt::DisplayRole && index.column() == SeverityColumn)
                return QStringLiteral("what");
            if ((role == Qt::DisplayRole || role == Qt::ToolTipRole) && index.column() == TitleColumn)
                return f.detail;
            return {};
        }
        --row;
    }
    if (role == EvidenceIndexRole)
        return row < f.evidence.size() ? row : -1;
    if (row < f.evidence.size()) {
        const EvidenceRef &e = f.evidence.at(row);
        if (role == LocationRole)
            return e.location.toString();
        if (role == Qt::DisplayRole) {
            if (index.column() == SeverityColumn)
                return QStringLiteral("evidence");
            if (index.column() == TitleColumn)
                return e.quote;
            if (index.column() == ResourceColumn)
                return e.location.toString();
        }
        if (role == Qt::ToolTipRole)
            return QString(e.location.toString() + QLatin1Char('\n') + e.quote);
        return {};
    }
    if (role == Qt::DisplayRole && index.column() == SeverityColumn)
        return QStringLiteral("do");
    if ((role == Qt::DisplayRole || role == Qt::ToolTipRole) && index.column() == TitleColumn)
        return f.recommendation;
    return {};
}

QVariant FindingsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case SeverityColumn:
        return QStringLiteral("Severity");
    case TitleColumn:
        return QStringLiteral("Finding");
    case ResourceColumn:
        return QStringLiteral("Resource");
    }
    return {};
}

} // namespace strata
