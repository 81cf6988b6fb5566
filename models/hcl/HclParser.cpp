#include "HclParser.h"

#include "hcl/HclLexer.h"

#include <optional>

namespace strata::HclParser {

namespace {

using Kind = HclExpression::Kind;
using TType = HclToken::Type;

constexpr int maxDiagnostics = 1000;

// A template piece before `%{if}`/`%{for}` are nested into parts.
struct FlatPart
{
    enum class Kind { Literal, Interpolation, If, Else, EndIf, For, EndFor };
    Kind kind = Kind::Literal;
    SourceLocation location;
    QString text;
    bool lineStart = false;
    bool stripBefore = false;
    bool stripAfter = false;
    HclExpressionPtr expression;
    QString keyName;
    QString valueName;
};

class Parser
{
public:
    Parser(const QString &text, const QString &file)
        : m_lexer(text)
        , m_file(file)
    {
    }

    // Reads on from `offset` (at `line`:`column`), for a deferred block body.
    Parser(const QString &text, const QString &file, qsizetype offset, int line, int column)
        : m_lexer(text, offset, line, column)
        , m_file(file)
    {
    }

    QList<Diagnostic> diagnostics;
    QStringList deferredTypes; // top-level blocks whose bodies are not kept

    std::shared_ptr<const HclBody> parseFile()
    {
        auto body = std::make_shared<HclBody>();
        body->location = loc(1, 1);
        m_top = body.get();
        parseBodyItems(*body, nullptr);
        return body;
    }

    // `{ … }` at the lexer's position: a deferred block's body.
    std::shared_ptr<const HclBody> parseBodyHere()
    {
        auto body = std::make_shared<HclBody>();
        const HclToken open = peek();
        body->location = loc(open);
        if (!open.isPunct("{")) {
            error(open, QStringLiteral("expected \"{\", found %1").arg(describe(open)));
            return body;
        }
        take();
        parseBlockBody(*body, open);
        return body;
    }

    HclExpressionPtr parseStandaloneExpression()
    {
        HclExpressionPtr e = parseExpression();
        for (;;) {
            const HclToken &t = peek();
            if (t.type == TType::Eof)
                break;
            if (t.type != TType::Newline) {
                error(t, QStringLiteral("extra characters after the expression"));
                break;
            }
            take();
        }
        return e;
    }

private:
    SourceLocation loc(int line, int column) const { return SourceLocation { m_file, line, column }; }
    SourceLocation loc(const HclToken &t) const { return loc(t.line, t.column); }

    void error(int line, int column, const QString &message)
    {
        if (diagnostics.size() < maxDiagnostics)
            diagnostics.append(Diagnostic::error(m_file, line, column, message));
        else if (diagnostics.size() == maxDiagnostics)
            diagnostics.append(
                Diagnostic::error(m_file, line, column, QStringLiteral("too many errors; stopped reporting")));
    }
    void error(const HclToken &t, const QString &message) { error(t.line, t.column, message); }

    const HclToken &peek()
    {
        for (;;) {
            if (m_abort) {
                m_eof.type = TType::Eof;
                return m_eof;
            }
            if (!m_peeked)
                m_peeked = m_lexer.next();
            if (m_peeked->type == TType::Newline && m_newlineIgnore > 0) {
                m_peeked.reset();
                continue;
            }
            if (m_peeked->type == TType::Invalid) {
                error(*m_peeked, m_peeked->text);
                m_peeked.reset();
                continue;
            }
            return *m_peeked;
        }
    }

    HclToken take()
    {
        HclToken t = peek();
        m_peeked.reset();
        ++m_taken;
        return t;
    }

    bool takeIfPunct(const char *p)
    {
        if (peek().isPunct(p)) {
            take();
            return true;
        }
        return false;
    }

    static QString describe(const HclToken &t)
    {
        switch (t.type) {
        case TType::Eof:
            return QStringLiteral("end of file");
        case TType::Newline:
            return QStringLiteral("newline");
        case TType::OpenQuote:
            return QStringLiteral("quoted string");
        case TType::OpenHeredoc:
            return QStringLiteral("heredoc");
        default:
            return QLatin1Char('"') + (t.text.size() > 40 ? t.text.left(40) + QStringLiteral("…") : t.text)
                + QLatin1Char('"');
        }
    }

    // Skips the rest of the current line (keeping the newline), for recovery.
    void skipLine()
    {
        const int saved = m_newlineIgnore;
        m_newlineIgnore = 0;
        for (;;) {
            const HclToken &t = peek();
            if (t.type == TType::Newline || t.type == TType::Eof)
                break;
            if (t.type == TType::OpenQuote || t.type == TType::OpenHeredoc) {
                const HclToken q = take();
                parseTemplate(q.type == TType::OpenHeredoc, q.text, loc(q), q.flush);
                continue;
            }
            take();
        }
        m_newlineIgnore = saved;
    }

    // Guards recursion: beyond maxNesting the rest of the file is not parsed.
    class Nest
    {
    public:
        Nest(Parser &p, const HclToken &at)
            : m_p(p)
        {
            if (++m_p.m_nesting > maxNesting && !m_p.m_abort) {
                m_p.error(at,
                    QStringLiteral("nested too deeply (more than %1 levels); the rest of the file is ignored")
                        .arg(maxNesting));
                m_p.m_abort = true;
            }
        }
        ~Nest() { --m_p.m_nesting; }
        Nest(const Nest &) = delete;
        Nest &operator=(const Nest &) = delete;

    private:
        Parser &m_p;
    };

    // ---- bodies ----------------------------------------------------------

    void parseBodyItems(HclBody &body, const HclToken *open)
    {
        const int savedIgnore = m_newlineIgnore;
        m_newlineIgnore = 0;
        for (;;) {
            const HclToken t = peek();
            if (t.type == TType::Newline) {
                take();
                continue;
            }
            if (t.type == TType::Eof) {
                if (open)
                    error(*open, QStringLiteral("unclosed configuration block: no closing brace for this block"));
                break;
            }
            if (t.isPunct("}")) {
                if (open)
                    break;
                error(t, QStringLiteral("unexpected \"}\": no block is open here"));
                take();
                continue;
            }
            if (t.type != TType::Identifier) {
                error(t, QStringLiteral("argument or block definition required, found %1").arg(describe(t)));
                take();
                skipLine();
                continue;
            }
            parseBodyItem(body);
        }
        m_newlineIgnore = savedIgnore;
    }

    // After an argument or a block: the line must end (or, leniently, the enclosing block close).
    void expectEndOfItem(const char *what)
    {
        const HclToken &t = peek();
        if (t.type == TType::Newline) {
            take();
            return;
        }
        if (t.type == TType::Eof || t.isPunct("}"))
            return;
        error(t, QStringLiteral("missing newline after %1: each one must be on its own line").arg(QLatin1String(what)));
        skipLine();
    }

    void parseBodyItem(HclBody &body)
    {
        const HclToken name = take();
        const HclToken &next = peek();
        if (next.isPunct("=")) {
            take();
            HclAttribute a { name.text, loc(name), parseExpression() };
            body.attributes.append(a);
            expectEndOfItem("argument");
            return;
        }
        HclBlock block;
        block.type = name.text;
        block.location = loc(name);
        auto inner = std::make_shared<HclBody>();
        for (;;) {
            const HclToken l = peek();
            if (l.type == TType::Identifier) {
                take();
                block.labels.append(l.text);
            } else if (l.type == TType::OpenQuote) {
                take();
                const QList<HclTemplatePart> parts = parseTemplate(false, QString(), loc(l));
                QString label;
                for (const HclTemplatePart &p : parts) {
                    if (p.kind != HclTemplatePart::Kind::Literal)
                        error(l, QStringLiteral("block labels cannot contain template sequences"));
                    label += p.text;
                }
                block.labels.append(label);
            } else {
                break;
            }
        }
        const HclToken open = peek();
        if (!open.isPunct("{")) {
            if (block.labels.isEmpty() && (open.type == TType::Newline || open.type == TType::Eof))
                error(open,
                    QStringLiteral("argument \"%1\" needs a value (`%1 = …`) or a block body (`%1 { … }`)")
                        .arg(name.text));
            else
                error(open, QStringLiteral("invalid block definition: expected \"{\", found %1").arg(describe(open)));
            skipLine();
            return;
        }
        take();
        inner->location = loc(open);
        parseBlockBody(*inner, open);
        if (&body == m_top && deferredTypes.contains(block.type)) {
            block.bodyOffset = open.offset; // parsed again when used; this copy goes
            block.bodyLine = open.line;
            block.bodyColumn = open.column;
        } else {
            block.body = inner;
        }
        body.blocks.append(block);
        expectEndOfItem("block definition");
    }

    // After the opening brace, up to and with the closing one.
    void parseBlockBody(HclBody &inner, const HclToken &open)
    {
        Nest nest(*this, open);
        const HclToken &first = peek();
        if (first.type == TType::Newline) {
            parseBodyItems(inner, &open);
            if (peek().isPunct("}"))
                take();
        } else {
            parseSingleLineBody(inner, open);
        }
    }

    // `a { b = 1 }`: at most one argument, closed on the same line.
    void parseSingleLineBody(HclBody &body, const HclToken &open)
    {
        if (takeIfPunct("}"))
            return;
        const HclToken t = peek();
        if (t.type != TType::Identifier) {
            error(t, QStringLiteral("argument or block definition required, found %1").arg(describe(t)));
            skipToCloseOnLine();
            return;
        }
        take();
        if (!peek().isPunct("=")) {
            error(t, QStringLiteral("a single-line block definition cannot contain another block definition"));
            skipToCloseOnLine();
            return;
        }
        take();
        body.attributes.append(HclAttribute { t.text, loc(t), parseExpression() });
        const HclToken end = peek();
        if (end.isPunct("}")) {
            take();
            return;
        }
        if (end.isPunct(",")) {
            error(end, QStringLiteral("only one argument is allowed in a single-line block definition"));
            skipToCloseOnLine();
            return;
        }
        if (end.type == TType::Newline) {
            error(end, QStringLiteral("the closing brace of a single-line block definition must be on the same line"));
            // Read on as an ordinary block so the lines below still make sense.
            parseBodyItems(body, &open);
            if (peek().isPunct("}"))
                take();
            return;
        }
        error(end, QStringLiteral("expected \"}\" to close the single-line block, found %1").arg(describe(end)));
        skipToCloseOnLine();
    }

    void skipToCloseOnLine()
    {
        int depth = 0;
        for (;;) {
            const HclToken &t = peek();
            if (t.type == TType::Newline || t.type == TType::Eof)
                return;
            if (t.isPunct("{")) {
                ++depth;
            } else if (t.isPunct("}")) {
                take();
                if (depth-- == 0)
                    return;
                continue;
            } else if (t.type == TType::OpenQuote) {
                const HclToken q = take();
                parseTemplate(false, QString(), loc(q));
                continue;
            }
            take();
        }
    }

    // ---- expressions -----------------------------------------------------

    std::shared_ptr<HclExpression> node(Kind kind, const SourceLocation &at)
    {
        auto e = std::make_shared<HclExpression>();
        e->kind = kind;
        e->location = at;
        return e;
    }

    // Bounds the tree height so evaluating (recursively) stays within the stack.
    HclExpressionPtr finish(const std::shared_ptr<HclExpression> &e)
    {
        int d = 0;
        for (const HclExpressionPtr &c : { e->source, e->key, e->value, e->condition })
            if (c)
                d = std::max(d, c->depth);
        for (const HclExpressionPtr &c : e->items)
            d = std::max(d, c->depth);
        for (const auto &kv : e->entries)
            d = std::max({ d, kv.first->depth, kv.second->depth });
        d = std::max(d, partsDepth(e->parts));
        e->depth = d + 1;
        if (e->depth > maxExpressionDepth && !m_abort) {
            error(e->location.line, e->location.column,
                QStringLiteral("expression too complex (deeper than %1); the rest of the file is ignored")
                    .arg(maxExpressionDepth));
            m_abort = true;
        }
        return e;
    }

    static int partsDepth(const QList<HclTemplatePart> &parts)
    {
        int d = 0;
        for (const HclTemplatePart &p : parts) {
            if (p.expression)
                d = std::max(d, p.expression->depth);
            d = std::max({ d, partsDepth(p.body) + 1, partsDepth(p.elseBody) + 1 });
        }
        return d;
    }

    HclExpressionPtr invalid(const HclToken &at) { return finish(node(Kind::Invalid, loc(at))); }

    HclExpressionPtr parseExpression()
    {
        const HclToken start = peek();
        Nest nest(*this, start);
        if (m_abort)
            return invalid(start);
        HclExpressionPtr cond = parseBinary(0);
        if (!peek().isPunct("?"))
            return cond;
        take();
        auto e = node(Kind::Conditional, cond->location);
        e->source = cond;
        e->key = parseExpression();
        if (!takeIfPunct(":")) {
            error(peek(), QStringLiteral("expected \":\" in conditional expression, found %1").arg(describe(peek())));
            e->value = invalid(peek());
        } else {
            e->value = parseExpression();
        }
        return finish(e);
    }

    static int levelOf(const HclToken &t)
    {
        if (t.type != TType::Punctuation)
            return -1;
        switch (t.punct) {
        case HclToken::code("||"):
            return 0;
        case HclToken::code("&&"):
            return 1;
        case HclToken::code("=="):
        case HclToken::code("!="):
            return 2;
        case HclToken::code("<"):
        case HclToken::code(">"):
        case HclToken::code("<="):
        case HclToken::code(">="):
            return 3;
        case HclToken::code("+"):
        case HclToken::code("-"):
            return 4;
        case HclToken::code("*"):
        case HclToken::code("/"):
        case HclToken::code("%"):
            return 5;
        default:
            return -1;
        }
    }

    HclExpressionPtr parseBinary(int level)
    {
        if (level == 6)
            return parseUnary();
        HclExpressionPtr lhs = parseBinary(level + 1);
        while (!m_abort && levelOf(peek()) == level) {
            const HclToken op = take();
            auto e = node(Kind::Binary, lhs->location);
            e->name = op.text;
            e->source = lhs;
            e->key = parseBinary(level + 1);
            lhs = finish(e);
        }
        return lhs;
    }

    HclExpressionPtr parseUnary()
    {
        const HclToken t = peek();
        if (t.isPunct("-") || t.isPunct("!")) {
            take();
            Nest nest(*this, t);
            auto e = node(Kind::Unary, loc(t));
            e->name = t.text;
            e->source = m_abort ? invalid(t) : parseUnary();
            return finish(e);
        }
        return parsePostfix(parsePrimary());
    }

    // `.name`, `.0`, `[key]`, `.*` and `[*]` after an expression.
    HclExpressionPtr parsePostfix(HclExpressionPtr e)
    {
        while (!m_abort) {
            const HclToken &t = peek();
            if (t.isPunct(".")) {
                const HclToken dot = take();
                const HclToken n = peek();
                if (n.type == TType::Identifier) {
                    take();
                    e = getAttr(e, n.text, loc(n));
                } else if (n.type == TType::Number) {
                    take();
                    e = legacyIndex(e, n);
                } else if (n.isPunct("*")) {
                    take();
                    e = parseSplat(e, false, loc(dot));
                } else {
                    error(n, QStringLiteral("expected an attribute name after \".\", found %1").arg(describe(n)));
                    return e;
                }
            } else if (t.isPunct("[")) {
                const HclToken open = take();
                ++m_newlineIgnore;
                if (peek().isPunct("*")) {
                    take();
                    closeBracket("]", open);
                    --m_newlineIgnore;
                    e = parseSplat(e, true, loc(open));
                    continue;
                }
                auto idx = node(Kind::Index, loc(open));
                idx->source = e;
                idx->key = parseExpression();
                closeBracket("]", open);
                --m_newlineIgnore;
                e = finish(idx);
            } else {
                return e;
            }
        }
        return e;
    }

    HclExpressionPtr getAttr(const HclExpressionPtr &source, const QString &name, const SourceLocation &at)
    {
        auto g = node(Kind::GetAttr, at);
        g->source = source;
        g->name = name;
        return finish(g);
    }

    // `a.0.1` lexes as `a`, `.`, `0.1`: each part is an index.
    HclExpressionPtr legacyIndex(HclExpressionPtr e, const HclToken &n)
    {
        const QStringList parts = n.text.split(QLatin1Char('.'));
        for (const QString &p : parts) {
            bool ok = false;
            const double v = p.toDouble(&ok);
            if (!ok || p.contains(QLatin1Char('e'), Qt::CaseInsensitive)) {
                error(n, QStringLiteral("invalid legacy index \"%1\"").arg(n.text));
                break;
            }
            auto idx = node(Kind::Index, loc(n));
            idx->source = e;
            auto k = node(Kind::Literal, loc(n));
            k->literal = Value::number(v, p, loc(n));
            idx->key = finish(k);
            e = finish(idx);
        }
        return e;
    }

    // The traversal after a splat applies to each element: `.name`s only for
    // `.*`, also `[key]` for `[*]`.
    HclExpressionPtr parseSplat(const HclExpressionPtr &source, bool full, const SourceLocation &at)
    {
        auto s = node(Kind::Splat, at);
        s->source = source;
        s->fullSplat = full;
        HclExpressionPtr each = finish(node(Kind::SplatItem, at));
        while (!m_abort) {
            const HclToken &t = peek();
            if (t.isPunct(".")) {
                take();
                const HclToken n = peek();
                if (n.type == TType::Identifier) {
                    take();
                    each = getAttr(each, n.text, loc(n));
                } else if (n.type == TType::Number) {
                    take();
                    each = legacyIndex(each, n);
                } else {
                    error(n, QStringLiteral("expected an attribute name after \".\", found %1").arg(describe(n)));
                    break;
                }
            } else if (full && t.isPunct("[")) {
                const HclToken open = take();
                ++m_newlineIgnore;
                if (peek().isPunct("*")) {
                    error(peek(), QStringLiteral("nested splat expressions are not supported"));
                }
                auto idx = node(Kind::Index, loc(open));
                idx->source = each;
                idx->key = parseExpression();
                closeBracket("]", open);
                --m_newlineIgnore;
                each = finish(idx);
            } else {
                break;
            }
        }
        s->value = each;
        return finish(s);
    }

    void closeBracket(const char *close, const HclToken &open)
    {
        if (takeIfPunct(close))
            return;
        const HclToken &t = peek();
        error(t,
            QStringLiteral("expected \"%1\" to close the \"%2\" at line %3, found %4")
                .arg(QLatin1String(close), open.text)
                .arg(open.line)
                .arg(describe(t)));
        // Recover: skip to the closing bracket, or to the end of this line.
        const int savedIgnore = m_newlineIgnore;
        m_newlineIgnore = 0;
        skipToClose(close);
        m_newlineIgnore = savedIgnore;
    }

    void skipToClose(const char *close)
    {
        int depth = 0;
        for (;;) {
            const HclToken &s = peek();
            if (s.type == TType::Eof || (s.type == TType::Newline && depth == 0))
                return;
            if (s.isPunct("(") || s.isPunct("[") || s.isPunct("{"))
                ++depth;
            if (s.isPunct(")") || s.isPunct("]") || s.isPunct("}")) {
                if (depth == 0) {
                    if (s.isPunct(close))
                        take();
                    return;
                }
                --depth;
            }
            if (s.type == TType::OpenQuote || s.type == TType::OpenHeredoc) {
                const HclToken q = take();
                parseTemplate(q.type == TType::OpenHeredoc, q.text, loc(q), q.flush);
                continue;
            }
            take();
        }
    }

    HclExpressionPtr parsePrimary()
    {
        const HclToken t = peek();
        switch (t.type) {
        case TType::Number: {
            take();
            auto e = node(Kind::Literal, loc(t));
            e->literal = Value::number(t.text.toDouble(), t.text, loc(t));
            e->text = t.text;
            return finish(e);
        }
        case TType::Identifier: {
            take();
            if (t.text == QLatin1String("true") || t.text == QLatin1String("false")) {
                auto e = node(Kind::Literal, loc(t));
                e->literal = Value::boolean(t.text == QLatin1String("true"), loc(t));
                e->text = t.text;
                return finish(e);
            }
            if (t.text == QLatin1String("null")) {
                auto e = node(Kind::Literal, loc(t));
                e->literal = Value::null(loc(t));
                e->text = t.text;
                return finish(e);
            }
            if (peek().isPunct("("))
                return parseCall(t);
            auto e = node(Kind::Variable, loc(t));
            e->name = t.text;
            e->text = t.text;
            return finish(e);
        }
        case TType::OpenQuote: {
            take();
            return templateExpression(parseTemplate(false, QString(), loc(t)), loc(t));
        }
        case TType::OpenHeredoc: {
            take();
            QList<HclTemplatePart> parts = parseTemplate(true, t.text, loc(t), t.flush);
            return templateExpression(parts, loc(t));
        }
        case TType::Punctuation:
            if (t.isPunct("(")) {
                take();
                ++m_newlineIgnore;
                auto e = node(Kind::Parens, loc(t));
                e->source = parseExpression();
                closeBracket(")", t);
                --m_newlineIgnore;
                return finish(e);
            }
            if (t.isPunct("["))
                return parseTuple(t);
            if (t.isPunct("{"))
                return parseObject(t);
            break;
        default:
            break;
        }
        error(t, QStringLiteral("expected an expression, found %1").arg(describe(t)));
        // Consume what cannot end anything, so callers always make progress.
        if (t.type != TType::Newline && t.type != TType::Eof && !t.isPunct("}") && !t.isPunct("]") && !t.isPunct(")")
            && !t.isPunct(","))
            take();
        return invalid(t);
    }

    HclExpressionPtr parseCall(const HclToken &name)
    {
        const HclToken open = take();
        ++m_newlineIgnore;
        auto e = node(Kind::Call, loc(name));
        e->name = name.text;
        while (!m_abort && !peek().isPunct(")") && peek().type != TType::Eof) {
            const int before = m_taken;
            e->items.append(parseExpression());
            if (takeIfPunct("...")) {
                e->expandLast = true;
                break;
            }
            if (!takeIfPunct(",")) {
                if (m_taken == before)
                    take();
                break;
            }
        }
        closeBracket(")", open);
        --m_newlineIgnore;
        return finish(e);
    }

    HclExpressionPtr parseTuple(const HclToken &open)
    {
        take();
        ++m_newlineIgnore;
        if (peek().type == TType::Identifier && peek().text == QLatin1String("for")) {
            HclExpressionPtr f = parseFor(open, false);
            --m_newlineIgnore;
            return f;
        }
        auto e = node(Kind::Tuple, loc(open));
        while (!m_abort && !peek().isPunct("]") && peek().type != TType::Eof) {
            const int before = m_taken;
            e->items.append(parseExpression());
            if (!takeIfPunct(",")) {
                if (m_taken == before)
                    take();
                break;
            }
        }
        closeBracket("]", open);
        --m_newlineIgnore;
        return finish(e);
    }

    HclExpressionPtr parseObject(const HclToken &open)
    {
        take();
        ++m_newlineIgnore;
        if (peek().type == TType::Identifier && peek().text == QLatin1String("for")) {
            HclExpressionPtr f = parseFor(open, true);
            --m_newlineIgnore;
            return f;
        }
        auto e = node(Kind::Object, loc(open));
        while (!m_abort && !peek().isPunct("}") && peek().type != TType::Eof) {
            const int before = m_taken;
            HclExpressionPtr k = parseExpression();
            if (k->kind == Kind::Variable) {
                // A bare name is the key itself, not a reference.
                auto lit = node(Kind::Literal, k->location);
                lit->literal = Value::string(k->name, k->location);
                k = finish(lit);
            }
            const HclToken &sep = peek();
            if (!sep.isPunct("=") && !sep.isPunct(":")) {
                error(sep, QStringLiteral("expected \"=\" or \":\" after an object key, found %1").arg(describe(sep)));
                if (m_taken == before)
                    take();
                skipToObjectItemEnd();
                continue;
            }
            take();
            e->entries.append({ k, parseExpression() });
            takeIfPunct(",");
        }
        closeBracket("}", open);
        --m_newlineIgnore;
        return finish(e);
    }

    void skipToObjectItemEnd()
    {
        int depth = 0;
        while (!m_abort) {
            const HclToken &s = peek();
            if (s.type == TType::Eof)
                return;
            if (s.isPunct("(") || s.isPunct("[") || s.isPunct("{"))
                ++depth;
            if (s.isPunct(")") || s.isPunct("]") || s.isPunct("}")) {
                if (depth == 0)
                    return;
                --depth;
            }
            if (s.isPunct(",") && depth == 0) {
                take();
                return;
            }
            take();
        }
    }

    HclExpressionPtr parseFor(const HclToken &open, bool object)
    {
        const HclToken forTok = take();
        auto e = node(Kind::For, loc(forTok));
        e->objectFor = object;
        const char *close = object ? "}" : "]";
        auto fail = [&](const QString &message) {
            error(peek(), message);
            closeBracket(close, open);
            return invalid(forTok);
        };
        if (peek().type != TType::Identifier)
            return fail(QStringLiteral("expected a variable name after \"for\""));
        QString first = take().text;
        if (takeIfPunct(",")) {
            if (peek().type != TType::Identifier)
                return fail(QStringLiteral("expected a value variable name after \",\""));
            e->keyName = first;
            e->name = take().text;
        } else {
            e->name = first;
        }
        if (!(peek().type == TType::Identifier && peek().text == QLatin1String("in")))
            return fail(QStringLiteral("expected \"in\" in the for expression"));
        take();
        e->source = parseExpression();
        if (!takeIfPunct(":"))
            return fail(QStringLiteral("expected \":\" in the for expression, found %1").arg(describe(peek())));
        if (object) {
            e->key = parseExpression();
            if (!takeIfPunct("=>"))
                return fail(
                    QStringLiteral("expected \"=>\" in the object for expression, found %1").arg(describe(peek())));
        }
        e->value = parseExpression();
        if (object && takeIfPunct("..."))
            e->grouping = true;
        if (peek().type == TType::Identifier && peek().text == QLatin1String("if")) {
            take();
            e->condition = parseExpression();
        }
        closeBracket(close, open);
        return finish(e);
    }

    // ---- templates -------------------------------------------------------

    HclExpressionPtr templateExpression(const QList<HclTemplatePart> &parts, const SourceLocation &at)
    {
        bool literal = true;
        QString text;
        for (const HclTemplatePart &p : parts) {
            if (p.kind != HclTemplatePart::Kind::Literal) {
                literal = false;
                break;
            }
            text += p.text;
        }
        if (literal) {
            auto e = node(Kind::Literal, at);
            e->literal = Value::string(text, at);
            return finish(e);
        }
        auto e = node(Kind::Template, at);
        e->parts = parts;
        return finish(e);
    }

    QList<HclTemplatePart> parseTemplate(
        bool heredoc, const QString &marker, const SourceLocation &open, bool flush = false)
    {
        QList<FlatPart> flat;
        const int savedIgnore = m_newlineIgnore;
        for (;;) {
            if (m_abort)
                break;
            Q_ASSERT(!m_peeked);
            const HclTemplateToken tt = m_lexer.nextTemplate(heredoc, marker);
            const SourceLocation at = loc(tt.line, tt.column);
            if (tt.type == HclTemplateToken::Type::End)
                break;
            if (tt.type == HclTemplateToken::Type::Unterminated) {
                error(open.line, open.column,
                    heredoc ? QStringLiteral("unterminated heredoc: no line with only \"%1\" closes it").arg(marker)
                            : QStringLiteral("unterminated string: quoted strings must end on the line they start"));
                break;
            }
            if (tt.type == HclTemplateToken::Type::InvalidEscape) {
                error(tt.line, tt.column, tt.text);
                continue;
            }
            if (tt.type == HclTemplateToken::Type::Literal) {
                FlatPart p;
                p.location = at;
                p.text = tt.text;
                p.lineStart = tt.lineStart;
                flat.append(p);
                continue;
            }
            FlatPart p;
            p.location = at;
            p.stripBefore = tt.strip;
            m_newlineIgnore = 1;
            Nest nest(*this, HclToken { TType::Punctuation, QString(), tt.line, tt.column });
            if (tt.type == HclTemplateToken::Type::Interpolation) {
                p.kind = FlatPart::Kind::Interpolation;
                p.expression = parseExpression();
            } else if (!parseDirective(p)) {
                m_newlineIgnore = savedIgnore;
                break;
            }
            const HclToken &close = peek();
            if (close.isPunct("}") || close.type == TType::CloseTemplate) {
                p.stripAfter = close.type == TType::CloseTemplate;
                take();
                m_newlineIgnore = savedIgnore;
                flat.append(p);
                continue;
            }
            error(close, QStringLiteral("expected \"}\" to end the template sequence, found %1").arg(describe(close)));
            m_newlineIgnore = savedIgnore;
            // The template cannot be followed reliably from here; resume as code.
            return {};
        }
        m_newlineIgnore = savedIgnore;
        if (flush)
            trimHeredocIndent(flat);
        applyStripMarkers(flat);
        qsizetype i = 0;
        return nest(flat, i, 0);
    }

    bool parseDirective(FlatPart &p)
    {
        const HclToken kw = peek();
        if (kw.type != TType::Identifier) {
            error(kw, QStringLiteral("expected a template directive (if, else, endif, for, endfor)"));
            return false;
        }
        take();
        if (kw.text == QLatin1String("if")) {
            p.kind = FlatPart::Kind::If;
            p.expression = parseExpression();
        } else if (kw.text == QLatin1String("else")) {
            p.kind = FlatPart::Kind::Else;
        } else if (kw.text == QLatin1String("endif")) {
            p.kind = FlatPart::Kind::EndIf;
        } else if (kw.text == QLatin1String("endfor")) {
            p.kind = FlatPart::Kind::EndFor;
        } else if (kw.text == QLatin1String("for")) {
            p.kind = FlatPart::Kind::For;
            if (peek().type != TType::Identifier) {
                error(peek(), QStringLiteral("expected a variable name after \"for\""));
                return false;
            }
            const QString first = take().text;
            if (takeIfPunct(",")) {
                if (peek().type != TType::Identifier) {
                    error(peek(), QStringLiteral("expected a value variable name after \",\""));
                    return false;
                }
                p.keyName = first;
                p.valueName = take().text;
            } else {
                p.valueName = first;
            }
            if (!(peek().type == TType::Identifier && peek().text == QLatin1String("in"))) {
                error(peek(), QStringLiteral("expected \"in\" in the for directive"));
                return false;
            }
            take();
            p.expression = parseExpression();
        } else {
            error(kw, QStringLiteral("unknown template directive \"%1\"").arg(kw.text));
            return false;
        }
        return true;
    }

    static qsizetype leadingSpace(const QString &s)
    {
        qsizetype n = 0;
        while (n < s.size() && s.at(n) != QLatin1Char('\n') && s.at(n).isSpace())
            ++n;
        return n;
    }

    // `<<-`: the smallest indent of the non-blank lines is removed from all.
    static void trimHeredocIndent(QList<FlatPart> &flat)
    {
        qsizetype minIndent = -1;
        for (qsizetype i = 0; i < flat.size(); ++i) {
            const FlatPart &p = flat.at(i);
            if (p.kind != FlatPart::Kind::Literal || !p.lineStart)
                continue;
            const qsizetype n = leadingSpace(p.text);
            const bool restOfLineFollows = n == p.text.size() && i + 1 < flat.size()
                && !(flat.at(i + 1).kind == FlatPart::Kind::Literal && flat.at(i + 1).lineStart);
            const bool blank = !restOfLineFollows && (n == p.text.size() || p.text.at(n) == QLatin1Char('\n'));
            if (blank)
                continue;
            if (minIndent < 0 || n < minIndent)
                minIndent = n;
        }
        if (minIndent <= 0)
            return;
        for (FlatPart &p : flat) {
            if (p.kind == FlatPart::Kind::Literal && p.lineStart)
                p.text.remove(0, std::min(minIndent, leadingSpace(p.text)));
        }
    }

    static void applyStripMarkers(QList<FlatPart> &flat)
    {
        for (qsizetype i = 0; i < flat.size(); ++i) {
            const FlatPart &p = flat.at(i);
            if (p.stripBefore && i > 0 && flat.at(i - 1).kind == FlatPart::Kind::Literal) {
                QString &t = flat[i - 1].text;
                qsizetype n = t.size();
                while (n > 0 && t.at(n - 1).isSpace())
                    --n;
                t.truncate(n);
            }
            if (flat.at(i).stripAfter && i + 1 < flat.size() && flat.at(i + 1).kind == FlatPart::Kind::Literal) {
                QString &t = flat[i + 1].text;
                qsizetype n = 0;
                while (n < t.size() && t.at(n).isSpace())
                    ++n;
                t.remove(0, n);
            }
        }
    }

    // Nests `%{if}…%{endif}` and `%{for}…%{endfor}` into parts.
    QList<HclTemplatePart> nest(const QList<FlatPart> &flat, qsizetype &i, int depth)
    {
        QList<HclTemplatePart> out;
        if (depth > maxNesting) {
            if (!m_abort)
                error(flat.at(i).location.line, flat.at(i).location.column,
                    QStringLiteral("template directives nested too deeply"));
            m_abort = true;
            i = flat.size();
            return out;
        }
        while (i < flat.size()) {
            const FlatPart &p = flat.at(i);
            HclTemplatePart part;
            part.location = p.location;
            switch (p.kind) {
            case FlatPart::Kind::Literal:
                if (!out.isEmpty() && out.last().kind == HclTemplatePart::Kind::Literal) {
                    out.last().text += p.text;
                    ++i;
                    continue;
                }
                part.kind = HclTemplatePart::Kind::Literal;
                part.text = p.text;
                ++i;
                break;
            case FlatPart::Kind::Interpolation:
                part.kind = HclTemplatePart::Kind::Interpolation;
                part.expression = p.expression;
                ++i;
                break;
            case FlatPart::Kind::If: {
                part.kind = HclTemplatePart::Kind::If;
                part.expression = p.expression;
                ++i;
                part.body = nest(flat, i, depth + 1);
                if (i < flat.size() && flat.at(i).kind == FlatPart::Kind::Else) {
                    ++i;
                    part.elseBody = nest(flat, i, depth + 1);
                }
                if (i < flat.size() && flat.at(i).kind == FlatPart::Kind::EndIf)
                    ++i;
                else
                    error(p.location.line, p.location.column, QStringLiteral("%{if} without a matching %{endif}"));
                break;
            }
            case FlatPart::Kind::For:
                part.kind = HclTemplatePart::Kind::For;
                part.expression = p.expression;
                part.keyName = p.keyName;
                part.valueName = p.valueName;
                ++i;
                part.body = nest(flat, i, depth + 1);
                if (i < flat.size() && flat.at(i).kind == FlatPart::Kind::EndFor)
                    ++i;
                else
                    error(p.location.line, p.location.column, QStringLiteral("%{for} without a matching %{endfor}"));
                break;
            case FlatPart::Kind::Else:
            case FlatPart::Kind::EndIf:
            case FlatPart::Kind::EndFor:
                if (depth == 0) {
                    error(p.location.line, p.location.column,
                        QStringLiteral("template directive without its opening %{if} or %{for}"));
                    ++i;
                    continue;
                }
                return out; // the caller consumes it
            }
            out.append(part);
        }
        return out;
    }

    HclLexer m_lexer;
    QString m_file;
    const HclBody *m_top = nullptr; // the file's own body
    std::optional<HclToken> m_peeked;
    HclToken m_eof;
    int m_newlineIgnore = 0;
    int m_nesting = 0;
    int m_taken = 0;
    bool m_abort = false;
};

} // namespace

HclFile parse(const QString &text, const QString &file)
{
    Parser p(text, file);
    HclFile out;
    out.file = file;
    out.body = p.parseFile();
    out.diagnostics = p.diagnostics;
    return out;
}

HclFile parse(const QByteArray &utf8, const QString &file)
{
    return parse(QString::fromUtf8(utf8), file);
}

HclFile parseDeferring(const QByteArray &utf8, const QString &file, const QStringList &deferredTypes)
{
    HclFile out;
    out.file = file;
    out.text = QString::fromUtf8(utf8);
    Parser p(out.text, file);
    p.deferredTypes = deferredTypes;
    out.body = p.parseFile();
    out.diagnostics = p.diagnostics;
    return out;
}

std::shared_ptr<const HclBody> parseDeferredBody(const QString &text, const HclBlock &block)
{
    if (block.body || block.bodyOffset < 0)
        return block.body ? block.body : std::make_shared<const HclBody>();
    Parser p(text, block.location.file, block.bodyOffset, block.bodyLine, block.bodyColumn);
    return p.parseBodyHere();
}

HclExpressionPtr parseExpression(const QString &text, const QString &file, QList<Diagnostic> *diagnostics)
{
    Parser p(text, file);
    HclExpressionPtr e = p.parseStandaloneExpression();
    if (diagnostics)
        diagnostics->append(p.diagnostics);
    return e;
}

} // namespace strata::HclParser
