#pragma once

#include <QList>
#include <QString>

namespace strata {

// A message about an input, positioned where the user can find it:
// "file:line:col: error: message". Parsers return these instead of throwing,
// so one bad file never stops the rest of a case from loading.
struct Diagnostic
{
    enum class Severity { Error, Warning, Note };

    Severity severity = Severity::Error;
    QString file; // path as the user knows it, or an endpoint
    int line = 0; // 1-based; 0 when unknown
    int column = 0; // 1-based; 0 when unknown
    QString message;

    // "file:line:col: error: message", leaving out what is unknown.
    QString toString() const;

    static Diagnostic error(const QString &file, int line, int column, const QString &message);
    static Diagnostic warning(const QString &file, int line, int column, const QString &message);
};

bool hasErrors(const QList<Diagnostic> &diagnostics);
// One diagnostic per line, as Diagnostic::toString writes them.
QString diagnosticsText(const QList<Diagnostic> &diagnostics);

} // namespace strata
