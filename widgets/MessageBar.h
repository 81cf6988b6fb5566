#pragma once

#include <QFrame>

class QLabel;
class QToolButton;

// A band across the top of a view that says something the user must not miss
// ("2 of 7 evidence files could not be read — the analysis is incomplete"),
// with links ("Show problems") and, for information only, a close button.
// Colours come from the palette (StatusColors), so it reads in light and dark.
class MessageBar : public QFrame
{
    Q_OBJECT
public:
    enum class Kind { Warning, Information };

    explicit MessageBar(Kind kind, QWidget *parent = nullptr);

    // `html` is trusted markup written by Strata; untrusted parts must be escaped by the caller.
    void setMessage(const QString &html);
    QString text() const; // the message as plain text
    void setClosable(bool closable);

Q_SIGNALS:
    void linkActivated(const QString &link);

protected:
    void changeEvent(QEvent *event) override;

private:
    void applyColours();

    Kind m_kind;
    QLabel *m_icon;
    QLabel *m_label;
    QToolButton *m_close;
    bool m_applyingColours = false;
};
