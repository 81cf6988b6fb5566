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

bool DiffFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (index.data(DiffModel::IsResourceRole).toBool())
        return !m_differencesOnly; // otherwise shown only through its differing fields (recursive filtering)
    if (!m_showNoise && index.data(DiffModel::NoiseRole).toBool())
        return false;
    if (m_differencesOnly && (index.data(DiffModel::StatusesRole).toUInt() & unsigned(FieldStatus::Same)))
        return false; // FieldStatus::Same
    return true;
}

} // namespace strata
