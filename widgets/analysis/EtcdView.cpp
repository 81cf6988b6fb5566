#include "EtcdView.h"

#include "StatusColors.h"
#include "itemmodels/EtcdEndpointModel.h"

#include <QHeaderView>
#include <QLabel>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QVBoxLayout>

using namespace strata;

namespace {

// Errors in the severity red of the current theme; everything else as the palette says.
class EndpointDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        if (index.data(EtcdEndpointModel::StateRole).toString() == QLatin1String("error")
            && index.column() == EtcdEndpointModel::ErrorsColumn) {
            const QColor red = StatusColors::severity(option->palette, int(Severity::Critical));
            option->palette.setColor(QPalette::Text, red);
            option->palette.setColor(QPalette::HighlightedText, option->palette.color(QPalette::HighlightedText));
        }
    }
};

QString describe(const AnalysisResult &r)
{
    if (r.etcdMembers.isEmpty())
        return r.caseFile.etcdSource
            ? QStringLiteral("No etcd endpoint answered (see the problems above the diff).")
            : QStringLiteral("No etcd evidence: add etcdctl output to the case, or name endpoints under "
                             "sources.etcd to read them live.");
    int answered = 0, leaders = 0;
    for (const EtcdMemberSummary &m : r.etcdMembers) {
        answered += m.hasStatus ? 1 : 0;
        leaders += m.isLeader ? 1 : 0;
    }
    QString text = QStringLiteral("%1 member%2, %3 with a status")
                       .arg(r.etcdMembers.size())
                       .arg(r.etcdMembers.size() == 1 ? QString() : QStringLiteral("s"))
                       .arg(answered);
    if (answered > 0)
        text += leaders == 1 ? QStringLiteral(", one leader") : QStringLiteral(", %1 leaders").arg(leaders);
    if (r.etcdCapture && r.etcdCapture->time.isValid())
        text += QStringLiteral(" · read live %1")
                    .arg(r.etcdCapture->time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
    else
        text += QStringLiteral(" · from etcdctl output in the evidence");
    return text;
}

} // namespace

EtcdView::EtcdView(QWidget *parent)
    : QWidget(parent)
    , m_model(new EtcdEndpointModel(this))
    , m_summary(new QLabel(this))
    , m_table(new QTableView(this))
{
    m_summary->setObjectName(QStringLiteral("etcdSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::PlainText); // endpoints and errors come from the cluster
    m_summary->setContentsMargins(6, 4, 6, 4);
    m_table->setObjectName(QStringLiteral("etcdEndpointTable"));
    m_table->setAccessibleName(QStringLiteral("etcd members"));
    m_table->setModel(m_model);
    m_table->setItemDelegate(new EndpointDelegate(m_table));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_summary);
    layout->addWidget(m_table, 1);
}

void EtcdView::setResult(const AnalysisResult &result)
{
    m_model->setMembers(result.etcdMembers);
    m_summary->setText(describe(result));
    m_table->resizeColumnsToContents();
}
