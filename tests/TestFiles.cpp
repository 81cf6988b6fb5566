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
