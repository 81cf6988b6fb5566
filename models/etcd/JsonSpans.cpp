#include "JsonSpans.h"

namespace strata::JsonSpans {

namespace {

bool isBlank(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

qsizetype skipBlanks(QByteArrayView text, qsizetype pos, qsizetype limit)
{
    while (pos < limit && isBlank(text.at(pos)))
        ++pos;
    return pos;
}

// Past the closing quote of the string whose opening quote is at `pos`, or -1.
qsizetype stringEnd(QByteArrayView text, qsizetype pos, qsizetype limit)
{
    for (qsizetype i = pos + 1; i < limit; ++i) {
        const char c = text.at(i);
        if (c == '\\')
            ++i;
        else if (c == '"')
            return i + 1;
        else if (c == '\n')
            return -1;
    }
    return -1;
}

} // namespace

qsizetype valueEnd(QByteArrayView text, qsizetype pos, qsizetype limit)
{
    limit = qMin(limit, text.size());
    pos = skipBlanks(text, pos, limit);
    if (pos >= limit)
        return -1;
    const char first = text.at(pos);
    if (first == '"')
        return stringEnd(text, pos, limit);
    if (first != '{' && first != '[') {
        qsizetype i = pos;
        while (i < limit && !isBlank(text.at(i)) && text.at(i) != ',' && text.at(i) != ']' && text.at(i) != '}'
            && text.at(i) != ':')
            ++i;
        return i > pos ? i : -1;
    }
    int depth = 0;
    for (qsizetype i = pos; i < limit; ++i) {
        const char c = text.at(i);
        if (c == '"') {
            const qsizetype e = stringEnd(text, i, limit);
            if (e < 0)
                return -1;
            i = e - 1;
        } else if (c == '{' || c == '[') {
            if (++depth > maxDepth)
                return -1;
        } else if (c == '}' || c == ']') {
            if (--depth == 0)
                return i + 1;
        }
    }
    return -1;
}

QList<Child> children(QByteArrayView text, qsizetype start, qsizetype end)
{
    QList<Child> result;
    end = qMin(end, text.size());
    if (start >= end)
        return result;
    const char open = text.at(start);
    if (open != '{' && open != '[')
        return result;
    const bool isObject = open == '{';
    qsizetype pos = skipBlanks(text, start + 1, end);
    while (pos < end) {
        const char c = text.at(pos);
        if (c == '}' || c == ']')
            break;
        Child child;
        if (isObject) {
            if (c != '"')
                break;
            const qsizetype keyEnd = stringEnd(text, pos, end);
            if (keyEnd < 0)
                break;
            child.key = text.sliced(pos + 1, keyEnd - pos - 2);
            pos = skipBlanks(text, keyEnd, end);
            if (pos >= end || text.at(pos) != ':')
                break;
            pos = skipBlanks(text, pos + 1, end);
        }
        const qsizetype valueStop = valueEnd(text, pos, end);
        if (valueStop < 0)
            break;
        child.start = pos;
        child.end = valueStop;
        result.append(child);
        pos = skipBlanks(text, valueStop, end);
        if (pos < end && text.at(pos) == ',')
            pos = skipBlanks(text, pos + 1, end);
        else
            break;
    }
    return result;
}

} // namespace strata::JsonSpans
