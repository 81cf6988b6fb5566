#pragma once

#include <QDialog>

// Help ▸ About: Strata's version and the version and licence of every library
// it is built on, from strata::BuildInfo.
class AboutDialog : public QDialog
{
    Q_OBJECT
public:
    explicit AboutDialog(QWidget *parent = nullptr);

    // The dialog's body as rich text (escaped); exposed for tests.
    static QString bodyHtml();
};
