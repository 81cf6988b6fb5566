#include "TerraformAddress.h"

namespace strata::TerraformAddress {

QString resource(const QString &module, const QString &mode, const QString &type, const QString &name)
{
    QString out;
    if (!module.isEmpty())
        out = module + QLatin1Char('.');
    if (mode == QLatin1String("data"))
        out += QStringLiteral("data.");
    return out + type + QLatin1Char('.') + name;
}

QString indexKey(const Value &key)
{
    switch (key.type()) {
    case Value::Type::Null:
        return {};
    case Value::Type::Number:
        return QLatin1Char('[') + key.text() + QLatin1Char(']');
    case Value::Type::String: {
        QString escaped = key.text();
        escaped.replace(QLatin1Char('\\'), QStringLiteral("\\\\")).replace(QLatin1Char('"'), QStringLiteral("\\\""));
        return QStringLiteral("[\"") + escaped + QStringLiteral("\"]");
    }
    default:
        return QStringLiteral("[?]");
    }
}

QString instance(const QString &resourceAddress, const Value &key)
{
    return resourceAddress + indexKey(key);
}

} // namespace strata::TerraformAddress
