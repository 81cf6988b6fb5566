#include "CommitPickerDialog.h"

#include "history/CommitCatalog.h"
#include "itemmodels/CommitListModel.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

using strata::CommitListModel;

CommitPickerDialog::CommitPickerDialog(QWidget *parent)
    : QDialog(parent)
    , m_model(new CommitListModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_filter(new QLineEdit(this))
    , m_table(new QTableView(this))
    , m_status(new QLabel(this))
{
    setObjectName(QStringLiteral("commitPicker"));
    setWindowTitle(QStringLiteral("Analyse at a Commit"));
    resize(900, 520);
    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterKeyColumn(-1);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);

    m_filter->setObjectName(QStringLiteral("commitFilter"));
    m_filter->setPlaceholderText(QStringLiteral("Filter by branch, tag, commit id, author or subject"));
    m_filter->setClearButtonEnabled(true);
    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_proxy->setFilterFixedString(text);
        selectFirstVisible();
    });
    // ↓ from the filter goes to the list, as in any searchable picker; Enter picks.
    m_filter->installEventFilter(this);
    connect(m_filter, &QLineEdit::returnPressed, this, [this] {
        if (!selectedRevision().isEmpty())
            accept();
    });

    m_table->setObjectName(QStringLiteral("commitTable"));
    m_table->setAccessibleName(QStringLiteral("Branches, tags and commits"));
    m_table->setModel(m_proxy);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->setWordWrap(false);
    QHeaderView *header = m_table->horizontalHeader();
    for (int c : { CommitListModel::NameColumn, CommitListModel::CommitColumn, CommitListModel::DateColumn,
             CommitListModel::AuthorColumn })
        header->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    header->setStretchLastSection(true);
    connect(m_table, &QTableView::activated, this, &QDialog::accept);

    m_status->setObjectName(QStringLiteral("commitPickerStatus"));
    m_status->setTextFormat(Qt::PlainText);
    m_status->setText(QStringLiteral("Reading the repository…"));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(QStringLiteral("Analyse at This Commit"));
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (!selectedRevision().isEmpty())
            accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_filter);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_status);
    layout->addWidget(buttons);
    m_filter->setFocus();
}

void CommitPickerDialog::setCatalog(const strata::CommitCatalog &catalog)
{
    m_model->setContents(catalog.references, catalog.log, catalog.referenced);
    if (!catalog.error.isEmpty())
        m_status->setText(catalog.error);
    else
        m_status->setText(
            QStringLiteral("%1 %2, %3 commit%4%5")
                .arg(catalog.references.size())
                .arg(catalog.references.size() == 1 ? QStringLiteral("branch or tag")
                                                    : QStringLiteral("branches and tags"))
                .arg(catalog.log.size())
                .arg(catalog.log.size() == 1 ? QString() : QStringLiteral("s"))
                .arg(catalog.more ? QStringLiteral(" (the newest; older ones are not listed: type a ref in the case)")
                                  : QString()));
    // The commit analysed now is selected, so Enter alone changes nothing by surprise.
    for (int row = 0; row < m_proxy->rowCount(); ++row) {
        const QModelIndex i = m_proxy->index(row, 0);
        if (m_model->rows().at(m_proxy->mapToSource(i).row()).commit.id == catalog.current) {
            m_table->setCurrentIndex(i);
            return;
        }
    }
    selectFirstVisible();
}

QString CommitPickerDialog::selectedRevision() const
{
    const QModelIndex current = m_table->currentIndex();
    return current.isValid() ? current.siblingAtColumn(0).data(CommitListModel::RevisionRole).toString() : QString();
}

bool CommitPickerDialog::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_filter && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent *>(event)->key();
        if (key == Qt::Key_Down || key == Qt::Key_PageDown) {
            m_table->setFocus();
            return false;
        }
    }
    return QDialog::eventFilter(watched, event);
}

void CommitPickerDialog::selectFirstVisible()
{
    if (m_proxy->rowCount() > 0 && !m_table->selectionModel()->hasSelection())
        m_table->setCurrentIndex(m_proxy->index(0, 0));
    else if (m_proxy->rowCount() > 0 && !m_table->currentIndex().isValid())
        m_table->setCurrentIndex(m_proxy->index(0, 0));
}
