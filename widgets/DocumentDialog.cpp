#include "DocumentDialog.h"

#include <QDialogButtonBox>
#include <QFile>
#include <QTextBrowser>
#include <QVBoxLayout>

DocumentDialog::DocumentDialog(const QString &title, const QString &resourcePath, QWidget *parent)
    : QDialog(parent)
    , m_browser(new QTextBrowser(this))
{
    setObjectName(QStringLiteral("documentDialog"));
    setWindowTitle(title);
    m_browser->setObjectName(QStringLiteral("documentText"));
    m_browser->setAccessibleName(title);
    m_browser->setOpenExternalLinks(true);
    QFile file(resourcePath);
    if (file.open(QIODevice::ReadOnly))
        m_browser->setMarkdown(QString::fromUtf8(file.readAll()));
    else
        m_browser->setPlainText(QStringLiteral("%1 is missing from this build (%2).").arg(title, resourcePath));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_browser);
    layout->addWidget(buttons);
    resize(720, 640);
}
