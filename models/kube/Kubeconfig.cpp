#include "Kubeconfig.h"

#include "core/RegularFile.h"
#include "formats/YamlReader.h"

#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QSet>

namespace strata {

namespace {

// Kubeconfigs are small; anything past this is not one.
constexpr qint64 maxKubeconfigBytes = 64 * 1024 * 1024;

class EntryReader
{
public:
    EntryReader(const QString &file, QList<Diagnostic> &diagnostics)
        : m_folder(QFileInfo(file).absolutePath())
        , m_diagnostics(diagnostics)
    {
    }

    void error(const SourceLocation &at, const QString &message)
    {
        m_diagnostics.append(Diagnostic::error(at.file, at.line, at.column, message));
    }

    QString string(const Value &map, const char *key)
    {
        const Value *v = map.find(QLatin1String(key));
        if (!v || v->isNull())
            return {};
        if (!v->isScalar() || v->isUnknown()) {
            error(v->location(), QStringLiteral("'%1' must be a string").arg(QLatin1String(key)));
            return {};
        }
        return v->type() == Value::Type::String ? v->text() : v->displayText();
    }

    bool boolean(const Value &map, const char *key)
    {
        const Value *v = map.find(QLatin1String(key));
        if (!v || v->isNull())
            return false;
        if (v->type() == Value::Type::Bool)
            return v->toBool();
        if (v->type() == Value::Type::String
            && (v->text() == QLatin1String("true") || v->text() == QLatin1String("false")))
            return v->text() == QLatin1String("true");
        error(v->location(), QStringLiteral("'%1' must be true or false").arg(QLatin1String(key)));
        return false;
    }

    // `*-data`: base64 of PEM. Never quoted back in a message.
    QByteArray data(const Value &map, const char *key)
    {
        const QString text = string(map, key);
        if (text.isEmpty())
            return {};
        auto decoded = QByteArray::fromBase64Encoding(text.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded) {
            error(
                map.find(QLatin1String(key))->location(), QStringLiteral("'%1' is not base64").arg(QLatin1String(key)));
            return {};
        }
        return *decoded;
    }

    // Relative to the file that holds the entry, as client-go resolves them.
    QString path(const Value &map, const char *key)
    {
        const QString p = string(map, key);
        if (p.isEmpty() || QDir::isAbsolutePath(p))
            return p;
        return QDir::cleanPath(m_folder + QLatin1Char('/') + p);
    }

    QString resolvedCommand(const QString &command) const
    {
        if (command.isEmpty() || QDir::isAbsolutePath(command) || !command.contains(QLatin1Char('/')))
            return command; // a bare name is looked up on PATH when it runs
        return QDir::cleanPath(m_folder + QLatin1Char('/') + command);
    }

private:
    QString m_folder;
    QList<Diagnostic> &m_diagnostics;
};

KubeCluster readCluster(const Value &v, EntryReader &r)
{
    KubeCluster c;
    c.server = r.string(v, "server");
    c.certificateAuthority = r.path(v, "certificate-authority");
    c.certificateAuthorityData = r.data(v, "certificate-authority-data");
    c.insecureSkipTlsVerify = r.boolean(v, "insecure-skip-tls-verify");
    c.tlsServerName = r.string(v, "tls-server-name");
    c.proxyUrl = r.string(v, "proxy-url");
    return c;
}

KubeUser readUser(const Value &v, EntryReader &r)
{
    KubeUser u;
    u.clientCertificate = r.path(v, "client-certificate");
    u.clientKey = r.path(v, "client-key");
    u.clientCertificateData = r.data(v, "client-certificate-data");
    u.clientKeyData = r.data(v, "client-key-data");
    u.token = r.string(v, "token");
    u.tokenFile = r.path(v, "tokenFile");
    u.username = r.string(v, "username");
    u.password = r.string(v, "password");
    if (const Value *p = v.find(QStringLiteral("auth-provider")); p && p->type() == Value::Type::Map)
        u.authProvider = r.string(*p, "name");
    if (const Value *e = v.find(QStringLiteral("exec")); e && !e->isNull()) {
        if (e->type() != Value::Type::Map) {
            r.error(e->location(), QStringLiteral("'exec' must be a map"));
        } else {
            KubeExecConfig x;
            x.apiVersion = r.string(*e, "apiVersion");
            x.command = r.resolvedCommand(r.string(*e, "command"));
            x.installHint = r.string(*e, "installHint");
            x.provideClusterInfo = r.boolean(*e, "provideClusterInfo");
            x.interactiveMode = r.string(*e, "interactiveMode");
            if (const Value *args = e->find(QStringLiteral("args")); args && args->type() == Value::Type::List) {
                for (const Value &a : args->items())
                    x.args.append(a.type() == Value::Type::String ? a.text() : a.displayText());
            }
            if (const Value *env = e->find(QStringLiteral("env")); env && env->type() == Value::Type::List) {
                for (const Value &pair : env->items()) {
                    if (pair.type() == Value::Type::Map)
                        x.env.append({ r.string(pair, "name"), r.string(pair, "value") });
                }
            }
            if (x.command.isEmpty())
                r.error(e->location(), QStringLiteral("'exec' has no command"));
            u.exec = x;
        }
    }
    return u;
}

KubeContext readContext(const Value &v, EntryReader &r)
{
    KubeContext c;
    c.cluster = r.string(v, "cluster");
    c.user = r.string(v, "user");
    c.ns = r.string(v, "namespace");
    return c;
}

// `clusters: [{name, cluster: {…}}]` and the like: each entry on its own, a
// bad one skipped with its position; a later entry of the same name in one
// file replaces the earlier (client-go fills a map in file order).
template<typename Entry, typename Read>
QList<Entry> readList(const Value &root, const char *listKey, const char *entryKey, EntryReader &r, Read read)
{
    QList<Entry> out;
    const Value *list = root.find(QLatin1String(listKey));
    if (!list || list->isNull())
        return out;
    if (list->type() != Value::Type::List) {
        r.error(list->location(), QStringLiteral("'%1' must be a list").arg(QLatin1String(listKey)));
        return out;
    }
    QHash<QString, qsizetype> byName;
    out.reserve(list->items().size());
    byName.reserve(list->items().size());
    for (const Value &item : list->items()) {
        if (item.type() != Value::Type::Map) {
            r.error(
                item.location(), QStringLiteral("an entry of '%1' must be a map; skipped").arg(QLatin1String(listKey)));
            continue;
        }
        const QString name = r.string(item, "name");
        if (name.isEmpty()) {
            r.error(
                item.location(), QStringLiteral("an entry of '%1' has no name; skipped").arg(QLatin1String(listKey)));
            continue;
        }
        const Value *body = item.find(QLatin1String(entryKey));
        if (body && !body->isNull() && body->type() != Value::Type::Map) {
            r.error(body->location(),
                QStringLiteral("'%1' of %2 must be a map; skipped").arg(QLatin1String(entryKey), name));
            continue;
        }
        Entry e = body && !body->isNull() ? read(*body, r) : Entry();
        e.name = name;
        e.location = item.location();
        if (const auto it = byName.constFind(name); it != byName.cend()) {
            out[*it] = std::move(e);
            continue;
        }
        byName.insert(name, out.size());
        out.append(std::move(e));
    }
    return out;
}

template<typename Entry>
const Entry *byName(const QList<Entry> &list, const QHash<QString, qsizetype> &index, const QString &name)
{
    if (index.size() == list.size()) {
        const qsizetype at = index.value(name, -1);
        return at < 0 ? nullptr : &list.at(at);
    }
    for (const Entry &e : list) { // not indexed (built by hand)
        if (e.name == name)
            return &e;
    }
    return nullptr;
}

template<typename Entry> QHash<QString, qsizetype> indexOf(const QList<Entry> &list)
{
    QHash<QString, qsizetype> out;
    out.reserve(list.size());
    for (qsizetype i = 0; i < list.size(); ++i)
        out.insert(list.at(i).name, i);
    return out;
}

} // namespace

QString KubeUser::authKind() const
{
    if (exec)
        return QStringLiteral("exec plugin %1").arg(QFileInfo(exec->command).fileName());
    if (!authProvider.isEmpty())
        return QStringLiteral("auth-provider %1 (not supported; use an exec plugin)").arg(authProvider);
    if (!clientCertificateData.isEmpty() || !clientCertificate.isEmpty())
        return QStringLiteral("client certificate");
    if (!tokenFile.isEmpty())
        return QStringLiteral("token file");
    if (!token.isEmpty())
        return QStringLiteral("token");
    if (!username.isEmpty())
        return QStringLiteral("basic auth (%1)").arg(username);
    return QStringLiteral("none");
}

const KubeCluster *Kubeconfig::cluster(const QString &name) const
{
    return byName(clusters, m_clusterIndex, name);
}

const KubeUser *Kubeconfig::user(const QString &name) const
{
    return byName(users, m_userIndex, name);
}

const KubeContext *Kubeconfig::context(const QString &name) const
{
    return byName(contexts, m_contextIndex, name);
}

void Kubeconfig::index()
{
    m_clusterIndex = indexOf(clusters);
    m_userIndex = indexOf(users);
    m_contextIndex = indexOf(contexts);
}

namespace KubeconfigLoader {

QStringList defaultFiles()
{
    const QString env = qEnvironmentVariable("KUBECONFIG");
    if (env.isEmpty())
        return { QDir::homePath() + QStringLiteral("/.kube/config") };
    QStringList files;
    for (const QString &f : env.split(QLatin1Char(':'), Qt::SkipEmptyParts)) {
        if (!files.contains(f))
            files.append(f);
    }
    return files;
}

Kubeconfig parse(const QByteArray &text, const QString &file)
{
    Kubeconfig out;
    out.files.append(file);
    const YamlReadResult read = YamlReader::read(text, file);
    out.diagnostics += read.diagnostics;
    if (read.documents.isEmpty())
        return out; // an empty file is an empty kubeconfig, as for kubectl
    const Value &root = read.documents.first();
    if (root.type() != Value::Type::Map) {
        out.diagnostics.append(Diagnostic::error(
            file, root.location().line, root.location().column, QStringLiteral("a kubeconfig must be a map")));
        return out;
    }
    EntryReader r(file, out.diagnostics);
    out.clusters = readList<KubeCluster>(root, "clusters", "cluster", r, readCluster);
    out.users = readList<KubeUser>(root, "users", "user", r, readUser);
    out.contexts = readList<KubeContext>(root, "contexts", "context", r, readContext);
    out.currentContext = r.string(root, "current-context");
    out.index();
    return out;
}

Kubeconfig load(const QStringList &files, bool mustExist)
{
    Kubeconfig merged;
    QSet<QString> clusters, users, contexts;
    for (const QString &file : files) {
        const QFileInfo info(file);
        if (!info.exists()) {
            if (mustExist)
                merged.diagnostics.append(Diagnostic::error(file, 0, 0, QStringLiteral("no such kubeconfig")));
            else
                merged.diagnostics.append(Diagnostic::warning(file, 0, 0, QStringLiteral("no such file; skipped")));
            continue;
        }
        const FileContents f = readRegularFile(file, maxKubeconfigBytes);
        if (!f.ok()) {
            merged.diagnostics.append(Diagnostic::error(file, 0, 0, QStringLiteral("cannot read: %1").arg(f.error)));
            continue;
        }
        Kubeconfig one = parse(f.bytes, file);
        merged.files.append(file);
        merged.diagnostics += one.diagnostics;
        // The first file to define a name wins, its entry taken whole.
        const auto takeNew = [](auto &from, auto &into, QSet<QString> &names) {
            names.reserve(names.size() + from.size());
            if (into.isEmpty()) { // the first file: its names are already one each
                for (const auto &entry : std::as_const(from))
                    names.insert(entry.name);
                into = std::move(from);
                return;
            }
            into.reserve(into.size() + from.size());
            for (auto &entry : from) {
                if (!names.contains(entry.name)) {
                    names.insert(entry.name);
                    into.append(std::move(entry));
                }
            }
        };
        takeNew(one.clusters, merged.clusters, clusters);
        takeNew(one.users, merged.users, users);
        takeNew(one.contexts, merged.contexts, contexts);
        if (merged.currentContext.isEmpty())
            merged.currentContext = one.currentContext;
    }
    merged.index();
    return merged;
}

} // namespace KubeconfigLoader

} // namespace strata
