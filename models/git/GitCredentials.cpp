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

// The shell command that runs one helper with `get`, as git runs it: `!cmd`
// is a shell command; a name is `git-credential-NAME` (on PATH or in git's
// exec folder) with the rest of the line as its arguments, through the
// shell (so `store --file ~/.git-credentials` works); an absolute path the
// same. Empty when the helper's program is not there.
QString command(const QString &helper)
{
    if (helper.startsWith(QLatin1Char('!')))
        return helper.mid(1) + QStringLiteral(" get");
    const qsizetype space = helper.indexOf(QLatin1Char(' '));
    const QString name = space < 0 ? helper : helper.left(space);
    const QString rest = space < 0 ? QString() : helper.mid(space);
    QString program = name;
    if (!QFileInfo(name).isAbsolute()) {
        const QString full = QStringLiteral("git-credential-") + name;
        program = QStandardPaths::findExecutable(full);
        if (program.isEmpty())
            program = QStandardPaths::findExecutable(full, execFolders());
        if (program.isEmpty())
            return {};
    }
    QString quoted = program;
    quoted.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'') + rest + QStringLiteral(" get");
}

// `credential.helper`, or `credential.<url>.helper` whose URL `url` starts
// with (git's rule, simplified to a prefix of scheme, host and path).
bool appliesTo(const QString &key, const QString &url)
{
    if (key == QLatin1String("credential.helper"))
        return true;
    const QString scope = key.mid(11, key.size() - 11 - 7); // between "credential." and ".helper"
    return !scope.isEmpty() && url.startsWith(scope);
}

} // namespace

QStringList configuredHelpers(const QString &url)
{
    QStringList helpers;
    git_config *config = nullptr;
    if (git_config_open_default(&config) != 0)
        return helpers;
    git_config_iterator *it = nullptr;
    // In configuration order, as git asks them; an empty helper resets the list.
    if (git_config_iterator_glob_new(&it, config, "^credential\\..*helper$") == 0) {
        git_config_entry *entry = nullptr;
        while (git_config_next(&entry, it) == 0) {
            const QString key = QString::fromUtf8(entry->name);
            if (!key.endsWith(QLatin1String(".helper")) || !appliesTo(key, url))
                continue;
            const QString value = QString::fromUtf8(entry->value);
            if (value.isEmpty())
                helpers.clear();
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
    for (const QString &helper : configuredHelpers(url)) {
        const QString cmd = command(helper);
        if (cmd.isEmpty())
            continue;
        QProcess p;
        p.start(QStringLiteral("/bin/sh"), { QStringLiteral("-c"), cmd });
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
