#pragma once

#include <QWidget>

class QLabel;

// What a view shows while it has nothing real to show: one centred, wrapped,
// muted sentence saying why and what to do. Colours come from the palette so
// light and dark themes both work.
class PlaceholderView : public QWidget
{
    Q_OBJECT
public:
    explicit PlaceholderView(const QString &text, QWidget *parent = nullptr);

    void setText(const QString &text);
    QString text() const;

protected:
    void changeEvent(QEvent *event) override;
    void paintEvent(QPaintEvent *event) override;
    void focusInEvent(QFocusEvent *event) override;
    void focusOutEvent(QFocusEvent *event) override;

private:
    void applyPalette();

    QLabel *m_label;
};
