#pragma once

#include "core/SourceLocation.h"

#include <QWidget>

class CodeView;
class QLabel;
class QLineEdit;

// A read-only window onto one evidence file, opened from a finding's
// evidence: line numbers, the quoted line and value marked, and a search bar
// (Ctrl+F, Enter / F3 next, Shift+F3 previous). Secret values are masked by
// the caller (readEvidenceText + maskValues) before the text arrives here.
class EvidenceViewer : public QWidget
{
    Q_OBJECT
public:
    explicit EvidenceViewer(QWidget *parent = nullptr);

    // Shows `text` (from the file the user named `shownPath`) and marks the
    // value at `location`. `notice` (truncation, masking) shows above the text.
    void showText(
        const QString &shownPath, const QString &text, const strata::SourceLocation &location, const QString &notice);
    void showError(const QString &shownPath, const QString &error);

    CodeView *codeView() const { return m_code; }
    QLineEdit *searchEdit() const { return m_search; }
    bool find(const QString &text, bool backwards = false);

private:
    CodeView *m_code;
    QLabel *m_notice;
    QLineEdit *m_search;
};
