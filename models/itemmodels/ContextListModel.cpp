#include "ContextListModel.h"

#include "core/ControlCharacters.h"

#include <QFont>

namespace strata {

ContextListModel::ContextListModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void ContextListModel::setContexts(const KubeContextList &contexts)
{
    beginResetModel();
    m_list = contexts;
    endResetModel();
}

void ContextListModel::setRoles(const std::optional<KubernetesSource> &source)
{
    m_source = source;
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

void ContextListModel::setCapture(const std::optional<CaptureManifest> &capture)
{
    m_capture = capture;
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

int ContextListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_list.contexts.size());
}

int ContextListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QStringList ContextListModel::roleChoices()
{
    return { QStringLiteral("none"), QStringLiteral("live"), QStringLiteral("replica") };
}

QString ContextListModel::contextAt(int row) const
{
    return row >= 0 && row < m_list.contexts.size() ? m_list.contexts.at(row).name : QString();
}

EvidenceRole ContextListModel::roleOf(const QString &context) const
{
    if (!m_source)
        return EvidenceRole::Unspecified;
    if (m_source->liveContext == context)
        return EvidenceRole::Live;
    if (m_source->replicaContext == context)
        return EvidenceRole::Replica;
    return EvidenceRole::Unspecified;
}

const CapturedContext *ContextListModel::readOf(const QString &context) const
{
    if (!m_capture)
        return nullptr;
    for (const CapturedContext &c : m_capture->contexts) {
        if (c.context == context)
            return &c;
    }
    return nullptr;
}

QString ContextListModel::stateText(const QString &context) const
{
    const CapturedContext *c = readOf(context);
    if (!c)
        return roleOf(context) == EvidenceRole::Unspecified ? QString() : QStringLiteral("not read yet");
    if (!c->reachable)
        return QStringLiteral("✗ ") + c->error;
    int read = 0, missing = 0, failed = 0;
    for (const CapturedObject &o : c->objects) {
        if (o.notFound())
            ++missing;
        else if (!o.file.isEmpty())
            ++read;
        else
            ++failed;
    }
    QString text = QStringLiteral("✓ %1, %2 ms · %3 read").arg(c->serverVersion).arg(c->versionLatencyMs).arg(read);
    if (missing)
        text += QStringLiteral(", %1 not found").arg(missing);
    if (failed)
        text += QStringLiteral(", ✗ %1 refused: %2").arg(failed).arg(c->error.isEmpty() ? QString() : c->error);
    if (!c->warning.isEmpty())
        text += QStringLiteral(" · ⚠ ") + c->warning;
    return text;
}

QVariant ContextListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_list.contexts.size())
        return {};
    const KubeContextSummary &c = m_list.contexts.at(index.row());
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole || role == Qt::EditRole) {
        QString text;
        switch (Column(index.column())) {
        case ContextColumn:
            text = c.current ? c.name + QStringLiteral(" (current)") : c.name;
            break;
        case RoleColumn: {
            const EvidenceRole r = roleOf(c.name);
            text = r == EvidenceRole::Unspecified ? (role == Qt::EditRole ? QStringLiteral("none") : QString())
                                                  : evidenceRoleName(r);
            break;
        }
        case StateColumn:
            text = stateText(c.name);
            break;
        case ClusterColumn:
            text = c.cluster;
            break;
        case UserColumn:
            text = c.authKind.isEmpty() ? c.user : QStringLiteral("%1 (%2)").arg(c.user, c.authKind);
            break;
        case ServerColumn:
            text = c.server;
            break;
        case ColumnCount:
            break;
        }
        return escapeControlCharacters(text); // names from a kubeconfig are untrusted text
    }
    if (role == Qt::FontRole && index.column() == RoleColumn && roleOf(c.name) != EvidenceRole::Unspecified) {
        QFont bold;
        bold.setBold(true);
        return bold;
    }
    return {};
}

QVariant ContextListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    static const char *names[] = { "Context", "Role", "Last read", "Cluster", "User", "Server" };
    return section >= 0 && section < ColumnCount ? QString::fromLatin1(names[section]) : QVariant();
}

Qt::ItemFlags ContextListModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags f = QAbstractTableModel::flags(index);
    if (index.column() == RoleColumn)
        f |= Qt::ItemIsEditable;
    return f;
}

bool ContextListModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || index.column() != RoleColumn || index.row() >= m_list.contexts.size())
        return false;
    const QString choice = value.toString();
    const EvidenceRole wanted = evidenceRoleFromName(choice).value_or(EvidenceRole::Unspecified);
    if (wanted != EvidenceRole::Unspecified && wanted != EvidenceRole::Live && wanted != EvidenceRole::Replica)
        return false;
    const QString context = m_list.contexts.at(index.row()).name;
    if (wanted == roleOf(context))
        return false;
    Q_EMIT roleChangeRequested(context, wanted);
    return true;
}

} // namespace strata
