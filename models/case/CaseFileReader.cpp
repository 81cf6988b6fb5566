#include "CaseFileReader.h"

#include "core/Duration.h"
#include "core/RegularFile.h"
#include "core/RemoteUrl.h"

#include <QFile>
#include <QHash>
#include <QUrl>

#include <yaml-cpp/yaml.h>

#include <cmath>

namespace strata::CaseFileReader {

namespace {

QString qs(const std::string &s)
{
    return QString::fromStdString(s);
}

// Collects diagnostics positioned at YAML nodes.
class Context
{
public:
    explicit Context(QString path)
        : m_path(std::move(path))
    {
    }

    void error(const YAML::Node &node, const QString &message)
    {
        const YAML::Mark m = node.Mark();
        diagnostics.append(Diagnostic::error(m_path, m.line + 1, m.column + 1, message));
    }
    void warning(const YAML::Node &node, const QString &message)
    {
        const YAML::Mark m = node.Mark();
        diagnostics.append(Diagnostic::warning(m_path, m.line + 1, m.column + 1, message));
    }

    // YAML leaves duplicate keys undefined and yaml-cpp keeps both: a key
    // seen before in the same map is an error naming both lines, and the
    // second is not used. True when `key` is new in `seen`.
    bool firstTime(QHash<QString, int> &seen, const YAML::Node &keyNode, const QString &key)
    {
        const int line = keyNode.Mark().line + 1;
        const auto it = seen.constFind(key);
        if (it == seen.cend()) {
            seen.insert(key, line);
            return true;
        }
        error(keyNode,
            QStringLiteral("duplicate key '%1' (lines %2 and %3); the second is not used").arg(key).arg(*it).arg(line));
        return false;
    }

    // Calls `read(keyNode, key, value)` for each key of `map`: a key that is
    // not a plain string (`keyError` says so) or is repeated is an error and
    // skipped. False when any key was bad or `read` returned false.
    template<typename Read> bool readKeys(const YAML::Node &map, const QString &keyError, Read &&read)
    {
        bool ok = true;
        QHash<QString, int> seen;
        for (const auto &kv : map) {
            if (!kv.first.IsScalar()) {
                error(kv.first, keyError);
                ok = false;
                continue;
            }
            const QString key = QString::fromStdString(kv.first.Scalar());
            if (!firstTime(seen, kv.first, key)) {
                ok = false;
                continue;
            }
            ok = read(kv.first, key, kv.second) && ok;
        }
        return ok;
    }

    QList<Diagnostic> diagnostics;

private:
    QString m_path;
};

std::optional<QString> scalar(Context &ctx, const YAML::Node &node, const QString &what)
{
    if (!node.IsScalar()) {
        ctx.error(node, QStringLiteral("%1 must be a string").arg(what));
        return std::nullopt;
    }
    return qs(node.Scalar());
}

bool isValidResourceId(const QString &id)
{
    const QStringList parts = id.split(QLatin1Char('/'));
    if (parts.size() < 2 || parts.size() > 3)
        return false;
    for (const QString &p : parts) {
        if (p.trimmed().isEmpty() || p != p.trimmed())
            return false;
    }
    return true;
}

void readResources(Context &ctx, const YAML::Node &node, CaseFile &out)
{
    if (node.IsNull())
        return;
    if (!node.IsSequence()) {
        ctx.error(node, QStringLiteral("'resources' must be a list of kind/namespace/name"));
        return;
    }
    for (const YAML::Node &item : node) {
        const auto id = scalar(ctx, item, QStringLiteral("a resource"));
        if (!id)
            continue;
        if (!isValidResourceId(*id)) {
            ctx.error(item, QStringLiteral("resource '%1' is not kind/namespace/name or kind/name").arg(*id));
            continue;
        }
        out.resources.append(*id);
    }
}

void readEvidence(Context &ctx, const YAML::Node &node, CaseFile &out)
{
    if (node.IsNull())
        return;
    if (!node.IsSequence()) {
        ctx.error(node, QStringLiteral("'evidence' must be a list of entries with a 'path'"));
        return;
    }
    for (const YAML::Node &item : node) {
        EvidenceEntry entry;
        entry.line = item.Mark().line + 1;
        if (item.IsScalar()) { // "- artifacts/x.txt" is accepted as a shorthand
            entry.path = qs(item.Scalar());
        } else if (item.IsMap()) {
            const bool ok = ctx.readKeys(item, QStringLiteral("an evidence key must be a plain string; entry skipped"),
                [&](const YAML::Node &keyNode, const QString &key, const YAML::Node &value) {
                    if (key == QLatin1String("path")) {
                        const auto v = scalar(ctx, value, QStringLiteral("'path'"));
                        entry.path = v.value_or(QString());
                        return v.has_value();
                    }
                    if (key == QLatin1String("role")) {
                        const auto v = scalar(ctx, value, QStringLiteral("'role'"));
                        const auto role = v ? evidenceRoleFromName(*v) : std::nullopt;
                        if (v && !role)
                            ctx.error(value,
                                QStringLiteral("unknown role '%1' (expected code, state, live or replica)").arg(*v));
                        entry.role = role.value_or(EvidenceRole::Unspecified);
                        return role.has_value();
                    }
                    if (key == QLatin1String("kind"))
                        entry.kind = scalar(ctx, value, QStringLiteral("'kind'")).value_or(QString());
                    else
                        ctx.warning(keyNode, QStringLiteral("unknown evidence key '%1' ignored").arg(key));
                    return true;
                });
            if (!ok)
                continue;
        } else {
            ctx.error(item, QStringLiteral("an evidence entry must be a path or a map with 'path'"));
            continue;
        }
        if (entry.path.trimmed().isEmpty()) {
            ctx.error(item, QStringLiteral("evidence entry has no 'path'"));
            continue;
        }
        out.evidence.append(entry);
    }
}

// A path inside a repository: relative, '/'-separated, without "..".
bool isTreePath(const QString &p)
{
    if (p.startsWith(QLatin1Char('/')) || p.contains(QLatin1Char('\\')))
        return false;
    for (const QString &part : p.split(QLatin1Char('/'))) {
        if (part == QLatin1String(".."))
            return false;
    }
    return true;
}

// Trims "./", "x/" → "x" and "." → "": the form FileTree paths take.
QString treePath(const QString &p)
{
    QString out = p.trimmed();
    while (out.startsWith(QLatin1String("./")))
        out = out.mid(2);
    while (out.endsWith(QLatin1Char('/')))
        out.chop(1);
    return out == QLatin1String(".") ? QString() : out;
}

void readTerraformSource(Context &ctx, const YAML::Node &node, CaseFile &out)
{
    if (!node.IsMap()) {
        ctx.error(node, QStringLiteral("'sources.terraform' must be a map with 'repo'; not read"));
        return;
    }
    TerraformSource source;
    source.line = node.Mark().line + 1;
    // Reads one key; false when its value is unusable (the source is then not read).
    const auto readKey = [&](const YAML::Node &keyNode, const QString &key, const YAML::Node &value) {
        const QString what = QStringLiteral("'sources.terraform.%1'").arg(key);
        if (key == QLatin1String("repo") || key == QLatin1String("ref") || key == QLatin1String("dir")
            || key == QLatin1String("state")) {
            const auto v = scalar(ctx, value, what);
            if (!v)
                return false;
            if (key == QLatin1String("repo")) {
                source.repo = v->trimmed();
                // Kept as written (it is the user's file), but never shown; said once here.
                if (RemoteUrl::isUrl(source.repo) && RemoteUrl::redacted(source.repo) != source.repo
                    && !source.repo.startsWith(QLatin1String("ssh://")))
                    ctx.warning(value,
                        QStringLiteral("'sources.terraform.repo' holds a password or token; Strata never shows "
                                       "it, but this file keeps it: a git credential helper is safer"));
            } else if (key == QLatin1String("ref"))
                source.ref = v->trimmed();
            else if (key == QLatin1String("state"))
                source.state = v->trimmed();
            else
                source.dir = treePath(*v);
            if (key == QLatin1String("dir") && !isTreePath(source.dir)) {
                ctx.error(value, QStringLiteral("%1 must be a folder inside the repository").arg(what));
                return false;
            }
            return true;
        }
        if (key == QLatin1String("vars")) {
            bool ok = true;
            if (value.IsScalar()) {
                source.vars.append(treePath(qs(value.Scalar())));
            } else if (value.IsSequence()) {
                for (const YAML::Node &item : value) {
                    const auto v = scalar(ctx, item, what);
                    ok = ok && v.has_value();
                    if (v)
                        source.vars.append(treePath(*v));
                }
            } else if (!value.IsNull()) {
                ctx.error(value, QStringLiteral("%1 must be a list of file names").arg(what));
                return false;
            }
            for (const QString &v : std::as_const(source.vars)) {
                if (!isTreePath(v)) {
                    ctx.error(value, QStringLiteral("%1: '%2' must be a file inside 'dir'").arg(what, v));
                    ok = false;
                }
            }
            return ok;
        }
        if (key == QLatin1String("worktree")) {
            const auto v = scalar(ctx, value, what);
            if (v && (*v == QLatin1String("true") || *v == QLatin1String("false"))) {
                source.workTree = *v == QLatin1String("true");
                return true;
            }
            if (v)
                ctx.error(value, QStringLiteral("%1 must be true or false").arg(what));
            return false;
        }
        ctx.warning(keyNode, QStringLiteral("unknown key '%1' in 'sources.terraform' ignored").arg(key));
        return true;
    };
    bool ok = ctx.readKeys(node, QStringLiteral("a key of 'sources.terraform' must be a plain string"), readKey);
    if (ok && source.repo.isEmpty()) {
        ctx.error(node, QStringLiteral("'sources.terraform' has no 'repo'; not read"));
        ok = false;
    }
    if (ok)
        out.terraformSource = source;
}

// "10s", "2.5s", "500ms" or a number of seconds → milliseconds, at most 600 s.
std::optional<int> durationMs(const QString &text)
{
    const auto ms = Duration::parseMs(text);
    if (!ms || *ms > 600000)
        return std::nullopt;
    return int(*ms);
}

void readKubernetesSource(Context &ctx, const YAML::Node &node, CaseFile &out)
{
    if (!node.IsMap()) {
        ctx.error(node, QStringLiteral("'sources.kubernetes' must be a map with 'contexts'; not read"));
        return;
    }
    KubernetesSource source;
    source.line = node.Mark().line + 1;
    const auto readKey = [&](const YAML::Node &keyNode, const QString &key, const YAML::Node &value) {
        const QString what = QStringLiteral("'sources.kubernetes.%1'").arg(key);
        if (key == QLatin1String("kubeconfig")) {
            if (value.IsScalar()) {
                source.kubeconfigs.append(qs(value.Scalar()).trimmed());
                return true;
            }
            if (!value.IsSequence()) {
                ctx.error(value, QStringLiteral("%1 must be a file or a list of files").arg(what));
                return false;
            }
            bool ok = true;
            for (const YAML::Node &item : value) {
                const auto v = scalar(ctx, item, what);
                ok = ok && v.has_value();
                if (v && !v->trimmed().isEmpty())
                    source.kubeconfigs.append(v->trimmed());
            }
            return ok;
        }
        if (key == QLatin1String("contexts")) {
            if (!value.IsMap()) {
                ctx.error(value,
                    QStringLiteral("%1 must map roles to context names: {live: prod, replica: "
                                   "prod-read-replica}")
                        .arg(what));
                return false;
            }
            return ctx.readKeys(value, QStringLiteral("a role in %1 must be a plain string").arg(what),
                [&](const YAML::Node &roleNode, const QString &role, const YAML::Node &name) {
                    const auto v = scalar(ctx, name, QStringLiteral("'sources.kubernetes.contexts.%1'").arg(role));
                    if (!v)
                        return false;
                    if (role == QLatin1String("live"))
                        source.liveContext = v->trimmed();
                    else if (role == QLatin1String("replica"))
                        source.replicaContext = v->trimmed();
                    else {
                        ctx.error(roleNode,
                            QStringLiteral("'%1' is not a role a context can fill (live or replica)").arg(role));
                        return false;
                    }
                    return true;
                });
        }
        if (key == QLatin1String("timeout")) {
            const auto v = scalar(ctx, value, what);
            const auto ms = v ? durationMs(*v) : std::nullopt;
            if (!ms) {
                if (v)
                    ctx.error(
                        value, QStringLiteral("%1 must be a duration such as 10s or 500ms (at most 600s)").arg(what));
                return false;
            }
            source.timeoutMs = *ms;
            return true;
        }
        ctx.warning(keyNode, QStringLiteral("unknown key '%1' in 'sources.kubernetes' ignored").arg(key));
        return true;
    };
    const bool ok = ctx.readKeys(node, QStringLiteral("a key of 'sources.kubernetes' must be a plain string"), readKey);
    // Kept even without a role yet: the Sources dock lists its kubeconfigs'
    // contexts so that roles can be given. A bad key is said where it is.
    if (ok && !source.hasContexts())
        ctx.warning(node,
            QStringLiteral("'sources.kubernetes' gives no context a role (contexts: {live: …, replica: …}); "
                           "nothing is read live"));
    out.kubernetesSource = source;
}

void readEtcdSource(Context &ctx, const YAML::Node &node, CaseFile &out)
{
    EtcdSource source;
    source.line = node.Mark().line + 1;
    if (node.IsNull()) { // `etcd:` alone: everything from ETCDCTL_*
        out.etcdSource = source;
        return;
    }
    if (!node.IsMap()) {
        ctx.error(node, QStringLiteral("'sources.etcd' must be a map with 'endpoints'; not read"));
        return;
    }
    const auto readKey = [&](const YAML::Node &keyNode, const QString &key, const YAML::Node &value) {
        const QString what = QStringLiteral("'sources.etcd.%1'").arg(key);
        if (key == QLatin1String("endpoints")) {
            QStringList items;
            bool ok = true;
            if (value.IsScalar()) { // "a:2379,b:2379", as --endpoints takes them
                items = qs(value.Scalar()).split(QLatin1Char(','));
            } else if (value.IsSequence()) {
                for (const YAML::Node &item : value) {
                    const auto v = scalar(ctx, item, what);
                    ok = ok && v.has_value();
                    if (v)
                        items.append(*v);
                }
            } else {
                ctx.error(value, QStringLiteral("%1 must be a list of URLs").arg(what));
                return false;
            }
            for (const QString &item : std::as_const(items)) {
                const QString url = item.trimmed();
                if (url.isEmpty())
                    continue;
                const QUrl parsed(url.contains(QLatin1String("://")) ? url : QStringLiteral("http://") + url);
                if (!parsed.isValid() || parsed.host().isEmpty()
                    || (parsed.scheme() != QLatin1String("http") && parsed.scheme() != QLatin1String("https"))) {
                    ctx.error(value, QStringLiteral("%1: '%2' is not an http(s) URL").arg(what, url));
                    ok = false;
                    continue;
                }
                if (!parsed.userInfo().isEmpty()) { // never in a case file: set ETCDCTL_USER
                    ctx.error(value,
                        QStringLiteral("%1: '%2' carries a user name or password; not read (set ETCDCTL_USER)")
                            .arg(what, parsed.toString(QUrl::RemoveUserInfo)));
                    ok = false;
                    continue;
                }
                source.endpoints.append(url);
            }
            return ok;
        }
        if (key == QLatin1String("cluster")) {
            const auto v = scalar(ctx, value, what);
            if (v && (*v == QLatin1String("true") || *v == QLatin1String("false"))) {
                source.cluster = *v == QLatin1String("true");
                return true;
            }
            if (v)
                ctx.error(value, QStringLiteral("%1 must be true or false").arg(what));
            return false;
        }
        if (key == QLatin1String("cacert") || key == QLatin1String("cert") || key == QLatin1String("key")) {
            const auto v = scalar(ctx, value, what);
            if (!v)
                return false;
            (key == QLatin1String("cacert")        ? source.caFile
                    : key == QLatin1String("cert") ? source.certFile
                                                   : source.keyFile)
                = v->trimmed();
            return true;
        }
        if (key == QLatin1String("sample-every") || key == QLatin1String("timeout")) {
            const auto v = scalar(ctx, value, what);
            const auto ms = v ? durationMs(*v) : std::nullopt;
            const bool sampling = key == QLatin1String("sample-every");
            if (!ms || (sampling && *ms < 250)) {
                if (v)
                    ctx.error(value,
                        sampling
                            ? QStringLiteral("%1 must be a duration from 250ms to 600s, such as 2s").arg(what)
                            : QStringLiteral("%1 must be a duration such as 5s or 500ms (at most 600s)").arg(what));
                return false;
            }
            (sampling ? source.sampleEveryMs : source.timeoutMs) = *ms;
            return true;
        }
        if (key == QLatin1String("user") || key == QLatin1String("password")) {
            // Never in a file a case is shared as: etcdctl's environment carries it.
            ctx.error(keyNode,
                QStringLiteral("'sources.etcd.%1' is not read from the case file: set ETCDCTL_USER "
                               "(user:password) in the environment instead")
                    .arg(key));
            return true;
        }
        ctx.warning(keyNode, QStringLiteral("unknown key '%1' in 'sources.etcd' ignored").arg(key));
        return true;
    };
    ctx.readKeys(node, QStringLiteral("a key of 'sources.etcd' must be a plain string"), readKey);
    if (source.certFile.isEmpty() != source.keyFile.isEmpty())
        ctx.warning(node,
            QStringLiteral("'sources.etcd' names a client %1 without its %2")
                .arg(source.certFile.isEmpty() ? QStringLiteral("key") : QStringLiteral("certificate"),
                    source.certFile.isEmpty() ? QStringLiteral("certificate (cert)") : QStringLiteral("key (key)")));
    out.etcdSource = source;
}

void readSources(Context &ctx, const YAML::Node &node, CaseFile &out)
{
    if (node.IsNull())
        return;
    if (!node.IsMap()) {
        ctx.error(node, QStringLiteral("'sources' must be a map (terraform, kubernetes, etcd)"));
        return;
    }
    ctx.readKeys(node, QStringLiteral("a key of 'sources' must be a plain string"),
        [&](const YAML::Node &keyNode, const QString &key, const YAML::Node &value) {
            if (key == QLatin1String("terraform"))
                readTerraformSource(ctx, value, out);
            else if (key == QLatin1String("kubernetes"))
                readKubernetesSource(ctx, value, out);
            else if (key == QLatin1String("etcd"))
                readEtcdSource(ctx, value, out);
            else
                ctx.warning(keyNode, QStringLiteral("'sources.%1' is kept but not read by this version").arg(key));
            return true;
        });
}

void readNotes(Context &ctx, const YAML::Node &node, CaseFile &out)
{
    if (node.IsNull())
        return;
    if (!node.IsSequence()) {
        ctx.error(node, QStringLiteral("'notes' must be a list"));
        return;
    }
    for (const YAML::Node &item : node) {
        CaseNote note;
        if (item.IsScalar()) {
            note.text = qs(item.Scalar());
        } else if (item.IsMap() && item["text"] && item["text"].IsScalar()) {
            note.text = qs(item["text"].Scalar());
            if (item["time"] && item["time"].IsScalar()) {
                note.time = QDateTime::fromString(qs(item["time"].Scalar()), Qt::ISODateWithMs);
                if (!note.time.isValid())
                    ctx.warning(
                        item["time"], QStringLiteral("note time is not an ISO 8601 date-time; kept without a time"));
            }
        } else {
            ctx.error(item, QStringLiteral("a note must be text or a map with 'text'"));
            continue;
        }
        out.notes.append(note);
    }
}

// `report:` — the investigator's sections. A section that is not text is an
// error and not used; a key this version does not know is kept as written.
void readReport(Context &ctx, const YAML::Node &node, ReportSections &out)
{
    if (node.IsNull())
        return;
    if (!node.IsMap()) {
        ctx.error(node, QStringLiteral("'report' must be a map of sections"));
        return;
    }
    const QList<QPair<const char *, QString *>> texts { { "status", &out.status }, { "summary", &out.summary },
        { "impact", &out.impact }, { "root-cause", &out.rootCause }, { "trigger", &out.trigger },
        { "resolution", &out.resolution }, { "detection", &out.detection }, { "lessons", &out.lessons } };
    ctx.readKeys(node, QStringLiteral("report keys must be plain strings"),
        [&](const YAML::Node &keyNode, const QString &key, const YAML::Node &value) {
            for (const auto &[name, into] : texts) {
                if (key == QLatin1String(name)) {
                    if (!value.IsNull())
                        *into = scalar(ctx, value, QStringLiteral("'report.%1'").arg(key)).value_or(QString());
                    return true;
                }
            }
            if (key == QLatin1String("authors")) {
                if (value.IsScalar())
                    out.authors = { qs(value.Scalar()) };
                else if (value.IsSequence()) {
                    for (const YAML::Node &a : value) {
                        if (const auto name = scalar(ctx, a, QStringLiteral("an author")))
                            out.authors.append(*name);
                    }
                } else if (!value.IsNull()) {
                    ctx.error(value, QStringLiteral("'report.authors' must be a list of names"));
                }
                return true;
            }
            if (key == QLatin1String("action-items")) {
                if (value.IsNull())
                    return true;
                if (!value.IsSequence()) {
                    ctx.error(value, QStringLiteral("'report.action-items' must be a list"));
                    return true;
                }
                for (const YAML::Node &entry : value) {
                    ReportActionItem a;
                    if (entry.IsScalar()) {
                        a.item = qs(entry.Scalar());
                    } else if (entry.IsMap()) {
                        ctx.readKeys(entry, QStringLiteral("action item keys must be plain strings"),
                            [&](const YAML::Node &k, const QString &field, const YAML::Node &v) {
                                QString *into = field == QLatin1String("item") ? &a.item
                                    : field == QLatin1String("type")           ? &a.type
                                    : field == QLatin1String("owner")          ? &a.owner
                                    : field == QLatin1String("ticket")         ? &a.ticket
                                                                               : nullptr;
                                if (!into) {
                                    ctx.warning(k, QStringLiteral("unknown action item key '%1' not used").arg(field));
                                    return true;
                                }
                                *into = scalar(ctx, v, QStringLiteral("an action item's '%1'").arg(field))
                                            .value_or(QString());
                                return true;
                            });
                        if (!a.type.isEmpty() && !ReportSections::actionTypes.contains(a.type))
                            ctx.warning(entry["type"],
                                QStringLiteral("action item type '%1' is not mitigate, prevent or detect").arg(a.type));
                    } else {
                        ctx.error(entry, QStringLiteral("an action item must be text or a map with 'item'"));
                        continue;
                    }
                    if (a.item.isEmpty() && a.owner.isEmpty() && a.ticket.isEmpty())
                        continue;
                    out.actionItems.append(a);
                }
                return true;
            }
            if (key == QLatin1String("findings")) {
                if (value.IsNull())
                    return true;
                if (!value.IsMap()) {
                    ctx.error(value, QStringLiteral("'report.findings' must map a finding (rule:resource) to a note"));
                    return true;
                }
                ctx.readKeys(value, QStringLiteral("finding keys must be plain strings"),
                    [&](const YAML::Node &, const QString &finding, const YAML::Node &v) {
                        ReportFindingNote n;
                        if (v.IsScalar()) {
                            n.note = qs(v.Scalar());
                        } else if (v.IsMap()) {
                            if (v["note"])
                                n.note = scalar(ctx, v["note"], QStringLiteral("a finding's note")).value_or(QString());
                            if (v["include"]) {
                                const auto inc = scalar(ctx, v["include"], QStringLiteral("'include'"));
                                if (inc && (*inc == QLatin1String("true") || *inc == QLatin1String("false")))
                                    n.included = *inc == QLatin1String("true");
                                else if (inc)
                                    ctx.error(v["include"], QStringLiteral("'include' must be true or false"));
                            }
                        } else {
                            ctx.error(v, QStringLiteral("a finding's entry must be a note or a map with 'note'"));
                            return true;
                        }
                        out.findings.insert(finding, n);
                        return true;
                    });
                return true;
            }
            if (key == QLatin1String("key-moments")) {
                if (value.IsSequence()) {
                    for (const YAML::Node &m : value) {
                        if (const auto where = scalar(ctx, m, QStringLiteral("a key moment (file:line)")))
                            out.keyMoments.append(*where);
                    }
                } else if (!value.IsNull()) {
                    ctx.error(value, QStringLiteral("'report.key-moments' must be a list of file:line"));
                }
                return true;
            }
            ctx.warning(keyNode, QStringLiteral("unknown key 'report.%1' kept but not used").arg(key));
            YAML::Emitter emitter;
            emitter << value;
            out.preservedYaml.append({ key, QString::fromUtf8(emitter.c_str()) });
            return true;
        });
}

} // namespace

CaseFileReadResult readText(const QByteArray &text, const QString &path)
{
    Context ctx(path);
    CaseFileReadResult result;
    YAML::Node root;
    try {
        root = YAML::Load(text.toStdString());
    } catch (const YAML::Exception &e) {
        result.diagnostics.append(
            Diagnostic::error(path, e.mark.line + 1, e.mark.column + 1, QString::fromStdString(e.msg)));
        return result;
    }
    if (!root.IsMap()) {
        result.diagnostics.append(
            Diagnostic::error(path, 1, 1, QStringLiteral("a case file must be a YAML map with 'strata: 1'")));
        return result;
    }

    CaseFile out;
    out.filePath = path;
    bool versionSeen = false;
    QHash<QString, int> seen;
    try {
        for (const auto &kv : root) {
            if (!kv.first.IsScalar()) {
                ctx.error(kv.first, QStringLiteral("keys must be plain strings"));
                continue;
            }
            const QString key = qs(kv.first.Scalar());
            const YAML::Node &value = kv.second;
            if (!ctx.firstTime(seen, kv.first, key))
                continue;
            if (key == QLatin1String("strata")) {
                versionSeen = true;
                // Without a version it understands, Strata cannot know what the rest means: stop.
                if (!value.IsScalar()) {
                    ctx.error(value,
                        QStringLiteral("'strata' must be the case format version, %1").arg(CaseFile::formatVersion));
                    result.diagnostics = ctx.diagnostics;
                    return result;
                }
                const auto v = scalar(ctx, value, QStringLiteral("'strata'"));
                if (v && v->trimmed() != QString::number(CaseFile::formatVersion)) {
                    ctx.error(value,
                        QStringLiteral("unsupported case format version '%1' (this Strata reads version %2)")
                            .arg(*v)
                            .arg(CaseFile::formatVersion));
                    result.diagnostics = ctx.diagnostics;
                    return result;
                }
            } else if (key == QLatin1String("title")) {
                out.title = scalar(ctx, value, QStringLiteral("'title'")).value_or(QString());
            } else if (key == QLatin1String("resources")) {
                readResources(ctx, value, out);
            } else if (key == QLatin1String("evidence")) {
                readEvidence(ctx, value, out);
            } else if (key == QLatin1String("notes")) {
                readNotes(ctx, value, out);
            } else if (key == QLatin1String("report")) {
                readReport(ctx, value, out.report);
            } else {
                if (key == QLatin1String("sources"))
                    readSources(ctx, value, out);
                else
                    ctx.warning(kv.first, QStringLiteral("unknown key '%1' kept but not used").arg(key));
                YAML::Emitter emitter;
                emitter << value;
                out.preservedYaml.append({ key, QString::fromUtf8(emitter.c_str()) });
            }
        }
    } catch (const YAML::Exception &e) {
        ctx.diagnostics.append(
            Diagnostic::error(path, e.mark.line + 1, e.mark.column + 1, QString::fromStdString(e.msg)));
    }
    if (!versionSeen)
        ctx.diagnostics.append(
            Diagnostic::error(path, 1, 1, QStringLiteral("missing 'strata: 1': not a Strata case file")));
    result.diagnostics = ctx.diagnostics;
    if (versionSeen)
        result.caseFile = out;
    return result;
}

CaseFileReadResult readFile(const QString &path)
{
    const FileContents file = readRegularFile(path, maxFileSize);
    if (!file.ok()) {
        CaseFileReadResult result;
        result.diagnostics.append(Diagnostic::error(path, 0, 0, QStringLiteral("cannot open: %1").arg(file.error)));
        return result;
    }
    return readText(file.bytes, path);
}

} // namespace strata::CaseFileReader
