#include "TestFiles.h"

#include <QFile>
#include <QtGlobal>

QByteArray readFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot open test file %s: %s", qPrintable(path), qPrintable(f.errorString()));
    return f.readAll();
}

void writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size() || !f.flush())
        qFatal("cannot write test file %s: %s", qPrintable(path), qPrintable(f.errorString()));
}
