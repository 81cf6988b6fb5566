#include "GitCredentials.h"

#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QUrl>

#include <git2.h>

namespace strata::GitCredentials {

namespace {

// Where git keeps its own helpers (git --exec-path), without running git.
QStringList execFolders()
{
    return { QStringLiteral("/usr/lib/git-core"), QStringLiteral("/usr/libexec/git-core") };
}

// The program and arguments that run one helper, or an empty list.
QStringList command(const QString &helper)
{
    if (helper.startsWith(QLatin1Char('!')))
        return { QStringLiteral("/bin/sh"), QStringLiteral("-c"), helper.mid(1) + QStringLiteral(" get") };
    QStringList words = QProcess::splitCommand(helper);
    if (words.isEmpty())
        return {};
    QString program = words.takeFirst();
    if (!QFileInfo(program).isAbsolute()) {
        const QString name = QStringLiteral("git-credential-") + program;
        program = QStandardPaths::findExecutable(name);
        if (program.isEmpty())
            program = QStandardPaths::findExecutable(name, execFolders());
        if (program.isEmpty())
            return {};
    }
    return QStringList { program } + words + QStringList { QStringLiteral("get") };
}

} // namespace

QStringList configuredHelpers()
{
    QStringList helpers;
    git_config *config = nullptr;
    if (git_config_open_default(&config) != 0)
        return helpers;
    git_config_iterator *it = nullptr;
    if (git_config_multivar_iterator_new(&it, config, "credential.helper", nullptr) == 0) {
        git_config_entry *entry = nullptr;
        while (git_config_next(&entry, it) == 0) {
            const QString value = QString::fromUtf8(entry->value);
            if (value.isEmpty())
                helpers.clear(); // git's rule: an empty helper resets the list
            else
                helpers.append(value);
        }
        git_config_iterator_free(it);
    }
    git_config_free(config);
    return helpers;
}

std::optional<GitUserPassword> fromHelpers(const QString &url, const QString &user)
{
    const QUrl parsed(url);
    QByteArray request = "protocol=" + parsed.scheme().toUtf8() + "\nhost=" + parsed.host().toUtf8();
    if (parsed.port() > 0)
        request += ':' + QByteArray::number(parsed.port());
    request += "\npath=" + parsed.path().mid(1).toUtf8() + '\n';
    if (!user.isEmpty())
        request += "username=" + user.toUtf8() + '\n';
    request += '\n';
    for (const QString &helper : configuredHelpers()) {
        const QStringList cmd = command(helper);
        if (cmd.isEmpty())
            continue;
        QProcess p;
        p.start(cmd.first(), cmd.mid(1));
        if (!p.waitForStarted(5000))
            continue;
        p.write(request);
        p.closeWriteChannel();
        // A helper may ask the user (a keyring prompt): give it time, not forever.
        if (!p.waitForFinished(60000)) {
            p.kill();
            p.waitForFinished(1000);
            continue;
        }
        GitUserPassword out;
        out.user = user;
        for (const QByteArray &line : p.readAllStandardOutput().split('\n')) {
            const qsizetype eq = line.indexOf('=');
            if (eq < 0)
                continue;
            const QByteArray key = line.left(eq);
            if (key == "username")
                out.user = QString::fromUtf8(line.mid(eq + 1));
            else if (key == "password")
                out.password = QString::fromUtf8(line.mid(eq + 1));
        }
        if (!out.password.isEmpty())
            return out;
    }
    return std::nullopt;
}

} // namespace strata::GitCredentials
