#include "HistoryView.h"

#include "HistoryPanelLayout.h"
#include "itemmodels/HistoryModel.h"

#include <QFontDatabase>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

using strata::HistoryModel;

HistoryView::HistoryView(QWidget *parent)
    : QWidget(parent)
    , m_model(new HistoryModel(this))
    , m_question(new QLabel(this))
    , m_status(new QLabel(this))
    , m_table(new QTableView(this))
    , m_patch(new QPlainTextEdit(this))
{
    setObjectName(QStringLiteral("historyView"));
    m_question->setObjectName(QStringLiteral("historyQuestion"));
    m_status->setObjectName(QStringLiteral("historyStatus"));
    m_table->setObjectName(QStringLiteral("historyTable"));
    m_table->setAccessibleName(QStringLiteral("Commits that changed the value"));
    m_table->setModel(m_model);
    m_patch->setObjectName(QStringLiteral("commitPatch"));
    m_patch->setAccessibleName(QStringLiteral("What the selected commit changed in the stack"));
    m_patch->setPlaceholderText(QStringLiteral("Select a commit to see what it changed in the stack's folder."));
    HistoryPanelLayout::build(this, m_question, m_status, m_table, m_patch);
    m_table->horizontalHeader()->resizeSection(HistoryModel::ChangeColumn, 320);
    // Rows arrive in batches: the short columns fit what has arrived (the
    // panel scrolls sideways rather than eliding a commit id or a date).
    connect(m_model, &QAbstractItemModel::rowsInserted, this, [this] {
        for (int c : { HistoryModel::CommitColumn, HistoryModel::DateColumn, HistoryModel::AuthorColumn })
            m_table->resizeColumnToContents(c);
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex &row) {
        if (row.isValid())
            Q_EMIT commitSelected(row.siblingAtColumn(0).data(HistoryModel::CommitIdRole).toString());
    });
    begin(QString());
}

void HistoryView::begin(const QString &question)
{
    m_question->setText(question.isEmpty()
            ? QStringLiteral("Select a row of the diff or a finding and choose View ▸ Show History.")
            : question);
    m_status->clear();
    m_model->setChanges({});
    m_patch->clear();
    m_patchCommit.clear();
}

void HistoryView::setStatus(const QString &status)
{
    m_status->setText(status);
}

void HistoryView::showPatch(const QString &commitId, const QString &text)
{
    m_patchCommit = commitId;
    m_patch->setPlainText(text);
}
