#pragma once

#include <QDialog>

class QTextBrowser;

// Shows a Markdown document built into Strata (Help ▸ User Guide), rendered by
// Qt; links to other places in the document work, web links open outside.
class DocumentDialog : public QDialog
{
    Q_OBJECT
public:
    DocumentDialog(const QString &title, const QString &resourcePath, QWidget *parent = nullptr);
    QTextBrowser *browser() const { return m_browser; }

private:
    QTextBrowser *m_browser;
};
