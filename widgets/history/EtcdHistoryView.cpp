#include "EtcdHistoryView.h"

#include "HistoryPanelLayout.h"
#include "itemmodels/EtcdHistoryModel.h"

#include <QFontDatabase>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

using strata::EtcdHistoryModel;

EtcdHistoryView::EtcdHistoryView(QWidget *parent)
    : QWidget(parent)
    , m_model(new EtcdHistoryModel(this))
    , m_question(new QLabel(this))
    , m_status(new QLabel(this))
    , m_table(new QTableView(this))
    , m_version(new QPlainTextEdit(this))
{
    setObjectName(QStringLiteral("etcdHistoryView"));
    m_question->setObjectName(QStringLiteral("etcdHistoryQuestion"));
    m_status->setObjectName(QStringLiteral("etcdHistoryStatus"));
    m_table->setObjectName(QStringLiteral("etcdHistoryTable"));
    m_table->setAccessibleName(QStringLiteral("Versions of the object in etcd"));
    m_table->setModel(m_model);
    m_version->setObjectName(QStringLiteral("etcdVersion"));
    m_version->setAccessibleName(QStringLiteral("The selected version's fields"));
    m_version->setPlaceholderText(QStringLiteral("Select a version to see its fields."));
    HistoryPanelLayout::build(this, m_question, m_status, m_table, m_version);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        [this](const QModelIndex &row) { m_version->setPlainText(m_model->versionText(row.row())); });
    begin(QString());
}

void EtcdHistoryView::begin(const QString &question)
{
    m_question->setText(question.isEmpty()
            ? QStringLiteral("Select a row of the diff or a finding and choose View ▸ Show etcd History.")
            : question);
    m_status->clear();
    m_model->clear();
    m_version->clear();
}

void EtcdHistoryView::setStatus(const QString &status)
{
    m_status->setText(status);
}

void EtcdHistoryView::showHistory(const strata::EtcdObjectHistory &history)
{
    m_model->setHistory(history);
    m_status->setText(m_model->summary());
    for (int c :
        { EtcdHistoryModel::RevisionColumn, EtcdHistoryModel::VersionColumn, EtcdHistoryModel::EncodingColumn })
        m_table->resizeColumnToContents(c);
    if (m_model->rowCount() > 0)
        m_table->selectRow(0);
}
