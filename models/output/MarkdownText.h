#pragma once

#include <QString>
#include <QStringList>

namespace strata::MarkdownText {

// Markdown that reads well raw (pasted into a ticket or a chat as text) and
// that untrusted text cannot break out of: identifiers, paths and values go
// in code spans, which show them verbatim, instead of backslash escapes in
// prose; only what would start markup is escaped. Newlines become spaces.

// A code span holding `text` verbatim: its backtick fence is longer than
// any run of backticks inside, padded where the text starts or ends with
// one. In a table cell pipes are escaped (GFM reads `\|` inside spans there).
QString code(const QString &text, bool inTable = false);

// Prose from the rules, with names and values from the evidence in it:
// every word holding a character Markdown or HTML would read as markup
// (`_ * < > [ ] { } | \ ~ & # = /` or a backtick), or quoted in double
// quotes, becomes a code span; a first word that would start a heading,
// quote, list or break is escaped; the rest stays as written.
QString prose(const QString &text, bool inTable = false);

// A fenced code block (```sh), every line indented by `indent` (to stay
// inside a list item); the fence is longer than any backtick run inside.
QString fenced(const QString &language, const QStringList &lines, const QString &indent = {});

// `text` as comment lines ("# …") of at most about `width` characters.
QStringList commentLines(const QString &text, int width = 100);

} // namespace strata::MarkdownText
