#pragma once

#include <QString>

namespace strata {

// A token of HCL2 native syntax outside templates.
struct HclToken
{
    enum class Type {
        Eof,
        Newline,
        Identifier,
        Number,
        Punctuation, // text holds the operator or bracket ("{", "...", "==", …)
        OpenQuote, // `"`: a quoted template follows
        OpenHeredoc, // `<<ID` / `<<-ID` and its newline: text is ID, flush for `<<-`
        CloseTemplate, // `~}` (a `}` that strips the following whitespace)
        Invalid, // text is the message
    };
    Type type = Type::Eof;
    QString text;
    int line = 1;
    int column = 1;
    qsizetype offset = 0; // where it starts in the text, for parsing a block's body again later
    bool flush = false;

    int punct = 0; // Punctuation: its characters packed by code(), compared without strings

    static constexpr int code(const char *p)
    {
        int c = 0;
        for (int i = 0; i < 3 && p[i]; ++i)
            c |= int(static_cast<unsigned char>(p[i])) << (8 * i);
        return c;
    }
    constexpr bool isPunct(const char *p) const { return type == Type::Punctuation && punct == code(p); }
};

// A token inside a quoted string or heredoc.
struct HclTemplateToken
{
    enum class Type {
        Literal, // text, escapes already applied
        Interpolation, // `${` (strip for `${~`)
        Directive, // `%{` (strip for `%{~`)
        End, // the closing quote or heredoc marker line
        Unterminated, // newline inside a quoted string, or end of input
        InvalidEscape, // text is the message; scanning continues after it
    };
    Type type = Type::End;
    QString text;
    int line = 1;
    int column = 1;
    bool strip = false;
    bool lineStart = false; // heredocs: the literal starts a line (for `<<-` indent trimming)
};

// Splits HCL source into tokens, on demand: the parser switches between
// expression tokens (next()) and template text (nextTemplate()) as it goes,
// because what `}` or `"` mean depends on where the parser is. Used only by
// HclParser. Never fails: bad input becomes Invalid tokens with a message.
class HclLexer
{
public:
    explicit HclLexer(const QString &text);
    // Reads on from `offset`, which is at `line`:`column` of the text.
    HclLexer(const QString &text, qsizetype offset, int line, int column);

    HclToken next();
    // Heredocs end at a line holding only `marker` (after optional indent).
    HclTemplateToken nextTemplate(bool heredoc, const QString &marker);

private:
    QChar at(qsizetype i) const { return i < m_text.size() ? m_text.at(i) : QChar(); }
    void advance(qsizetype count = 1);
    bool heredocEndsHere(const QString &marker, qsizetype *endOfLine) const;

    const QString m_text;
    qsizetype m_pos = 0;
    int m_line = 1;
    int m_column = 1;
    bool m_atLineStart = true;
};

} // namespace strata
