#include "AboutDialog.h"

#include "core/BuildInfo.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QVBoxLayout>

AboutDialog::AboutDialog(QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("aboutDialog"));
    setWindowTitle(QStringLiteral("About Strata"));
    auto *label = new QLabel(bodyHtml(), this);
    label->setObjectName(QStringLiteral("aboutText"));
    label->setTextFormat(Qt::RichText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(label);
    layout->addWidget(buttons);
}

QString AboutDialog::bodyHtml()
{
    using strata::BuildInfo::dependencies;
    QString html = QStringLiteral("<h2>Strata %1</h2>"
                                  "<p>A workbench for ops archaeology: where Terraform code, Terraform state, "
                                  "the live cluster and a read replica disagree.</p>"
                                  "<p>Built on:</p><table cellspacing=\"6\">"
                                  "<tr><th align=\"left\">Library</th><th align=\"left\">Version</th>"
                                  "<th align=\"left\">Licence</th><th align=\"left\">Used for</th></tr>")
                       .arg(strata::BuildInfo::version().toHtmlEscaped());
    for (const strata::DependencyInfo &d : dependencies()) {
        html += QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td><td>%4</td></tr>")
                    .arg(d.name.toHtmlEscaped(), d.version.toHtmlEscaped(), d.license.toHtmlEscaped(),
                        d.purpose.toHtmlEscaped());
    }
    html += QStringLiteral("</table><p>Strata is free software under the MIT licence.</p>");
    return html;
}
