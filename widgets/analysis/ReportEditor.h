#pragma once

#include "case/ReportSections.h"
#include "investigation/AnalysisResult.h"

#include <QWidget>

class QComboBox;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QTableWidget;
class QTextBrowser;
class QTimer;

// The Report tab: what the investigator writes for the incident report —
// status, authors, summary, impact, root cause, trigger, resolution,
// detection, lessons, action items, a note and "in the report" per finding,
// key moments among the timeline's events — beside a live preview of the
// report (the HTML report as Qt lays it out for the PDF). It only edits:
// sectionsEdited() says the text changed; the window keeps it in the case
// and saves it (autosave).
class ReportEditor : public QWidget
{
    Q_OBJECT
public:
    explicit ReportEditor(QWidget *parent = nullptr);

    // A new analysis: its findings and events to choose from, the case's
    // sections in the form (unless `keepForm`: a re-analysis while writing).
    void setAnalysis(const strata::AnalysisResult &result, bool keepForm);
    // A case just opened, before its analysis: its sections in the form, no findings or events yet.
    void setCaseSections(const strata::ReportSections &sections);
    strata::ReportSections sections() const;
    QTextBrowser *preview() const { return m_preview; }
    QPlainTextEdit *textField(const QString &name) const; // "summary", "impact", … (tests, focus)
    QTableWidget *findingsTable() const { return m_findings; }
    QTableWidget *actionItemsTable() const { return m_actions; }
    QListWidget *keyMomentsList() const { return m_moments; }
    void setStatusMessage(const QString &text); // "Saved to case.yaml at 10:02", "not saved: …"

Q_SIGNALS:
    void sectionsEdited();

private:
    void fillForm(const strata::ReportSections &s);
    void edited();
    void refreshPreview();

    strata::AnalysisResult m_result;
    strata::ReportSections m_sections; // what the form shows, kept for keys it has no field for
    bool m_filling = false;
    QComboBox *m_status;
    QLineEdit *m_authors;
    QList<QPair<QString, QPlainTextEdit *>> m_texts;
    QTableWidget *m_actions;
    QTableWidget *m_findings;
    QListWidget *m_moments;
    QTextBrowser *m_preview;
    QTimer *m_previewTimer;
    class QLabel *m_saved;
};
