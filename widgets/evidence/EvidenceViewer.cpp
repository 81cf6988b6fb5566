#include "EvidenceViewer.h"

#include "CodeView.h"

#include "evidence/EvidenceText.h"

#include <QAction>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QTextBlock>
#include <QVBoxLayout>

EvidenceViewer::EvidenceViewer(QWidget *parent)
    : QWidget(parent, Qt::Window)
    , m_code(new CodeView(this))
    , m_notice(new QLabel(this))
    , m_search(new QLineEdit(this))
{
    setObjectName(QStringLiteral("evidenceViewer"));
    setAccessibleName(QStringLiteral("Evidence file"));
    m_code->setObjectName(QStringLiteral("evidenceText"));
    m_code->setAccessibleName(QStringLiteral("Evidence file text, read-only"));
    m_notice->setObjectName(QStringLiteral("evidenceNotice"));
    m_notice->setWordWrap(true);
    m_notice->setTextFormat(Qt::PlainText);
    m_notice->setVisible(false);
    m_search->setObjectName(QStringLiteral("evidenceSearch"));
    m_search->setAccessibleName(QStringLiteral("Search the evidence file"));
    m_search->setPlaceholderText(QStringLiteral("Search (Ctrl+F; Enter or F3 next, Shift+F3 previous)"));
    m_search->setClearButtonEnabled(true);
    connect(m_search, &QLineEdit::returnPressed, this, [this]() { find(m_search->text()); });

    auto addKey = [this](const QKeySequence &key, auto slot) {
        auto *a = new QAction(this);
        a->setShortcut(key);
        a->setShortcutContext(Qt::WindowShortcut);
        connect(a, &QAction::triggered, this, slot);
        addAction(a);
    };
    addKey(QKeySequence::Find, [this]() {
        m_search->setFocus(Qt::ShortcutFocusReason);
        m_search->selectAll();
    });
    addKey(QKeySequence::FindNext, [this]() { find(m_search->text()); });
    addKey(QKeySequence::FindPrevious, [this]() { find(m_search->text(), true); });
    addKey(QKeySequence::Cancel, [this]() { close(); });

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(m_search);
    layout->addWidget(m_notice);
    layout->addWidget(m_code, 1);
    resize(820, 560);
}

void EvidenceViewer::showText(
    const QString &shownPath, const QString &text, const strata::SourceLocation &location, const QString &notice)
{
    setWindowTitle(QStringLiteral("%1 — Evidence").arg(location.line > 0 ? location.toString() : shownPath));
    m_notice->setText(notice);
    m_notice->setVisible(!notice.isEmpty());
    m_code->setPlainText(text);
    if (location.line > 0) {
        const QTextBlock block = m_code->document()->findBlockByNumber(location.line - 1);
        const strata::TextSpan span = strata::valueSpanAt(block.text(), location.column);
        m_code->markLine(location.line, location.column > 0 ? span.start : 0,
            location.column > 0 ? span.length : int(block.text().size()));
    }
}

void EvidenceViewer::showError(const QString &shownPath, const QString &error)
{
    setWindowTitle(QStringLiteral("%1 — Evidence").arg(shownPath));
    m_notice->setText(error);
    m_notice->setVisible(true);
    m_code->clear();
}

bool EvidenceViewer::find(const QString &text, bool backwards)
{
    if (text.isEmpty())
        return false;
    const QTextDocument::FindFlags flags = backwards ? QTextDocument::FindBackward : QTextDocument::FindFlags();
    if (m_code->find(text, flags))
        return true;
    // Wrap round, as editors do.
    QTextCursor cursor = m_code->textCursor();
    cursor.movePosition(backwards ? QTextCursor::End : QTextCursor::Start);
    m_code->setTextCursor(cursor);
    return m_code->find(text, flags);
}
