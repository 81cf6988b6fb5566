#pragma once

#include "case/CaseFile.h"
#include "live/CaptureManifest.h"
#include "live/KubeContexts.h"

#include <QAbstractTableModel>

#include <optional>

namespace strata {

// The Sources dock's contexts: every context of the case's kubeconfigs with
// its cluster, user (and how it authenticates), server, the role the case
// gives it (live, replica or none: editable) and what the last read of it
// found (reachable, server version, latency, objects, or why not).
class ContextListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { ContextColumn, RoleColumn, StateColumn, ClusterColumn, UserColumn, ServerColumn, ColumnCount };

    explicit ContextListModel(QObject *parent = nullptr);

    void setContexts(const KubeContextList &contexts);
    // The roles the case gives (sources.kubernetes.contexts).
    void setRoles(const std::optional<KubernetesSource> &source);
    // What the newest read (or capture re-opened) found.
    void setCapture(const std::optional<CaptureManifest> &capture);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    // Editing the Role column asks for the change; the window makes it (undoably).
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    static QStringList roleChoices(); // "none", "live", "replica"
    QString contextAt(int row) const;

Q_SIGNALS:
    void roleChangeRequested(const QString &context, strata::EvidenceRole role);

private:
    EvidenceRole roleOf(const QString &context) const;
    const CapturedContext *readOf(const QString &context) const;
    QString stateText(const QString &context) const;

    KubeContextList m_list;
    std::optional<KubernetesSource> m_source;
    std::optional<CaptureManifest> m_capture;
};

} // namespace strata
