#include "DiffView.h"

#include "DiffDelegate.h"

#include "itemmodels/DiffFilterModel.h"
#include "itemmodels/DiffModel.h"

#include <QAction>
#include <QClipboard>
#include <QGuiApplication>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QToolBar>
#include <QTreeView>
#include <QVBoxLayout>

using namespace strata;

DiffView::DiffView(QWidget *parent)
    : QWidget(parent)
    , m_model(new DiffModel(this))
    , m_filter(new DiffFilterModel(this))
    , m_tree(new QTreeView(this))
{
    setObjectName(QStringLiteral("diffView"));
    m_filter->setSourceModel(m_model);
    m_tree->setObjectName(QStringLiteral("diffTree"));
    m_tree->setModel(m_filter);
    m_tree->setItemDelegate(new DiffDelegate(m_tree));
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(false);
    m_tree->setSelectionBehavior(QAbstractItemView::SelectItems);
    m_tree->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_tree->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_tree->setTextElideMode(Qt::ElideMiddle);
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(QHeaderView::Interactive);
    m_tree->header()->setDefaultSectionSize(150);

    auto *toolbar = new QToolBar(this);
    toolbar->setObjectName(QStringLiteral("diffToolbar"));
    toolbar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_differencesOnly = toolbar->addAction(QStringLiteral("Differences only"));
    m_differencesOnly->setObjectName(QStringLiteral("differencesOnlyAction"));
    m_differencesOnly->setCheckable(true);
    m_differencesOnly->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_D));
    m_differencesOnly->setToolTip(QStringLiteral("Hide fields that agree in every column (Ctrl+D)"));
    connect(m_differencesOnly, &QAction::toggled, this, [this](bool on) {
        m_filter->setDifferencesOnly(on);
        m_tree->expandAll();
    });
    m_showNoise = toolbar->addAction(QStringLiteral("Show bookkeeping fields"));
    m_showNoise->setObjectName(QStringLiteral("showNoiseAction"));
    m_showNoise->setCheckable(true);
    m_showNoise->setToolTip(QStringLiteral("Show resourceVersion, uid, creationTimestamp, generation, managedFields"));
    connect(m_showNoise, &QAction::toggled, this, [this](bool on) {
        m_filter->setShowNoise(on);
        m_tree->expandAll();
    });
    toolbar->addSeparator();
    m_previous = toolbar->addAction(QStringLiteral("◀ Previous"));
    m_previous->setObjectName(QStringLiteral("previousDifferenceAction"));
    m_previous->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F7));
    m_previous->setToolTip(QStringLiteral("Previous difference (Shift+F7)"));
    connect(m_previous, &QAction::triggered, this, &DiffView::previousDifference);
    m_next = toolbar->addAction(QStringLiteral("Next ▶"));
    m_next->setObjectName(QStringLiteral("nextDifferenceAction"));
    m_next->setShortcut(QKeySequence(Qt::Key_F7));
    m_next->setToolTip(QStringLiteral("Next difference (F7)"));
    connect(m_next, &QAction::triggered, this, &DiffView::nextDifference);
    for (QAction *a : { m_previous, m_next, m_differencesOnly })
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);

    auto *copyCellAction = new QAction(QStringLiteral("Copy Cell"), this);
    copyCellAction->setObjectName(QStringLiteral("copyCellAction"));
    copyCellAction->setShortcut(QKeySequence::Copy);
    copyCellAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(copyCellAction, &QAction::triggered, this, &DiffView::copyCell);
    auto *copyRowAction = new QAction(QStringLiteral("Copy Row"), this);
    copyRowAction->setObjectName(QStringLiteral("copyRowAction"));
    copyRowAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    copyRowAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(copyRowAction, &QAction::triggered, this, &DiffView::copyRow);
    addActions({ copyCellAction, copyRowAction });
    m_tree->addActions({ copyCellAction, copyRowAction });
    m_tree->setContextMenuPolicy(Qt::ActionsContextMenu);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(toolbar);
    layout->addWidget(m_tree, 1);
}

void DiffView::setDiff(const QList<ResourceDiff> &diff, const std::array<QString, columnCount> &origins)
{
    m_model->setColumnOrigins(origins);
    m_model->setDiff(diff);
    m_tree->expandAll();
    m_tree->header()->resizeSection(DiffModel::FieldColumn, 280);
    m_tree->header()->resizeSection(DiffModel::StatusColumn, 130);
    // Columns without evidence take no room.
    for (Column c : allColumns)
        m_tree->setColumnHidden(DiffModel::CodeColumn + columnIndex(c), origins[size_t(columnIndex(c))].isEmpty());
}

QList<QModelIndex> DiffView::visibleFieldRows() const
{
    QList<QModelIndex> rows;
    for (int r = 0; r < m_filter->rowCount(); ++r) {
        const QModelIndex resource = m_filter->index(r, 0);
        for (int f = 0; f < m_filter->rowCount(resource); ++f)
            rows.append(m_filter->index(f, 0, resource));
    }
    return rows;
}

void DiffView::stepDifference(int direction)
{
    const QList<QModelIndex> rows = visibleFieldRows();
    if (rows.isEmpty())
        return;
    const QModelIndex current = m_tree->currentIndex().siblingAtColumn(0);
    qsizetype at = rows.indexOf(current);
    const qsizetype n = rows.size();
    for (qsizetype step = 1; step <= n; ++step) {
        const qsizetype i = at < 0 ? (direction > 0 ? step - 1 : n - step) : ((at + direction * step) % n + n) % n;
        const QModelIndex candidate = rows.at(i);
        const unsigned statuses = candidate.data(DiffModel::StatusesRole).toUInt();
        if (!(statuses & unsigned(FieldStatus::Same))) {
            m_tree->setCurrentIndex(candidate);
            m_tree->selectionModel()->select(
                candidate, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
            m_tree->scrollTo(candidate);
            return;
        }
    }
}

void DiffView::nextDifference()
{
    stepDifference(+1);
}

void DiffView::previousDifference()
{
    stepDifference(-1);
}

void DiffView::copyCell() const
{
    const QModelIndex current = m_tree->currentIndex();
    if (current.isValid())
        QGuiApplication::clipboard()->setText(current.data().toString());
}

void DiffView::copyRow() const
{
    const QModelIndex current = m_tree->currentIndex();
    if (!current.isValid())
        return;
    QStringList cells;
    for (int c = 0; c < DiffModel::ColumnCount; ++c)
        cells.append(current.siblingAtColumn(c).data().toString());
    QGuiApplication::clipboard()->setText(cells.join(QLatin1Char('\t')));
}

void DiffView::selectFields(const QString &resourceId, const QStringList &paths)
{
    QItemSelection selection;
    QModelIndex first;
    for (const QString &path : paths) {
        const QModelIndex source = m_model->indexOf(resourceId, path);
        const QModelIndex proxy = m_filter->mapFromSource(source);
        if (!proxy.isValid())
            continue;
        selection.select(proxy, proxy.siblingAtColumn(DiffModel::ColumnCount - 1));
        if (!first.isValid())
            first = proxy;
    }
    if (paths.isEmpty()) {
        first = m_filter->mapFromSource(m_model->indexOf(resourceId, QString()));
        if (first.isValid())
            selection.select(first, first.siblingAtColumn(DiffModel::ColumnCount - 1));
    }
    m_tree->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect);
    if (first.isValid()) {
        m_tree->selectionModel()->setCurrentIndex(first, QItemSelectionModel::NoUpdate);
        m_tree->scrollTo(first);
    }
}
