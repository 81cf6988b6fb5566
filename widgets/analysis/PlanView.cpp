#include "PlanView.h"

#include "StatusColors.h"

#include "output/PlanDocument.h"
#include "plan/PlanScript.h"
#include "rules/Finding.h"

#include <QApplication>
#include <QClipboard>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollBar>
#include <QTextBrowser>
#include <QVBoxLayout>

PlanView::PlanView(QWidget *parent)
    : QWidget(parent)
    , m_browser(new QTextBrowser(this))
    , m_copyChecks(new QPushButton(QStringLiteral("Copy all &checks"), this))
    , m_status(new QLabel(this))
{
    m_browser->setObjectName(QStringLiteral("planBrowser"));
    m_browser->setOpenLinks(false); // copy:/finding: links are handled here, never followed
    m_browser->setOpenExternalLinks(false);
    m_copyChecks->setObjectName(QStringLiteral("copyChecksButton"));
    m_copyChecks->setToolTip(
        QStringLiteral("Copy every read-only command of the plan as a shell script with comments"));
    m_status->setObjectName(QStringLiteral("planStatus"));
    m_status->setTextFormat(Qt::PlainText);
    auto *bar = new QHBoxLayout;
    bar->addWidget(m_copyChecks);
    bar->addWidget(m_status, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_browser, 1);
    connect(m_browser, &QTextBrowser::anchorClicked, this, &PlanView::activate);
    connect(m_copyChecks, &QPushButton::clicked, this, [this]() {
        QApplication::clipboard()->setText(strata::PlanScript::readOnlyChecks(m_plan, m_title, m_folder));
        m_status->setText(QStringLiteral("The read-only checks are on the clipboard, as a shell script."));
    });
    setPlan({}, {}, {});
}

void PlanView::setPlan(const QList<strata::Proposal> &plan, const QString &caseTitle, const QString &caseFolder)
{
    m_plan = plan;
    m_title = caseTitle;
    m_folder = caseFolder;
    render();
    bool anyCheck = false;
    for (const strata::Proposal &p : plan) {
        for (const strata::PlanCommand &c : p.commands)
            anyCheck = anyCheck || c.readOnly;
    }
    m_copyChecks->setEnabled(anyCheck);
    m_status->clear();
}

void PlanView::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        render(); // the boxes' colours follow the theme
}

void PlanView::render()
{
    if (m_plan.isEmpty() && m_title.isEmpty()) {
        m_browser->setHtml(QStringLiteral("<p>No plan yet: open a case.</p>"));
        return;
    }
    // Boxes a step lighter or darker than the page; a change tinted red, its label in the theme's red.
    const QPalette pal = palette();
    const QColor base = pal.color(QPalette::Base);
    const bool dark = base.lightness() < 128;
    strata::PlanColors colors;
    colors.box = pal.color(QPalette::AlternateBase).name();
    QColor tint = dark ? QColor(90, 30, 30) : QColor(251, 234, 234);
    colors.changeBox = tint.name();
    colors.changeText = StatusColors::severity(pal, int(strata::Severity::Critical)).name();
    const int scroll = m_browser->verticalScrollBar()->value();
    m_browser->setHtml(strata::planHtml(m_plan, m_folder, colors));
    m_browser->verticalScrollBar()->setValue(scroll);
}

void PlanView::activate(const QUrl &link)
{
    const QString text = link.toString(QUrl::FullyEncoded); // the key as percent-encoded in the link
    if (const std::optional<QString> command = strata::commandFromLink(m_plan, text)) {
        QApplication::clipboard()->setText(*command);
        m_status->setText(QStringLiteral("Copied: %1").arg(*command));
        return;
    }
    const QString finding = strata::findingFromLink(text);
    if (!finding.isEmpty())
        Q_EMIT findingActivated(finding);
}
