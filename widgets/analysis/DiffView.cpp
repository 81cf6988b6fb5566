#include "DiffView.h"

#include "DiffDelegate.h"
#include "StatusColors.h"

#include "diff/StatusText.h"
#include "itemmodels/DiffFilterModel.h"
#include "itemmodels/DiffModel.h"

#include <QAction>
#include <QClipboard>
#include <QEvent>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QStyle>
#include <QTimer>
#include <QToolBar>
#include <QTreeView>
#include <QVBoxLayout>

using namespace strata;

namespace {
QAction *makeAction(
    QObject *parent, const QString &text, const char *objectName, const QKeySequence &shortcut, const QString &toolTip)
{
    auto *a = new QAction(text, parent);
    a->setObjectName(QString::fromLatin1(objectName));
    a->setShortcut(shortcut);
    // From anywhere in the window, not only when a toolbar button has focus.
    a->setShortcutContext(Qt::WindowShortcut);
    a->setToolTip(QStringLiteral("%1 (%2)").arg(toolTip, shortcut.toString(QKeySequence::NativeText)));
    a->setStatusTip(toolTip);
    return a;
}
} // namespace

DiffView::DiffView(QWidget *parent)
    : QWidget(parent)
    , m_model(new DiffModel(this))
    , m_filter(new DiffFilterModel(this))
    , m_tree(new QTreeView(this))
    , m_filterEdit(new QLineEdit(this))
    , m_legend(new QLabel(this))
    , m_filterDelay(new QTimer(this))
{
    setObjectName(QStringLiteral("diffView"));
    m_filter->setSourceModel(m_model);
    m_tree->setObjectName(QStringLiteral("diffTree"));
    m_tree->setAccessibleName(QStringLiteral("Diff: code, state, live and replica, field by field"));
    m_tree->setModel(m_filter);
    m_tree->setItemDelegate(new DiffDelegate(m_tree));
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(false);
    m_tree->setSelectionBehavior(QAbstractItemView::SelectItems);
    m_tree->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_tree->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_tree->setTextElideMode(Qt::ElideMiddle);
    m_tree->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    QHeaderView *header = m_tree->header();
    header->setTextElideMode(Qt::ElideMiddle);
    header->setStretchLastSection(false);
    header->setMinimumSectionSize(60);
    header->setSectionResizeMode(QHeaderView::Interactive);
    for (int c = DiffModel::CodeColumn; c <= DiffModel::ReplicaColumn; ++c)
        header->setSectionResizeMode(c, QHeaderView::Stretch);
    connect(header, &QHeaderView::sectionResized, this, [this](int section) {
        if (!m_fitting && (section == DiffModel::FieldColumn || section == DiffModel::StatusColumn))
            m_userSizedColumns = true; // the user's widths win until the next case
    });

    m_filterEdit->setObjectName(QStringLiteral("diffFilter"));
    m_filterEdit->setAccessibleName(QStringLiteral("Filter the diff"));
    m_filterEdit->setClearButtonEnabled(true);
    m_filterEdit->setPlaceholderText(QStringLiteral("Filter resources, fields and values (Ctrl+F)"));
    // On a whole cluster's diff each filtering takes a noticeable moment:
    // it waits until typing pauses, so every key is echoed at once.
    m_filterDelay->setSingleShot(true);
    m_filterDelay->setInterval(150);
    connect(m_filterDelay, &QTimer::timeout, this, [this] {
        m_filter->setTextFilter(m_filterEdit->text());
        expandIfSmall();
    });
    connect(m_filterEdit, &QLineEdit::textChanged, this, [this](const QString &text) {
        if (m_model->rowCount() > expandAllUpTo) {
            m_filterDelay->start();
            return;
        }
        m_filter->setTextFilter(text);
        expandIfSmall();
    });

    m_differencesOnly = makeAction(this, QStringLiteral("Differences Only"), "differencesOnlyAction",
        QKeySequence(Qt::CTRL | Qt::Key_D), QStringLiteral("Hide fields known to agree in every column"));
    m_differencesOnly->setCheckable(true);
    connect(m_differencesOnly, &QAction::toggled, this, [this](bool on) {
        m_filter->setDifferencesOnly(on);
        expandIfSmall();
    });
    m_showNoise
        = makeAction(this, QStringLiteral("Bookkeeping Fields"), "showNoiseAction", QKeySequence(Qt::CTRL | Qt::Key_B),
            QStringLiteral("Show resourceVersion, uid, creationTimestamp, generation, managedFields"));
    m_showNoise->setCheckable(true);
    connect(m_showNoise, &QAction::toggled, this, [this](bool on) {
        m_filter->setShowNoise(on);
        expandIfSmall();
    });
    m_previous = makeAction(this, QStringLiteral("Previous Difference"), "previousDifferenceAction",
        QKeySequence(Qt::SHIFT | Qt::Key_F7), QStringLiteral("Previous row that is not known to agree"));
    connect(m_previous, &QAction::triggered, this, &DiffView::previousDifference);
    m_next = makeAction(this, QStringLiteral("Next Difference"), "nextDifferenceAction", QKeySequence(Qt::Key_F7),
        QStringLiteral("Next row that is not known to agree"));
    connect(m_next, &QAction::triggered, this, &DiffView::nextDifference);
    m_filterAction = makeAction(this, QStringLiteral("Filter the Diff"), "filterDiffAction", QKeySequence::Find,
        QStringLiteral("Type to show only matching resources, fields and values"));
    connect(m_filterAction, &QAction::triggered, this, &DiffView::focusFilter);

    // Copying is about the diff's own selection: only while the diff has focus.
    m_copyCell = new QAction(QStringLiteral("Copy Cell"), this);
    m_copyCell->setObjectName(QStringLiteral("copyCellAction"));
    m_copyCell->setShortcut(QKeySequence::Copy);
    m_copyCell->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_copyCell, &QAction::triggered, this, &DiffView::copyCell);
    m_copyRow = new QAction(QStringLiteral("Copy Row"), this);
    m_copyRow->setObjectName(QStringLiteral("copyRowAction"));
    m_copyRow->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    m_copyRow->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_copyRow, &QAction::triggered, this, &DiffView::copyRow);
    m_tree->addActions({ m_copyCell, m_copyRow });
    m_tree->setContextMenuPolicy(Qt::ActionsContextMenu);

    auto *toolbar = new QToolBar(this);
    toolbar->setObjectName(QStringLiteral("diffToolbar"));
    toolbar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    toolbar->addAction(m_differencesOnly);
    toolbar->addAction(m_showNoise);
    toolbar->addSeparator();
    toolbar->addAction(m_previous);
    toolbar->addAction(m_next);

    m_legend->setObjectName(QStringLiteral("diffLegend"));
    m_legend->setAccessibleName(QStringLiteral("What each diff status compares"));
    m_legend->setTextFormat(Qt::RichText);
    m_legend->setWordWrap(true);
    m_legend->setContentsMargins(6, 3, 6, 3);

    auto *top = new QHBoxLayout;
    top->setContentsMargins(4, 2, 4, 2);
    top->addWidget(m_filterEdit, 1);
    top->addWidget(toolbar);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(top);
    layout->addWidget(m_tree, 1);
    layout->addWidget(m_legend);
    setFocusProxy(m_tree);
    m_tree->viewport()->installEventFilter(this);
    updateLegend();
}

QList<QAction *> DiffView::viewActions() const
{
    return { m_filterAction, m_differencesOnly, m_showNoise, m_next, m_previous };
}

void DiffView::setDiff(const QList<ResourceDiff> &diff, const std::array<QString, columnCount> &origins,
    const ColumnCoverage &coverage, const std::array<QString, columnCount> &remarks)
{
    m_model->setColumns(origins, coverage, remarks);
    m_model->setDiff(diff);
    expandIfSmall();
    // Columns the case has no evidence for take no room; a column whose evidence failed stays, marked.
    for (Column c : allColumns)
        m_tree->setColumnHidden(
            DiffModel::CodeColumn + columnIndex(c), coverage[size_t(columnIndex(c))] == ColumnEvidence::None);
    m_userSizedColumns = false;
    fitColumns();
}

void DiffView::expandIfSmall()
{
    // Expanding every object of a whole cluster lays out hundreds of
    // thousands of rows (seconds); past this many the objects stay closed,
    // and F7, the arrow keys and the filter open what is wanted.
    if (m_filter->rowCount() <= expandAllUpTo)
        m_tree->expandAll();
}

void DiffView::fitColumns()
{
    if (m_userSizedColumns)
        return;
    // The field path and the status get what their text needs, as long as each
    // value column keeps a readable minimum; the value columns share the rest.
    const int width = m_tree->viewport()->width();
    int valueColumns = 0;
    for (int c = DiffModel::CodeColumn; c <= DiffModel::ReplicaColumn; ++c)
        valueColumns += m_tree->isColumnHidden(c) ? 0 : 1;
    const int valuesMinimum = valueColumns * (m_tree->fontMetrics().averageCharWidth() * 14);
    const int margin = 2 * m_tree->style()->pixelMetric(QStyle::PM_FocusFrameHMargin) + 12;
    const QAbstractItemView *view = m_tree; // sizeHintForColumn is public here, protected in QTreeView
    int field = qMax(140, view->sizeHintForColumn(DiffModel::FieldColumn) + margin);
    int status = qMax(90, view->sizeHintForColumn(DiffModel::StatusColumn) + margin);
    // Neither takes more than its share: the values are what the user compares.
    field = qMin(field, qMax(140, qMin(width * 32 / 100, (width - valuesMinimum) * 60 / 100)));
    status = qMin(status, qMax(90, qMin(width * 20 / 100, width - valuesMinimum - field)));
    m_fitting = true;
    m_tree->header()->resizeSection(DiffModel::FieldColumn, field);
    m_tree->header()->resizeSection(DiffModel::StatusColumn, status);
    m_fitting = false;
}

bool DiffView::eventFilter(QObject *watched, QEvent *event)
{
    // The viewport's own size, once the layout has settled, is what the columns share.
    if (watched == m_tree->viewport() && event->type() == QEvent::Resize)
        fitColumns();
    return QWidget::eventFilter(watched, event);
}

void DiffView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        updateLegend();
    QWidget::changeEvent(event);
}

void DiffView::updateLegend()
{
    const QPalette pal = palette();
    const unsigned bits[] = { unsigned(FieldStatus::Drift), unsigned(FieldStatus::Pending),
        unsigned(FieldStatus::Stale), unsigned(FieldStatus::Missing), unsigned(FieldStatus::NoEvidence) };
    QStringList parts;
    const auto legend = StatusText::legend();
    for (qsizetype i = 0; i < legend.size(); ++i) {
        const QColor swatch = StatusColors::background(pal, bits[i]);
        parts.append(QStringLiteral("<span style=\"background-color:%1\">&nbsp;&nbsp;&nbsp;&nbsp;</span>&nbsp;"
                                    "<b>%2</b> %3")
                         .arg(swatch.name(), legend.at(i).first.toHtmlEscaped(), legend.at(i).second.toHtmlEscaped()));
    }
    m_legend->setText(QStringLiteral("The marked cell is the odd one: ") + parts.join(QStringLiteral(" &nbsp; ")));
    m_legend->setToolTip(QStringLiteral("Hover a Status cell for what that row's statuses mean."));
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
    if (!isVisible())
        Q_EMIT revealRequested();
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

void DiffView::focusFilter()
{
    if (!isVisible())
        Q_EMIT revealRequested();
    m_filterEdit->setFocus(Qt::ShortcutFocusReason);
    m_filterEdit->selectAll();
}

void DiffView::copyCell() const
{
    const QModelIndex current = m_tree->currentIndex();
    if (current.isValid())
        QGuiApplication::clipboard()->setText(current.data(DiffModel::FullTextRole).toString());
}

void DiffView::copyRow() const
{
    const QModelIndex current = m_tree->currentIndex();
    if (!current.isValid())
        return;
    QStringList cells;
    for (int c = 0; c < DiffModel::ColumnCount; ++c) {
        if (!m_tree->isColumnHidden(c))
            cells.append(current.siblingAtColumn(c).data(DiffModel::FullTextRole).toString());
    }
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
