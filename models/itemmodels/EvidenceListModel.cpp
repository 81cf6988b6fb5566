#include "EvidenceListModel.h"

#include "core/PlainToolTip.h"

namespace strata {

EvidenceListModel::EvidenceListModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void EvidenceListModel::setItems(const QList<EvidenceItem> &items)
{
    beginResetModel();
    m_items = items;
    endResetModel();
}

int EvidenceListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_items.size());
}

int EvidenceListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EvidenceListModel::data(const QModelIndex &index, int role) const
{
    // Tooltips quote evidence: never let Qt take it for markup.
    if (role == Qt::ToolTipRole)
        return plainToolTip(roleData(index, role).toString());
    return roleData(index, role);
}

QVariant EvidenceListModel::roleData(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const EvidenceItem &item = m_items.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case PathColumn:
            return item.entry.path;
        case RoleColumn:
            if (item.entry.role != EvidenceRole::Unspecified)
                return evidenceRoleName(item.entry.role);
            // What detection chose, so the suggestion is visible and can be overridden.
            if (item.detectedKind.isEmpty())
                return QStringLiteral("auto");
            return QStringLiteral("auto: %1")
                .arg(item.effectiveRole == EvidenceRole::Unspecified ? QStringLiteral("none")
                                                                     : evidenceRoleName(item.effectiveRole));
        case KindColumn:
            if (!item.entry.kind.isEmpty())
                return item.entry.kind;
            return item.detectedKind.isEmpty() ? QStringLiteral("auto") : item.detectedKind;
        case SummaryColumn:
            if (item.problems > 0)
                return QStringLiteral("%1 (%2 problem%3)")
                    .arg(item.summary)
                    .arg(item.problems)
                    .arg(item.problems == 1 ? QString() : QStringLiteral("s"));
            return item.summary;
        case SizeColumn:
            if (!item.exists)
                return QStringLiteral("missing");
            if (item.isDirectory)
                return QStringLiteral("%1 files, %2").arg(item.fileCount).arg(formatByteSize(item.size));
            return formatByteSize(item.size);
        }
        return {};
    case Qt::ToolTipRole:
        if (!item.exists)
            return QStringLiteral("Not found: %1").arg(item.resolvedPath);
        return item.summary.isEmpty() ? item.resolvedPath
                                      : QString(item.resolvedPath + QLatin1Char('\n') + item.summary);
    case Qt::EditRole:
        if (index.column() == RoleColumn)
            return item.entry.role == EvidenceRole::Unspecified ? QStringLiteral("auto")
                                                                : evidenceRoleName(item.entry.role);
        return {};
    case ResolvedPathRole:
        return item.resolvedPath;
    case ExistsRole:
        return item.exists;
    case Qt::TextAlignmentRole:
        if (index.column() == SizeColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    }
    return {};
}

QVariant EvidenceListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case PathColumn:
        return QStringLiteral("Evidence");
    case RoleColumn:
        return QStringLiteral("Role");
    case KindColumn:
        return QStringLiteral("Kind");
    case SizeColumn:
        return QStringLiteral("Size");
    case SummaryColumn:
        return QStringLiteral("Contents");
    }
    return {};
}

Qt::ItemFlags EvidenceListModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags f = QAbstractTableModel::flags(index);
    if (index.isValid() && index.column() == RoleColumn)
        f |= Qt::ItemIsEditable;
    return f;
}

bool EvidenceListModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || index.column() != RoleColumn
        || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    const QString name = value.toString();
    const std::optional<EvidenceRole> chosen
        = name == QLatin1String("auto") ? std::optional(EvidenceRole::Unspecified) : evidenceRoleFromName(name);
    if (!chosen)
        return false;
    // The case is the truth: the window makes the edit (undoable) and feeds the list again.
    Q_EMIT roleChangeRequested(index.row(), *chosen);
    return true;
}

QStringList EvidenceListModel::roleChoices()
{
    QStringList choices { QStringLiteral("auto") };
    for (EvidenceRole r : { EvidenceRole::Code, EvidenceRole::State, EvidenceRole::Live, EvidenceRole::Replica })
        choices.append(evidenceRoleName(r));
    return choices;
}

} // namespace strata
