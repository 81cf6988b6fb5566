#pragma once

#include <QByteArray>
#include <QString>

// A fixture or test vector's bytes. A missing file stops the suite with its
// path: a test that parsed an empty input instead could pass for the wrong reason.
QByteArray readFile(const QString &path);
// Writes a fixture a test makes; stops the suite with the path when it cannot.
void writeFile(const QString &path, const QByteArray &bytes);
// Copies a folder's files and subfolders into `to` (made when missing).
void copyFolder(const QString &from, const QString &to);
// An exec credential plugin (client.authentication.k8s.io/v1) for tests: a
// script at `path` that appends a line to `runLog` each time it runs and
// prints an ExecCredential holding `token`. Made executable.
void writeExecPlugin(const QString &path, const QByteArray &token, const QString &runLog);
