#pragma once

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QTableView;

namespace strata {
class HistoryModel;
}

// The History panel: what is asked ("data.limit of configmap/shop/flags"),
// how far the walk has got, the commits that changed it (newest first, rows
// arriving while the walk goes on), and below them what the selected commit
// changed in the stack's folder. Asks the window for that patch when the
// selection moves (commitSelected); the window runs the walk and fills it.
class HistoryView : public QWidget
{
    Q_OBJECT
public:
    explicit HistoryView(QWidget *parent = nullptr);

    strata::HistoryModel *model() const { return m_model; }
    QTableView *tableView() const { return m_table; }
    QPlainTextEdit *patchView() const { return m_patch; }

    // Starts over for a new question: no rows, no patch.
    void begin(const QString &question);
    void setStatus(const QString &status);
    void showPatch(const QString &commitId, const QString &text);
    QString shownPatchCommit() const { return m_patchCommit; }

Q_SIGNALS:
    void commitSelected(const QString &commitId);

private:
    strata::HistoryModel *m_model;
    QLabel *m_question;
    QLabel *m_status;
    QTableView *m_table;
    QPlainTextEdit *m_patch;
    QString m_patchCommit;
};
