#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QHash>
#include <QString>

namespace strata {

// Short strings that repeat all through one file — keys, kinds, metric and
// label names ("metadata", "v1", "instance") — made once and shared by
// every value that holds them, looked up without copying the bytes. A
// reader keeps one for the file it reads. Longer strings, and new ones once
// the pool is full, are made each time: a file of unique values does not
// grow it without bound.
class StringPool
{
public:
    explicit StringPool(qsizetype maxLength)
        : m_maxLength(maxLength)
    {
    }

    QString get(QByteArrayView utf8)
    {
        if (utf8.size() > m_maxLength)
            return QString::fromUtf8(utf8);
        // QHash compares keys, not rehashes them, while it probes.
        const auto it = m_strings.constFind(QByteArray::fromRawData(utf8.data(), utf8.size()));
        if (it != m_strings.cend())
            return *it;
        QString s = QString::fromUtf8(utf8);
        if (m_strings.size() < maxStrings)
            m_strings.insert(utf8.toByteArray(), s);
        return s;
    }

private:
    static constexpr qsizetype maxStrings = 65536;
    qsizetype m_maxLength;
    QHash<QByteArray, QString> m_strings;
};

} // namespace strata
