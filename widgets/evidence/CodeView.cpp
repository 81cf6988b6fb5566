#include "CodeView.h"

#include <QFontDatabase>
#include <QPainter>
#include <QTextBlock>

namespace {
// `over` laid on the base colour at `alpha`: a mark that reads in light and dark palettes.
QColor blend(const QPalette &palette, const QColor &over, double alpha)
{
    const QColor base = palette.color(QPalette::Base);
    auto mix = [alpha](int a, int b) { return int(a * (1 - alpha) + b * alpha); };
    return QColor(mix(base.red(), over.red()), mix(base.green(), over.green()), mix(base.blue(), over.blue()));
}

class Gutter : public QWidget
{
public:
    explicit Gutter(CodeView *view)
        : QWidget(view)
        , m_view(view)
    {
    }
    QSize sizeHint() const override { return { m_view->gutterWidth(), 0 }; }

protected:
    void paintEvent(QPaintEvent *event) override { m_view->paintGutter(event); }

private:
    CodeView *m_view;
};
} // namespace

CodeView::CodeView(QWidget *parent)
    : QPlainTextEdit(parent)
    , m_gutter(new Gutter(this))
{
    setReadOnly(true);
    setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    connect(this, &QPlainTextEdit::blockCountChanged, this, [this]() { setViewportMargins(gutterWidth(), 0, 0, 0); });
    connect(this, &QPlainTextEdit::updateRequest, this, [this](const QRect &rect, int dy) {
        if (dy)
            m_gutter->scroll(0, dy);
        else
            m_gutter->update(0, rect.y(), m_gutter->width(), rect.height());
    });
    setViewportMargins(gutterWidth(), 0, 0, 0);
}

int CodeView::gutterWidth() const
{
    const int digits = int(QString::number(qMax(1, blockCount())).size());
    return 10 + fontMetrics().horizontalAdvance(QLatin1Char('9')) * qMax(3, digits);
}

void CodeView::resizeEvent(QResizeEvent *event)
{
    QPlainTextEdit::resizeEvent(event);
    const QRect cr = contentsRect();
    m_gutter->setGeometry(QRect(cr.left(), cr.top(), gutterWidth(), cr.height()));
}

void CodeView::changeEvent(QEvent *event)
{
    QPlainTextEdit::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        updateMarks(); // the mark's colours come from the palette
}

void CodeView::paintGutter(QPaintEvent *event)
{
    QPainter painter(m_gutter);
    painter.fillRect(event->rect(), palette().color(QPalette::AlternateBase));
    QTextBlock block = firstVisibleBlock();
    int top = qRound(blockBoundingGeometry(block).translated(contentOffset()).top());
    int bottom = top + qRound(blockBoundingRect(block).height());
    while (block.isValid() && top <= event->rect().bottom()) {
        if (block.isVisible() && bottom >= event->rect().top()) {
            const int number = block.blockNumber() + 1;
            QFont f = font();
            f.setBold(number == m_markedLine);
            painter.setFont(f);
            painter.setPen(number == m_markedLine ? palette().color(QPalette::Text)
                                                  : palette().color(QPalette::Disabled, QPalette::Text));
            painter.drawText(
                0, top, m_gutter->width() - 5, fontMetrics().height(), Qt::AlignRight, QString::number(number));
        }
        block = block.next();
        top = bottom;
        bottom = top + qRound(blockBoundingRect(block).height());
    }
}

void CodeView::markLine(int line, int start, int length)
{
    m_markedLine = line;
    m_spanStart = start;
    m_spanLength = length;
    updateMarks();
    const QTextBlock block = document()->findBlockByNumber(line - 1);
    if (!block.isValid())
        return;
    QTextCursor cursor(block);
    cursor.setPosition(block.position() + qMin(start, block.length() - 1));
    setTextCursor(cursor);
    centerCursor();
}

QString CodeView::markedText() const
{
    const QTextBlock block = document()->findBlockByNumber(m_markedLine - 1);
    return block.isValid() ? block.text().mid(m_spanStart, m_spanLength) : QString();
}

void CodeView::updateMarks()
{
    QList<QTextEdit::ExtraSelection> marks;
    const QTextBlock block = document()->findBlockByNumber(m_markedLine - 1);
    if (m_markedLine > 0 && block.isValid()) {
        QTextEdit::ExtraSelection lineMark;
        lineMark.cursor = QTextCursor(block);
        lineMark.format.setBackground(blend(palette(), palette().color(QPalette::Highlight), 0.18));
        lineMark.format.setProperty(QTextFormat::FullWidthSelection, true);
        marks << lineMark;
        if (m_spanLength > 0) {
            QTextEdit::ExtraSelection span;
            span.cursor = QTextCursor(block);
            span.cursor.setPosition(block.position() + m_spanStart);
            span.cursor.setPosition(
                block.position() + qMin(m_spanStart + m_spanLength, block.length() - 1), QTextCursor::KeepAnchor);
            span.format.setBackground(blend(palette(), palette().color(QPalette::Highlight), 0.45));
            span.format.setFontWeight(QFont::Bold);
            marks << span;
        }
    }
    setExtraSelections(marks);
    m_gutter->update();
}
