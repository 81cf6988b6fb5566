#pragma once

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QTableView;

namespace strata {
class EtcdHistoryModel;
struct EtcdObjectHistory;
} // namespace strata

// The etcd History panel: which object is asked for, how the read went, the
// versions etcd holds of it (newest first), and below them the selected
// version whole — its fields as the diff flattens them and what it changed.
// The window reads the history off the GUI thread and fills it.
class EtcdHistoryView : public QWidget
{
    Q_OBJECT
public:
    explicit EtcdHistoryView(QWidget *parent = nullptr);

    strata::EtcdHistoryModel *model() const { return m_model; }
    QTableView *tableView() const { return m_table; }
    QPlainTextEdit *versionView() const { return m_version; }

    // Starts over for a new question: no rows, no version shown.
    void begin(const QString &question);
    void setStatus(const QString &status);
    // The history read: rows, the summary as status, the newest version selected.
    void showHistory(const strata::EtcdObjectHistory &history);

private:
    strata::EtcdHistoryModel *m_model;
    QLabel *m_question;
    QLabel *m_status;
    QTableView *m_table;
    QPlainTextEdit *m_version;
};
