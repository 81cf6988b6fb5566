#pragma once

#include <QSortFilterProxyModel>

namespace strata {

// The diff view's filters on top of DiffModel: "differences only" and
// "show noise fields" (resourceVersion, uid, managedFields, …; hidden by
// default). A resource stays visible while any of its fields does.
class DiffFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit DiffFilterModel(QObject *parent = nullptr);

    bool differencesOnly() const { return m_differencesOnly; }
    void setDifferencesOnly(bool on);
    bool showNoise() const { return m_showNoise; }
    void setShowNoise(bool on);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    bool m_differencesOnly = false;
    bool m_showNoise = false;
};

} // namespace strata
