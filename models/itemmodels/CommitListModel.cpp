#include "CommitListModel.h"

#include "core/ControlCharacters.h"
#include "core/PlainToolTip.h"

namespace strata {

CommitListModel::CommitListModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void CommitListModel::setContents(
    const QList<GitReference> &references, const QList<GitCommit> &log, const QHash<QString, GitCommit> &referenced)
{
    beginResetModel();
    m_rows.clear();
    for (const GitReference &r : references) {
        const QString name
            = QStringLiteral("%1 (%2%3)")
                  .arg(r.name, GitReferences::kindName(r.kind), r.isHead ? QStringLiteral(", checked out") : QString());
        m_rows.append({ name, r.name, referenced.value(r.commitId) });
    }
    for (const GitCommit &c : log)
        m_rows.append({ QString(), c.id, c });
    endResetModel();
}

int CommitListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int CommitListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CommitListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Row &r = m_rows.at(index.row());
    const auto text = [&]() -> QString {
        switch (index.column()) {
        case NameColumn:
            return escapeControlCharacters(r.name);
        case CommitColumn:
            return r.commit.shortId;
        case DateColumn:
            return r.commit.isValid() ? r.commit.timeText() : QString();
        case AuthorColumn:
            return escapeControlCharacters(r.commit.author);
        case SubjectColumn:
            return escapeControlCharacters(r.commit.subject);
        default:
            return {};
        }
    };
    switch (role) {
    case Qt::DisplayRole:
        return text();
    case Qt::ToolTipRole:
        return plainToolTip(index.column() == CommitColumn ? r.commit.id : text());
    case RevisionRole:
        return r.revision;
    default:
        return {};
    }
}

QVariant CommitListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return QStringLiteral("Branch or tag");
    case CommitColumn:
        return QStringLiteral("Commit");
    case DateColumn:
        return QStringLiteral("Date");
    case AuthorColumn:
        return QStringLiteral("Author");
    case SubjectColumn:
        return QStringLiteral("Subject");
    default:
        return {};
    }
}

} // namespace strata
