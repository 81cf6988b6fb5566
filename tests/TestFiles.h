#pragma once

#include <QByteArray>
#include <QString>

// A fixture or test vector's bytes. A missing file stops the suite with its
// path: a test that parsed an empty input instead could pass for the wrong reason.
QByteArray readFile(const QString &path);
// Writes a fixture a test makes; stops the suite with the path when it cannot.
void writeFile(const QString &path, const QByteArray &bytes);
