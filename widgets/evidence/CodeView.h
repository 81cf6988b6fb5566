#pragma once

#include <QPlainTextEdit>

// Read-only text with line numbers in a gutter, for evidence files. One line
// (and a span in it) can be marked: the place a finding quotes.
class CodeView : public QPlainTextEdit
{
    Q_OBJECT
public:
    explicit CodeView(QWidget *parent = nullptr);

    // Marks `line` (1-based) and the characters [start, start+length) in it,
    // moves the cursor there and scrolls it to the middle.
    void markLine(int line, int start, int length);
    int markedLine() const { return m_markedLine; }
    QString markedText() const;

    int gutterWidth() const;
    void paintGutter(QPaintEvent *event);

protected:
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void updateMarks();

    QWidget *m_gutter;
    int m_markedLine = 0;
    int m_spanStart = 0;
    int m_spanLength = 0;
};
