#include "FieldManagers.h"

#include "core/FieldPath.h"

#include <QRegularExpression>

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
            const Value *next = fields->find(QStringLiteral("f:") + k);
            if (!next)
                break;
            fields = next;
            ++matched;
        }
        if (matched == 0)
            continue;
        // Exact when the walk reached the field, or a value owned whole that
        // holds it (an atomic list, a data value with JSON inside: `{}` in
        // fieldsV1). A manager that reached the list the field is an item of
        // owns some item of it (`k:{"name":…}` entries, keyed by contents the
        // diff no longer holds): named as that, not as the field's writer. One
        // that owns only other keys beside the field is not named.
        static const QRegularExpression listIndex(QStringLiteral("\\[[0-9]"));
        const bool ownedWhole = fields->type() == Value::Type::Map && fields->entries().isEmpty();
        if (matched < keys.size() && !ownedWhole)
            continue;
        const bool exact = ownedWhole || !path.contains(listIndex);
        const Value *manager = entry.find(QStringLiteral("manager"));
        const Value *operation = entry.find(QStringLiteral("operation"));
        const Value *time = entry.find(QStringLiteral("time"));
        QStringList what;
        if (operation)
            what.append(operation->text());
        if (time)
            what.append(time->text());
        QString line = QStringLiteral("%1%2").arg(manager ? manager->text() : QStringLiteral("(unnamed manager)"),
            what.isEmpty() ? QString() : QStringLiteral(" (") + what.join(QStringLiteral(", ")) + QLatin1Char(')'));
        if (!exact)
            line += QStringLiteral(", which owns fields of %1, perhaps not this one")
                        .arg(QStringList(keys.mid(0, matched)).join(QLatin1Char('.')));
        managers.append(line);
    }
    return managers;
}

} // namespace strata::FieldManagers
