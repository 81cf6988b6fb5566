#include "EtcdctlValues.h"

#include <cmath>
#include <limits>

namespace strata::EtcdctlValues {

namespace {

bool isDigit(QChar c)
{
    return c >= QLatin1Char('0') && c <= QLatin1Char('9');
}

// A non-negative decimal such as "4.1" or "20"; nullopt for anything else.
std::optional<double> parseDecimal(QStringView text)
{
    if (text.isEmpty())
        return std::nullopt;
    double value = 0;
    double scale = 0;
    bool digits = false;
    for (const QChar c : text) {
        if (isDigit(c)) {
            digits = true;
            const int d = c.unicode() - '0';
            if (scale == 0) {
                value = value * 10 + d;
            } else {
                value += d * scale;
                scale /= 10;
            }
        } else if (c == QLatin1Char('.') && scale == 0) {
            scale = 0.1;
        } else {
            return std::nullopt;
        }
    }
    if (!digits || !std::isfinite(value))
        return std::nullopt;
    return value;
}

} // namespace

std::optional<quint64> parseHexId(QStringView text)
{
    text = text.trimmed();
    if (text.startsWith(QLatin1String("0x"), Qt::CaseInsensitive))
        text = text.mid(2);
    if (text.isEmpty() || text.size() > 16)
        return std::nullopt;
    quint64 value = 0;
    for (const QChar c : text) {
        int d;
        const char16_t u = c.unicode();
        if (u >= '0' && u <= '9')
            d = u - '0';
        else if (u >= 'a' && u <= 'f')
            d = u - 'a' + 10;
        else if (u >= 'A' && u <= 'F')
            d = u - 'A' + 10;
        else
            return std::nullopt;
        value = (value << 4) | quint64(d);
    }
    return value;
}

QString hexId(quint64 id)
{
    return QString::number(id, 16);
}

std::optional<quint64> parseUnsigned(QStringView text)
{
    text = text.trimmed();
    if (text.isEmpty() || text.size() > 20)
        return std::nullopt;
    quint64 value = 0;
    for (const QChar c : text) {
        if (!isDigit(c))
            return std::nullopt;
        const quint64 d = quint64(c.unicode() - '0');
        if (value > (std::numeric_limits<quint64>::max() - d) / 10)
            return std::nullopt;
        value = value * 10 + d;
    }
    return value;
}

std::optional<qint64> parseSigned(QStringView text)
{
    text = text.trimmed();
    const bool negative = text.startsWith(QLatin1Char('-'));
    const auto magnitude = parseUnsigned(negative ? text.mid(1) : text);
    if (!magnitude)
        return std::nullopt;
    if (negative) {
        if (*magnitude > quint64(std::numeric_limits<qint64>::max()) + 1)
            return std::nullopt;
        return qint64(0 - *magnitude);
    }
    if (*magnitude > quint64(std::numeric_limits<qint64>::max()))
        return std::nullopt;
    return qint64(*magnitude);
}

std::optional<quint64> parseByteSize(QStringView text)
{
    text = text.trimmed();
    qsizetype split = 0;
    while (split < text.size() && (isDigit(text.at(split)) || text.at(split) == QLatin1Char('.')))
        ++split;
    const auto number = parseDecimal(text.left(split));
    if (!number)
        return std::nullopt;
    const QString unit = text.mid(split).trimmed().toString().toLower();
    double multiplier = 0;
    static const struct
    {
        const char *name;
        double multiplier;
    } units[] = {
        { "", 1 },
        { "b", 1 },
        { "k", 1e3 },
        { "kb", 1e3 },
        { "ki", 1024.0 },
        { "kib", 1024.0 },
        { "m", 1e6 },
        { "mb", 1e6 },
        { "mi", 1048576.0 },
        { "mib", 1048576.0 },
        { "g", 1e9 },
        { "gb", 1e9 },
        { "gi", 1073741824.0 },
        { "gib", 1073741824.0 },
        { "t", 1e12 },
        { "tb", 1e12 },
        { "ti", 1099511627776.0 },
        { "tib", 1099511627776.0 },
        { "p", 1e15 },
        { "pb", 1e15 },
        { "pi", 1125899906842624.0 },
        { "pib", 1125899906842624.0 },
        { "e", 1e18 },
        { "eb", 1e18 },
        { "ei", 1152921504606846976.0 },
        { "eib", 1152921504606846976.0 },
    };
    for (const auto &u : units) {
        if (unit == QLatin1String(u.name)) {
            multiplier = u.multiplier;
            break;
        }
    }
    if (multiplier == 0)
        return std::nullopt;
    const double bytes = std::round(*number * multiplier);
    // 2^64 itself is not representable; anything at or above it is not a size etcd can have.
    if (!(bytes < 18446744073709551616.0))
        return std::nullopt;
    return quint64(bytes);
}

std::optional<bool> parseBool(QStringView text)
{
    text = text.trimmed();
    if (text.compare(QLatin1String("true"), Qt::CaseInsensitive) == 0)
        return true;
    if (text.compare(QLatin1String("false"), Qt::CaseInsensitive) == 0)
        return false;
    return std::nullopt;
}

std::optional<double> parseGoDurationSeconds(QStringView text)
{
    text = text.trimmed();
    if (text.isEmpty())
        return std::nullopt;
    if (text == QLatin1String("0"))
        return 0.0;
    double total = 0;
    qsizetype i = 0;
    while (i < text.size()) {
        const qsizetype start = i;
        while (i < text.size() && (isDigit(text.at(i)) || text.at(i) == QLatin1Char('.')))
            ++i;
        const auto number = parseDecimal(text.mid(start, i - start));
        if (!number)
            return std::nullopt;
        const qsizetype unitStart = i;
        while (i < text.size() && !isDigit(text.at(i)) && text.at(i) != QLatin1Char('.'))
            ++i;
        const QStringView unit = text.mid(unitStart, i - unitStart);
        double scale;
        if (unit == QLatin1String("ns"))
            scale = 1e-9;
        else if (unit == QLatin1String("us") || unit == QStringView(u"\u00b5s") || unit == QStringView(u"\u03bcs"))
            scale = 1e-6;
        else if (unit == QLatin1String("ms"))
            scale = 1e-3;
        else if (unit == QLatin1String("s"))
            scale = 1;
        else if (unit == QLatin1String("m"))
            scale = 60;
        else if (unit == QLatin1String("h"))
            scale = 3600;
        else
            return std::nullopt;
        total += *number * scale;
    }
    return total;
}

} // namespace strata::EtcdctlValues
