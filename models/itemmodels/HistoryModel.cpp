#include "HistoryModel.h"

#include "core/ControlCharacters.h"
#include "core/PlainToolTip.h"

namespace strata {

HistoryModel::HistoryModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void HistoryModel::setChanges(const QList<FieldChange> &changes)
{
    beginResetModel();
    m_changes = changes;
    endResetModel();
}

void HistoryModel::appendChanges(const QList<FieldChange> &changes)
{
    if (changes.isEmpty())
        return;
    const int first = int(m_changes.size());
    beginInsertRows({}, first, first + int(changes.size()) - 1);
    m_changes += changes;
    endInsertRows();
}

int HistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_changes.size());
}

int HistoryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant HistoryModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_changes.size())
        return {};
    const FieldChange &c = m_changes.at(index.row());
    // Commit messages, names and values come from the repository: shown as
    // their characters, never as markup or terminal controls.
    const auto text = [&]() -> QString {
        switch (index.column()) {
        case CommitColumn:
            return c.commit.shortId;
        case DateColumn:
            return c.commit.timeText();
        case AuthorColumn:
            return escapeControlCharacters(c.commit.author);
        case ChangeColumn:
            return escapeControlCharacters(FieldHistory::changeText(c));
        case SubjectColumn:
            return escapeControlCharacters(c.commit.subject);
        default:
            return {};
        }
    };
    switch (role) {
    case Qt::DisplayRole:
        return text();
    case Qt::ToolTipRole:
        if (index.column() == CommitColumn)
            return plainToolTip(QStringLiteral("%1\n%2 <%3>")
                                    .arg(c.commit.id, escapeControlCharacters(c.commit.author),
                                        escapeControlCharacters(c.commit.email)));
        return plainToolTip(text());
    case CommitIdRole:
        return c.commit.id;
    default:
        return {};
    }
}

QVariant HistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case CommitColumn:
        return QStringLiteral("Commit");
    case DateColumn:
        return QStringLiteral("Date");
    case AuthorColumn:
        return QStringLiteral("Author");
    case ChangeColumn:
        return QStringLiteral("Change (old → new)");
    case SubjectColumn:
        return QStringLiteral("Subject");
    default:
        return {};
    }
}

} // namespace strata
