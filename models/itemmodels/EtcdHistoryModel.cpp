#include "EtcdHistoryModel.h"

#include "core/ControlCharacters.h"
#include "core/PlainToolTip.h"
#include "history/FieldHistory.h"

namespace strata {

EtcdHistoryModel::EtcdHistoryModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void EtcdHistoryModel::setHistory(const EtcdObjectHistory &history)
{
    beginResetModel();
    m_history = history;
    endResetModel();
}

void EtcdHistoryModel::clear()
{
    setHistory({});
}

QString EtcdHistoryModel::versionText(int row) const
{
    if (row < 0 || row >= m_history.revisions.size())
        return {};
    const ObjectRevision &r = m_history.revisions.at(row);
    QStringList lines { QStringLiteral("revision %1 · version %2 · created at revision %3 · stored as %4")
                            .arg(r.modRevision)
                            .arg(r.version)
                            .arg(r.createRevision)
                            .arg(r.encoding) };
    if (!r.known) {
        lines.append(EtcdObjectHistories::changeText(r));
    } else {
        lines.append(QString());
        lines.append(QStringLiteral("Changed: %1").arg(EtcdObjectHistories::changeText(r)));
        lines.append(QString());
        for (const FieldValue &f : r.fields)
            lines.append(QStringLiteral("%1: %2").arg(f.path, FieldHistory::shownValue(CellValue(f))));
    }
    // Values come from the cluster: each line shown as its characters (a
    // newline inside a value as \n), never as terminal controls.
    for (QString &line : lines)
        line = escapeControlCharacters(line);
    return lines.join(QLatin1Char('\n'));
}

QString EtcdHistoryModel::summary() const
{
    if (m_history.key.isEmpty())
        return {};
    const qsizetype n = m_history.revisions.size();
    QString text = QStringLiteral("%1 version%2 of %3 at %4, revision %5; %6")
                       .arg(n)
                       .arg(n == 1 ? QString() : QStringLiteral("s"))
                       .arg(m_history.key, m_history.endpoint)
                       .arg(m_history.headerRevision)
                       .arg(m_history.error.isEmpty() ? m_history.stop : m_history.error);
    if (m_history.keyGuessed)
        text += QStringLiteral(" (key made from the kind's plural)");
    return escapeControlCharacters(text);
}

int EtcdHistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_history.revisions.size());
}

int EtcdHistoryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EtcdHistoryModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_history.revisions.size())
        return {};
    const ObjectRevision &r = m_history.revisions.at(index.row());
    const auto text = [&]() -> QString {
        switch (index.column()) {
        case RevisionColumn:
            return QString::number(r.modRevision);
        case VersionColumn:
            return QString::number(r.version);
        case EncodingColumn:
            return escapeControlCharacters(r.encoding); // a provider or key name comes from the stored value
        case ChangeColumn:
            return escapeControlCharacters(EtcdObjectHistories::changeText(r));
        default:
            return {};
        }
    };
    switch (role) {
    case Qt::DisplayRole:
        return text();
    case Qt::ToolTipRole:
        return plainToolTip(text());
    case Qt::TextAlignmentRole:
        return index.column() <= VersionColumn ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    default:
        return {};
    }
}

QVariant EtcdHistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case RevisionColumn:
        return QStringLiteral("Revision");
    case VersionColumn:
        return QStringLiteral("Version");
    case EncodingColumn:
        return QStringLiteral("Stored as");
    case ChangeColumn:
        return QStringLiteral("Change (old → new)");
    default:
        return {};
    }
}

} // namespace strata
