#pragma once

#include <QDialog>

class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;

namespace strata {
class CommitListModel;
struct CommitCatalog;
} // namespace strata

// Analyse at another commit: the repository's branches and tags, then its
// log, filtered as the user types (name, id, author, subject). Enter or OK
// picks the selected row; selectedRevision() is what the case's `ref` becomes.
// The window reads the repository in the background and hands it over.
class CommitPickerDialog : public QDialog
{
    Q_OBJECT
public:
    explicit CommitPickerDialog(QWidget *parent = nullptr);

    void setCatalog(const strata::CommitCatalog &catalog);
    QString selectedRevision() const;
    QLineEdit *filterEdit() const { return m_filter; }
    QTableView *tableView() const { return m_table; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void selectFirstVisible();

    strata::CommitListModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QLineEdit *m_filter;
    QTableView *m_table;
    QLabel *m_status;
};
