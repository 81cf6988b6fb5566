#include "CompactJson.h"

namespace strata {

CompactJson::CompactJson(QByteArray &out)
    : m_out(out)
{
}

void CompactJson::beforeValue()
{
    if (m_afterKey) {
        m_afterKey = false;
        return;
    }
    if (!m_hasMember.empty()) {
        if (m_hasMember.back())
            m_out.append(',');
        m_hasMember.back() = true;
    }
}

void CompactJson::beginObject()
{
    beforeValue();
    m_out.append('{');
    m_hasMember.push_back(false);
}

void CompactJson::endObject()
{
    m_hasMember.pop_back();
    m_out.append('}');
}

void CompactJson::beginArray()
{
    beforeValue();
    m_out.append('[');
    m_hasMember.push_back(false);
}

void CompactJson::endArray()
{
    m_hasMember.pop_back();
    m_out.append(']');
}

void CompactJson::key(const char *name)
{
    beforeValue();
    m_out.append('"');
    m_out.append(name); // names are the schema's own: plain ASCII
    m_out.append("\":");
    m_afterKey = true;
}

void CompactJson::string(const QString &text)
{
    beforeValue();
    appendString(m_out, text);
}

void CompactJson::stringOrNull(const QString &text)
{
    if (text.isEmpty())
        null();
    else
        string(text);
}

void CompactJson::boolean(bool b)
{
    beforeValue();
    m_out.append(b ? "true" : "false");
}

void CompactJson::integer(qint64 n)
{
    beforeValue();
    m_out.append(QByteArray::number(n));
}

void CompactJson::null()
{
    beforeValue();
    m_out.append("null");
}

void CompactJson::raw(const QByteArray &json)
{
    beforeValue();
    m_out.append(json);
}

void CompactJson::appendString(QByteArray &out, const QString &text)
{
    // QString's UTF-8 is always well-formed (a lone surrogate becomes
    // U+FFFD), so only the characters JSON requires are escaped.
    static const char hex[] = "0123456789abcdef";
    const QByteArray utf8 = text.toUtf8();
    out.append('"');
    qsizetype plainFrom = 0;
    for (qsizetype i = 0; i < utf8.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(utf8[i]);
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        out.append(utf8.constData() + plainFrom, i - plainFrom);
        plainFrom = i + 1;
        switch (c) {
        case '"':
            out.append("\\\"");
            break;
        case '\\':
            out.append("\\\\");
            break;
        case '\b':
            out.append("\\b");
            break;
        case '\f':
            out.append("\\f");
            break;
        case '\n':
            out.append("\\n");
            break;
        case '\r':
            out.append("\\r");
            break;
        case '\t':
            out.append("\\t");
            break;
        default: {
            const char escaped[] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 0xF], 0 };
            out.append(escaped);
        }
        }
    }
    out.append(utf8.constData() + plainFrom, utf8.size() - plainFrom);
    out.append('"');
}

} // namespace strata
