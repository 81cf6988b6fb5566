#pragma once

#include "git/GitCommit.h"
#include "git/GitReferences.h"

#include <QAbstractTableModel>

namespace strata {

// The commit picker's list: the repository's branches and tags, then the
// log (newest first), each row a commit to analyse at (Name | Commit | Date
// | Author | Subject). A proxy filters it as the user types.
class CommitListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum ModelColumn { NameColumn, CommitColumn, DateColumn, AuthorColumn, SubjectColumn, ColumnCount };
    enum Role {
        RevisionRole = Qt::UserRole + 1, // QString: what to write as `ref` (a branch or tag name, or the full id)
    };
    Q_ENUM(Role)

    struct Row
    {
        QString name; // "main (branch)", "v1.2 (tag)", or empty for a commit of the log
        QString revision;
        GitCommit commit;
    };

    explicit CommitListModel(QObject *parent = nullptr);

    // `commits` maps ids to the commits the references name (those not in `log` too).
    void setContents(const QList<GitReference> &references, const QList<GitCommit> &log,
        const QHash<QString, GitCommit> &referenced);
    const QList<Row> &rows() const { return m_rows; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<Row> m_rows;
};

} // namespace strata
