#include "DiffFilterModel.h"

#include "diff/ResourceDiff.h"
#include "itemmodels/DiffModel.h"

namespace strata {

DiffFilterModel::DiffFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setRecursiveFilteringEnabled(true);
}

void DiffFilterModel::setDifferencesOnly(bool on)
{
    if (m_differencesOnly == on)
        return;
    m_differencesOnly = on;
    invalidateRowsFilter();
}

void DiffFilterModel::setShowNoise(bool on)
{
    if (m_showNoise == on)
        return;
    m_showNoise = on;
    invalidateRowsFilter();
}

void DiffFilterModel::setTextFilter(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (m_text == trimmed)
        return;
    m_text = trimmed;
    invalidateRowsFilter();
}

bool DiffFilterModel::hasChildren(const QModelIndex &parent) const
{
    if (parent.isValid() && !parent.parent().isValid())
        return sourceModel()->hasChildren(mapToSource(parent));
    return QSortFilterProxyModel::hasChildren(parent);
}

bool DiffFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    auto matches = [this](const QModelIndex &i) {
        return i.data(DiffModel::FullTextRole).toString().contains(m_text, Qt::CaseInsensitive);
    };
    if (index.data(DiffModel::IsResourceRole).toBool()) {
        // Otherwise shown only through its visible fields (recursive filtering).
        return !m_differencesOnly && (m_text.isEmpty() || matches(index));
    }
    if (!m_showNoise && index.data(DiffModel::NoiseRole).toBool())
        return false;
    if (m_differencesOnly && (index.data(DiffModel::StatusesRole).toUInt() & unsigned(FieldStatus::Same)))
        return false;
    if (m_text.isEmpty() || matches(sourceParent))
        return true;
    for (int c = DiffModel::FieldColumn; c <= DiffModel::ReplicaColumn; ++c) {
        if (matches(index.siblingAtColumn(c)))
            return true;
    }
    return false;
}

} // namespace strata
