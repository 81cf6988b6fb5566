#pragma once

#include "core/Diagnostic.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace strata {

// A box-drawn table as etcdctl's tablewriter prints it (`-w table`): a border,
// the header, a border, the rows, a border. Cells that wrapped onto extra
// lines (long ERRORS) are joined back into their row, so callers see one row
// per record. Used by EtcdctlParser; knows nothing about what the columns mean.
class EtcdctlTable
{
public:
    struct Cell
    {
        QString text; // trimmed; wrapped parts joined by one space
        int column = 0; // 1-based column of the cell's first line
    };
    struct Row
    {
        QList<Cell> cells; // one per header column
        int line = 0; // 1-based line of the row's first text line
    };
    // One line of the pasted table with its 1-based line number.
    struct SourceLine
    {
        QString text;
        int line = 0;
    };

    // Reads `lines` (every one starts with '+' or '|' once leading blanks are
    // removed). Rows whose cells do not match the header are reported and skipped.
    static EtcdctlTable read(const QList<SourceLine> &lines, const QString &file, QList<Diagnostic> *diagnostics);

    // Header names normalised: upper case, '_' as space, blanks collapsed ("DB SIZE").
    QStringList headers;
    int headerLine = 0;
    QList<Row> rows;

    // Index of the column named `header` (normalised), or -1.
    int columnOf(const QString &header) const { return int(headers.indexOf(header)); }
};

} // namespace strata
