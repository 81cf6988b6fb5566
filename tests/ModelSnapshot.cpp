#include "ModelSnapshot.h"

#include <QAbstractItemModel>
#include <QFile>

namespace ModelSnapshot {

namespace {
void dumpRows(const QAbstractItemModel &model, const QModelIndex &parent, int depth, QString &out)
{
    for (int row = 0; row < model.rowCount(parent); ++row) {
        QStringList cells;
        for (int column = 0; column < model.columnCount(parent); ++column)
            cells.append(model.index(row, column, parent).data().toString());
        out += QString(depth * 2, QLatin1Char(' ')) + cells.join(QStringLiteral(" | ")) + QLatin1Char('\n');
        const QModelIndex child = model.index(row, 0, parent);
        if (model.hasChildren(child))
            dumpRows(model, child, depth + 1, out);
    }
}
} // namespace

QString dump(const QAbstractItemModel &model)
{
    QStringList headers;
    for (int column = 0; column < model.columnCount(); ++column)
        headers.append(model.headerData(column, Qt::Horizontal).toString());
    QString out = headers.join(QStringLiteral(" | ")) + QLatin1Char('\n');
    dumpRows(model, {}, 0, out);
    return out;
}

QString compare(const QString &name, const QString &actual)
{
    const QString path = QStringLiteral(STRATA_TEST_SOURCE_DIR "/snapshots/") + name;
    if (qEnvironmentVariableIntValue("STRATA_UPDATE_SNAPSHOTS") == 1) {
        QFile out(path);
        if (!out.open(QIODevice::WriteOnly))
            return QStringLiteral("cannot write snapshot %1").arg(path);
        out.write(actual.toUtf8());
        return {};
    }
    QFile in(path);
    if (!in.open(QIODevice::ReadOnly))
        return QStringLiteral("missing snapshot %1; run with STRATA_UPDATE_SNAPSHOTS=1 to create it").arg(path);
    const QString expected = QString::fromUtf8(in.readAll());
    if (expected == actual)
        return {};
    return QStringLiteral("snapshot %1 differs.\n--- expected\n%2--- actual\n%3").arg(path, expected, actual);
}

} // namespace ModelSnapshot
