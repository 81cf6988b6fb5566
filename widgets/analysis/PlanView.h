#pragma once

#include "plan/Proposal.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QTextBrowser;

// The Plan panel: the ordered steps (checks first), each linked to its
// findings, each command in a monospace box with a Copy link; "Copy all
// checks" copies the read-only commands as a commented shell script.
// Strata never runs them. The text comes from models/ (planHtml,
// PlanScript); this widget only shows it and handles the links.
class PlanView : public QWidget
{
    Q_OBJECT
public:
    explicit PlanView(QWidget *parent = nullptr);

    void setPlan(const QList<strata::Proposal> &plan, const QString &caseTitle, const QString &caseFolder);
    QTextBrowser *browser() const { return m_browser; }
    QPushButton *copyChecksButton() const { return m_copyChecks; }

Q_SIGNALS:
    // A step's finding link was activated: "<rule id>:<resource>".
    void findingActivated(const QString &findingKey);

protected:
    void changeEvent(QEvent *event) override;

private:
    void activate(const QUrl &link);
    void render();

    QList<strata::Proposal> m_plan;
    QString m_title;
    QString m_folder;
    QTextBrowser *m_browser;
    QPushButton *m_copyChecks;
    QLabel *m_status;
};
