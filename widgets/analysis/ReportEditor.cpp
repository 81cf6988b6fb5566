#include "ReportEditor.h"

#include "report/ReportHtml.h"
#include "report/ReportSources.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSet>
#include <QSplitter>
#include <QTableWidget>
#include <QTextBrowser>
#include <QTimer>
#include <QVBoxLayout>

using namespace strata;

namespace {
constexpr int eventsOffered = 500; // as many as the report's timeline shows
constexpr int keyRole = Qt::UserRole + 1;

QPlainTextEdit *textEdit(QWidget *parent, const QString &name, const QString &hint)
{
    auto *edit = new QPlainTextEdit(parent);
    edit->setObjectName(QStringLiteral("report_") + name);
    edit->setPlaceholderText(hint);
    edit->setTabChangesFocus(true); // Tab moves on, as in any form
    edit->setMinimumHeight(64);
    edit->setMaximumHeight(120);
    return edit;
}
} // namespace

ReportEditor::ReportEditor(QWidget *parent)
    : QWidget(parent)
    , m_status(new QComboBox(this))
    , m_authors(new QLineEdit(this))
    , m_actions(new QTableWidget(0, 4, this))
    , m_findings(new QTableWidget(0, 3, this))
    , m_moments(new QListWidget(this))
    , m_preview(new QTextBrowser(this))
    , m_previewTimer(new QTimer(this))
    , m_saved(new QLabel(this))
{
    m_status->setObjectName(QStringLiteral("report_status"));
    m_status->setEditable(true);
    m_status->addItems({ QStringLiteral("draft"), QStringLiteral("in review"), QStringLiteral("final") });
    m_authors->setObjectName(QStringLiteral("report_authors"));
    m_authors->setPlaceholderText(QStringLiteral("names, separated by commas"));

    auto *form = new QWidget(this);
    auto *layout = new QFormLayout(form);
    layout->addRow(QStringLiteral("&Status:"), m_status);
    layout->addRow(QStringLiteral("&Authors:"), m_authors);
    const QList<QPair<QString, QPair<QString, QString>>> texts {
        { QStringLiteral("summary"),
            { QStringLiteral("S&ummary:"), QStringLiteral("What happened, in a few sentences") } },
        { QStringLiteral("impact"), { QStringLiteral("&Impact:"), QStringLiteral("Who noticed what, for how long") } },
        { QStringLiteral("root-cause"), { QStringLiteral("&Root cause:"), QStringLiteral("Why it could happen") } },
        { QStringLiteral("trigger"), { QStringLiteral("&Trigger:"), QStringLiteral("What set it off") } },
        { QStringLiteral("resolution"), { QStringLiteral("Resol&ution:"), QStringLiteral("What ended it") } },
        { QStringLiteral("detection"), { QStringLiteral("&Detection:"), QStringLiteral("How it was noticed") } },
        { QStringLiteral("lessons"),
            { QStringLiteral("&Lessons learned:"),
                QStringLiteral("What went well, what did not, where we got lucky") } },
    };
    for (const auto &[name, labelHint] : texts) {
        QPlainTextEdit *edit = textEdit(form, name, labelHint.second);
        m_texts.append({ name, edit });
        layout->addRow(labelHint.first, edit);
        connect(edit, &QPlainTextEdit::textChanged, this, &ReportEditor::edited);
    }

    m_actions->setObjectName(QStringLiteral("report_actionItems"));
    m_actions->setHorizontalHeaderLabels(
        { QStringLiteral("Action item"), QStringLiteral("Type"), QStringLiteral("Owner"), QStringLiteral("Ticket") });
    m_actions->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_actions->setToolTip(QStringLiteral("Type: mitigate, prevent or detect"));
    m_actions->setMinimumHeight(110);
    auto *addAction = new QPushButton(QStringLiteral("Add Action Item"), form);
    addAction->setObjectName(QStringLiteral("report_addActionItem"));
    auto *removeAction = new QPushButton(QStringLiteral("Remove"), form);
    connect(addAction, &QPushButton::clicked, this, [this] {
        const int row = m_actions->rowCount();
        m_actions->insertRow(row);
        m_actions->setItem(row, 1, new QTableWidgetItem(QStringLiteral("prevent")));
        m_actions->setCurrentCell(row, 0);
        m_actions->editItem(m_actions->item(row, 1) ? m_actions->item(row, 0) : nullptr);
        edited();
    });
    connect(removeAction, &QPushButton::clicked, this, [this] {
        if (m_actions->currentRow() >= 0) {
            m_actions->removeRow(m_actions->currentRow());
            edited();
        }
    });
    auto *actionButtons = new QHBoxLayout;
    actionButtons->addWidget(addAction);
    actionButtons->addWidget(removeAction);
    actionButtons->addStretch(1);
    auto *actionBox = new QVBoxLayout;
    actionBox->addWidget(m_actions);
    actionBox->addLayout(actionButtons);
    layout->addRow(QStringLiteral("Action items:"), actionBox);
    connect(m_actions, &QTableWidget::itemChanged, this, &ReportEditor::edited);

    m_findings->setObjectName(QStringLiteral("report_findings"));
    m_findings->setHorizontalHeaderLabels(
        { QStringLiteral("In report"), QStringLiteral("Finding"), QStringLiteral("Investigator's note") });
    m_findings->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_findings->horizontalHeader()->setSectionResizeMode(2, QHeaderView::Stretch);
    m_findings->setMinimumHeight(160);
    layout->addRow(QStringLiteral("Findings:"), m_findings);
    connect(m_findings, &QTableWidget::itemChanged, this, &ReportEditor::edited);

    m_moments->setObjectName(QStringLiteral("report_keyMoments"));
    m_moments->setMinimumHeight(140);
    m_moments->setToolTip(QStringLiteral("Checked events lead the report's timeline as key moments"));
    layout->addRow(QStringLiteral("Key moments:"), m_moments);
    connect(m_moments, &QListWidget::itemChanged, this, &ReportEditor::edited);

    connect(m_status, &QComboBox::currentTextChanged, this, &ReportEditor::edited);
    connect(m_authors, &QLineEdit::textEdited, this, &ReportEditor::edited);

    auto *scroll = new QScrollArea(this);
    scroll->setWidget(form);
    scroll->setWidgetResizable(true);
    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(scroll, 1);
    m_saved->setObjectName(QStringLiteral("report_saved"));
    m_saved->setWordWrap(true);
    leftLayout->addWidget(m_saved);

    m_preview->setObjectName(QStringLiteral("report_preview"));
    m_preview->setOpenLinks(false);
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(left);
    splitter->addWidget(m_preview);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(splitter);

    // The preview follows the typing a moment later, not on every key.
    m_previewTimer->setSingleShot(true);
    m_previewTimer->setInterval(400);
    connect(m_previewTimer, &QTimer::timeout, this, &ReportEditor::refreshPreview);
}

QPlainTextEdit *ReportEditor::textField(const QString &name) const
{
    for (const auto &[key, edit] : m_texts) {
        if (key == name)
            return edit;
    }
    return nullptr;
}

void ReportEditor::setStatusMessage(const QString &text)
{
    m_saved->setText(text);
}

void ReportEditor::setAnalysis(const AnalysisResult &result, bool keepForm)
{
    const ReportSections current = keepForm ? sections() : result.caseFile.report;
    m_result = result;
    fillForm(current);
    refreshPreview();
}

void ReportEditor::setCaseSections(const ReportSections &s)
{
    m_previewTimer->stop();
    m_result = AnalysisResult();
    fillForm(s);
    m_preview->setPlainText(QStringLiteral("The report shows here once the case is analysed."));
}

void ReportEditor::fillForm(const ReportSections &s)
{
    m_filling = true;
    m_sections = s;
    m_status->setCurrentText(s.status.isEmpty() ? QStringLiteral("draft") : s.status);
    m_authors->setText(s.authors.join(QStringLiteral(", ")));
    const QList<QPair<QString, QString>> values { { QStringLiteral("summary"), s.summary },
        { QStringLiteral("impact"), s.impact }, { QStringLiteral("root-cause"), s.rootCause },
        { QStringLiteral("trigger"), s.trigger }, { QStringLiteral("resolution"), s.resolution },
        { QStringLiteral("detection"), s.detection }, { QStringLiteral("lessons"), s.lessons } };
    for (const auto &[name, value] : values) {
        QPlainTextEdit *edit = textField(name);
        if (edit->toPlainText() != value)
            edit->setPlainText(value);
    }

    m_actions->setRowCount(0);
    for (const ReportActionItem &a : s.actionItems) {
        const int row = m_actions->rowCount();
        m_actions->insertRow(row);
        const QStringList cells { a.item, a.type, a.owner, a.ticket };
        for (int c = 0; c < cells.size(); ++c)
            m_actions->setItem(row, c, new QTableWidgetItem(cells.at(c)));
    }

    m_findings->setRowCount(0);
    for (const Finding &f : m_result.findings) {
        const QString key = ReportSources::findingKey(f);
        const ReportFindingNote note = s.findings.value(key);
        const int row = m_findings->rowCount();
        m_findings->insertRow(row);
        auto *in = new QTableWidgetItem;
        in->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemIsSelectable);
        in->setCheckState(note.included ? Qt::Checked : Qt::Unchecked);
        in->setData(keyRole, key);
        m_findings->setItem(row, 0, in);
        auto *title = new QTableWidgetItem(severityName(f.severity).toUpper() + QStringLiteral(" · ") + f.title);
        title->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
        title->setToolTip(key);
        m_findings->setItem(row, 1, title);
        m_findings->setItem(row, 2, new QTableWidgetItem(note.note));
    }

    m_moments->clear();
    const QSet<QString> keys(s.keyMoments.cbegin(), s.keyMoments.cend());
    for (qsizetype i = 0; i < std::min<qsizetype>(m_result.timeline.size(), eventsOffered); ++i) {
        const TimelineEvent &e = m_result.timeline.at(i);
        const QString key = ReportSources::eventKey(e);
        auto *item = new QListWidgetItem(
            QStringLiteral("%1  %2  %3")
                .arg(e.time.isValid() ? e.time.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))
                                      : QStringLiteral("—"),
                    e.source, e.text.left(200)),
            m_moments);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemIsSelectable);
        item->setCheckState(keys.contains(key) ? Qt::Checked : Qt::Unchecked);
        item->setData(keyRole, key);
        item->setToolTip(key);
    }
    m_filling = false;
}

ReportSections ReportEditor::sections() const
{
    ReportSections s = m_sections; // keys the form has no field for stay as they were
    s.status = m_status->currentText().trimmed();
    s.authors.clear();
    for (const QString &a : m_authors->text().split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        if (!a.trimmed().isEmpty())
            s.authors.append(a.trimmed());
    }
    s.summary = textField(QStringLiteral("summary"))->toPlainText();
    s.impact = textField(QStringLiteral("impact"))->toPlainText();
    s.rootCause = textField(QStringLiteral("root-cause"))->toPlainText();
    s.trigger = textField(QStringLiteral("trigger"))->toPlainText();
    s.resolution = textField(QStringLiteral("resolution"))->toPlainText();
    s.detection = textField(QStringLiteral("detection"))->toPlainText();
    s.lessons = textField(QStringLiteral("lessons"))->toPlainText();

    s.actionItems.clear();
    for (int row = 0; row < m_actions->rowCount(); ++row) {
        const auto cell = [this, row](int c) {
            return m_actions->item(row, c) ? m_actions->item(row, c)->text().trimmed() : QString();
        };
        if (!cell(0).isEmpty())
            s.actionItems.append({ cell(0), cell(1), cell(2), cell(3) });
    }
    // A finding left in with no note needs no entry; notes for findings this
    // analysis does not have (yet, or any more) are kept.
    for (int row = 0; row < m_findings->rowCount(); ++row) {
        const QString key = m_findings->item(row, 0)->data(keyRole).toString();
        const ReportFindingNote note { m_findings->item(row, 2) ? m_findings->item(row, 2)->text().trimmed()
                                                                : QString(),
            m_findings->item(row, 0)->checkState() == Qt::Checked };
        if (note.included && note.note.isEmpty())
            s.findings.remove(key);
        else
            s.findings.insert(key, note);
    }
    QStringList moments;
    QSet<QString> offered;
    for (int row = 0; row < m_moments->count(); ++row) {
        const QString key = m_moments->item(row)->data(keyRole).toString();
        offered.insert(key);
        if (m_moments->item(row)->checkState() == Qt::Checked)
            moments.append(key);
    }
    for (const QString &key : m_sections.keyMoments) {
        if (!offered.contains(key) && !moments.contains(key))
            moments.append(key);
    }
    s.keyMoments = moments;
    return s;
}

void ReportEditor::edited()
{
    if (m_filling)
        return;
    m_previewTimer->start();
    Q_EMIT sectionsEdited();
}

void ReportEditor::refreshPreview()
{
    AnalysisResult shown = m_result;
    shown.caseFile.report = sections();
    ReportOptions options;
    options.generatedAt = QDateTime::currentDateTimeUtc();
    const int scroll = m_preview->verticalScrollBar() ? m_preview->verticalScrollBar()->value() : 0;
    m_preview->setHtml(ReportHtml::richText(shown, options, 640));
    m_preview->verticalScrollBar()->setValue(scroll); // stay where the reader was
}
