#include "Diagnostic.h"

#include <QStringList>

#include <algorithm>

namespace strata {

QString Diagnostic::toString() const
{
    QString where = file;
    if (line > 0) {
        where += QLatin1Char(':') + QString::number(line);
        if (column > 0)
            where += QLatin1Char(':') + QString::number(column);
    }
    QString kind;
    switch (severity) {
    case Severity::Error:
        kind = QStringLiteral("error");
        break;
    case Severity::Warning:
        kind = QStringLiteral("warning");
        break;
    case Severity::Note:
        kind = QStringLiteral("note");
        break;
    }
    if (where.isEmpty())
        return kind + QStringLiteral(": ") + message;
    return where + QStringLiteral(": ") + kind + QStringLiteral(": ") + message;
}

Diagnostic Diagnostic::error(const QString &file, int line, int column, const QString &message)
{
    return { Severity::Error, file, line, column, message };
}

Diagnostic Diagnostic::warning(const QString &file, int line, int column, const QString &message)
{
    return { Severity::Warning, file, line, column, message };
}

bool hasErrors(const QList<Diagnostic> &diagnostics)
{
    return std::any_of(diagnostics.cbegin(), diagnostics.cend(),
        [](const Diagnostic &d) { return d.severity == Diagnostic::Severity::Error; });
}

QString diagnosticsText(const QList<Diagnostic> &diagnostics)
{
    QStringList lines;
    for (const Diagnostic &d : diagnostics)
        lines.append(d.toString());
    return lines.join(QLatin1Char('\n'));
}

} // namespace strata
