#pragma once

#include "core/SourceLocation.h"
#include "diff/ResourceDiff.h"

#include <QList>
#include <QString>

namespace strata {

// An evidence file's text as the evidence viewer shows it: bounded (a huge or
// endless file never freezes the window), regular files only (a FIFO or a
// device would block), and with every Secret value the analysis found in it
// masked, so opening the evidence never shows what the diff hides.
struct EvidenceText
{
    QString text;
    QString error; // why nothing could be shown; empty when text is valid
    bool truncated = false; // only the first `limit` bytes are shown
};

constexpr qint64 evidenceTextLimit = 16 * 1024 * 1024;

EvidenceText readEvidenceText(const QString &path, qint64 limit = evidenceTextLimit);

// Where the analysis found Secret values in `file` (as the case names it),
// for maskValues.
QList<SourceLocation> secretLocations(const QList<ResourceDiff> &resources, const QString &file);

// A stretch of one line, in characters from the line's start (0-based).
struct TextSpan
{
    int start = 0;
    int length = 0;
    bool operator==(const TextSpan &) const = default;
};

// The scalar that starts at 1-based `column` of `line`: a quoted string up to
// its closing quote (escapes honoured), else up to a `,`, `}`, `]` or a
// comment, trailing blanks dropped. Past the end: the whole line.
TextSpan valueSpanAt(const QString &line, int column);

// Replaces each value that starts at one of `locations` (its file already
// matched by the caller) with bullets of the same length, so line and column
// numbers stay true.
QString maskValues(QString text, const QList<SourceLocation> &locations);

} // namespace strata
