#include "FieldPath.h"

namespace strata::FieldPath {

namespace {
bool isPlainKey(const QString &key)
{
    if (key.isEmpty())
        return false;
    for (const QChar c : key) {
        if (!(c.isLetterOrNumber() || c == QLatin1Char('_') || c == QLatin1Char('-')))
            return false;
    }
    return true;
}
} // namespace

QString appendIndex(const QString &path, qsizetype index)
{
    return path + QLatin1Char('[') + QString::number(index) + QLatin1Char(']');
}

QString appendKey(const QString &path, const QString &key)
{
    if (isPlainKey(key))
        return path.isEmpty() ? key : path + QLatin1Char('.') + key;
    QString escaped = key;
    escaped.replace(QLatin1Char('\\'), QStringLiteral("\\\\")).replace(QLatin1Char('"'), QStringLiteral("\\\""));
    return path + QStringLiteral("[\"") + escaped + QStringLiteral("\"]");
}

QStringList keys(const QString &path)
{
    QStringList out;
    QString current;
    for (qsizetype i = 0; i < path.size(); ++i) {
        const QChar c = path.at(i);
        if (c == QLatin1Char('.')) {
            if (!current.isEmpty())
                out.append(current);
            current.clear();
        } else if (c == QLatin1Char('[') && i + 1 < path.size() && path.at(i + 1) == QLatin1Char('"')) {
            if (!current.isEmpty())
                out.append(current);
            current.clear();
            for (i += 2; i < path.size() && path.at(i) != QLatin1Char('"'); ++i) {
                if (path.at(i) == QLatin1Char('\\') && i + 1 < path.size())
                    ++i;
                current += path.at(i);
            }
            out.append(current);
            current.clear();
            ++i; // the closing ]
        } else if (c == QLatin1Char('[')) {
            break; // a list index ends the keys
        } else {
            current += c;
        }
    }
    if (!current.isEmpty())
        out.append(current);
    return out;
}

} // namespace strata::FieldPath
