#include "FieldManagers.h"

#include "core/FieldPath.h"

#include <algorithm>

namespace strata::FieldManagers {

QStringList lastWriters(const Value &managedFields, const QString &path)
{
    QStringList managers;
    const QStringList keys = FieldPath::keys(path);
    for (const Value &entry : managedFields.items()) {
        const Value *fields = entry.find(QStringLiteral("fieldsV1"));
        if (!fields)
            continue;
        int matched = 0;
        for (const QString &k : keys) {
            fields = fields->find(QStringLiteral("f:") + k);
            if (!fields)
                break;
            ++matched;
        }
        if (matched < std::min<qsizetype>(2, keys.size()) || matched == 0)
            continue;
        const Value *manager = entry.find(QStringLiteral("manager"));
        const Value *operation = entry.find(QStringLiteral("operation"));
        const Value *time = entry.find(QStringLiteral("time"));
        QStringList what;
        if (operation)
            what.append(operation->text());
        if (time)
            what.append(time->text());
        managers.append(QStringLiteral("%1%2").arg(manager ? manager->text() : QStringLiteral("(unnamed manager)"),
            what.isEmpty() ? QString() : QStringLiteral(" (") + what.join(QStringLiteral(", ")) + QLatin1Char(')')));
    }
    return managers;
}

} // namespace strata::FieldManagers
