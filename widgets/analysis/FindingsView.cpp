#include "FindingsView.h"

#include "StatusColors.h"

#include "itemmodels/FindingsModel.h"
#include "output/FindingDetail.h"

#include <QHeaderView>
#include <QSplitter>
#include <QStyledItemDelegate>
#include <QTextBrowser>
#include <QTreeView>
#include <QVBoxLayout>

using strata::FindingsModel;

namespace {
// Colours the severity cell; everything else as the style draws it.
class SeverityDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        if (index.column() == FindingsModel::SeverityColumn && index.data(FindingsModel::IsFindingRole).toBool()) {
            option->palette.setColor(QPalette::Text,
                StatusColors::severity(option->palette, index.data(FindingsModel::SeverityRole).toInt()));
            option->font.setBold(true);
        } else if (!index.data(FindingsModel::IsFindingRole).toBool()
            && index.column() == FindingsModel::SeverityColumn) {
            option->palette.setColor(QPalette::Text, option->palette.color(QPalette::Disabled, QPalette::Text));
        }
    }
};
} // namespace

FindingsView::FindingsView(QWidget *parent)
    : QWidget(parent)
    , m_model(new FindingsModel(this))
    , m_tree(new QTreeView(this))
    , m_detail(new QTextBrowser(this))
    , m_splitter(new QSplitter(Qt::Horizontal, this))
{
    setObjectName(QStringLiteral("findingsView"));
    m_tree->setObjectName(QStringLiteral("findingsTree"));
    m_tree->setAccessibleName(QStringLiteral("Findings"));
    m_tree->setModel(m_model);
    m_tree->setItemDelegate(new SeverityDelegate(m_tree));
    m_tree->setWordWrap(true);
    m_tree->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_tree->header()->setSectionResizeMode(FindingsModel::SeverityColumn, QHeaderView::ResizeToContents);
    m_tree->header()->setSectionResizeMode(FindingsModel::TitleColumn, QHeaderView::Stretch);
    m_tree->header()->setSectionResizeMode(FindingsModel::ResourceColumn, QHeaderView::Interactive);
    m_tree->header()->setStretchLastSection(false);
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this, [this](const QModelIndex &current) {
        if (current.isValid())
            showDetail(currentFinding());
    });
    // The diff follows the user's selection only. Focus arriving in the list
    // makes a row current without selecting it (Qt does that on focus-in, e.g.
    // when Tab or a tab switch moves focus here); that must not pull the
    // window back to the diff.
    connect(m_tree->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this]() {
        const QModelIndex current = m_tree->currentIndex();
        if (!current.isValid() || !m_tree->selectionModel()->isSelected(current))
            return;
        Q_EMIT fieldsSelected(current.data(FindingsModel::ResourceRole).toString(),
            current.data(FindingsModel::PathsRole).toStringList());
    });
    connect(m_tree, &QTreeView::activated, this, &FindingsView::activate);

    m_detail->setObjectName(QStringLiteral("findingDetail"));
    m_detail->setAccessibleName(QStringLiteral("The selected finding in full"));
    m_detail->setOpenLinks(false); // links name evidence, not web pages
    m_detail->setOpenExternalLinks(false);
    m_detail->setTextInteractionFlags(Qt::TextBrowserInteraction | Qt::TextSelectableByKeyboard);
    m_detail->setPlaceholderText(QStringLiteral("Select a finding to read it in full."));
    connect(m_detail, &QTextBrowser::anchorClicked, this, [this](const QUrl &url) {
        const int finding = m_shownFinding;
        const int evidence = strata::evidenceIndexFromLink(url.toString());
        if (finding >= 0 && evidence >= 0 && evidence < m_model->findings().at(finding).evidence.size())
            Q_EMIT evidenceActivated(m_model->findings().at(finding), evidence);
    });

    m_splitter->setObjectName(QStringLiteral("findingsSplitter"));
    m_splitter->setChildrenCollapsible(false);
    m_splitter->addWidget(m_tree);
    m_splitter->addWidget(m_detail);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_splitter);
}

int FindingsView::currentFinding() const
{
    const QModelIndex current = m_tree->currentIndex();
    if (!current.isValid())
        return -1;
    return current.parent().isValid() ? current.parent().row() : current.row();
}

bool FindingsView::selectFinding(const QString &key)
{
    const QList<strata::Finding> &findings = m_model->findings();
    for (qsizetype i = 0; i < findings.size(); ++i) {
        const strata::Finding &f = findings.at(i);
        const QString own = f.resource.isEmpty() ? f.id : f.id + QLatin1Char(':') + f.resource;
        if (own == key) {
            m_tree->setCurrentIndex(m_model->index(int(i), 0));
            m_tree->scrollTo(m_tree->currentIndex());
            return true;
        }
    }
    return false;
}

void FindingsView::showDetail(int finding)
{
    m_shownFinding = finding >= 0 && finding < m_model->findings().size() ? finding : -1;
    if (m_shownFinding < 0) {
        m_detail->clear();
        return;
    }
    m_detail->setHtml(strata::findingDetailHtml(m_model->findings().at(finding)));
}

void FindingsView::activate(const QModelIndex &index)
{
    // An evidence child row opens its file; other rows have nothing to open.
    const int evidence = index.data(FindingsModel::EvidenceIndexRole).toInt();
    if (index.isValid() && index.parent().isValid() && evidence >= 0)
        Q_EMIT evidenceActivated(m_model->findings().at(index.parent().row()), evidence);
}

void FindingsView::resizeEvent(QResizeEvent *event)
{
    // Beside the list in a wide panel, below it in a tall one.
    m_splitter->setOrientation(width() >= height() * 3 / 2 ? Qt::Horizontal : Qt::Vertical);
    QWidget::resizeEvent(event);
}

void FindingsView::setFindings(const QList<strata::Finding> &findings)
{
    m_model->setFindings(findings);
    // The detail pane never starts empty; the list's selection stays the user's to make.
    showDetail(findings.isEmpty() ? -1 : 0);
}
