#pragma once

#include <QByteArray>
#include <QString>

#include <vector>

namespace strata {

// Appends JSON text without building a tree: the analysis writes every field
// of every object, and a tree of that (nlohmann's) cost gigabytes and most of
// the run at 20,000 objects. Output is compact (no spaces), as one line;
// strings are escaped like nlohmann's dump() without ensure_ascii, so text
// from evidence comes out the same whichever writer wrote it.
class CompactJson
{
public:
    explicit CompactJson(QByteArray &out);

    void beginObject();
    void endObject();
    void beginArray();
    void endArray();
    // The next member's name; the value follows with one of the calls below.
    void key(const char *name);
    void string(const QString &text);
    void stringOrNull(const QString &text); // empty → null
    void boolean(bool b);
    void integer(qint64 n);
    void null();
    // A value already written as JSON text.
    void raw(const QByteArray &json);

    static void appendString(QByteArray &out, const QString &text);

private:
    void beforeValue();

    QByteArray &m_out;
    std::vector<bool> m_hasMember; // per open object/array: a comma before the next
    bool m_afterKey = false;
};

} // namespace strata
