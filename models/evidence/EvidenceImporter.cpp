#include "EvidenceImporter.h"

#include "core/RegularFile.h"
#include "core/RemoteUrl.h"
#include "evidence/CredentialMaterial.h"
#include "evidence/EntryImport.h"
#include "evidence/RecordingImport.h"
#include "evidence/TerraformImport.h"
#include "git/FolderTree.h"

#include "core/JobRunner.h"
#include "etcd/EtcdctlParser.h"
#include "kube/KubectlReader.h"
#include "logs/LogParser.h"
#include "prometheus/PrometheusParser.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSet>
#include <QThread>

#include <algorithm>
#include <atomic>
#include <memory>
#include <numeric>
#include <optional>
#include <thread>
#include <vector>

#ifdef __GLIBC__
#include <malloc.h>
#endif

namespace strata::EvidenceImporter {

namespace {

// "--context=read-replica" / "--context read-replica" in a pasted command line.
QString contextNamed(const QByteArray &text)
{
    static const QRegularExpression re(QStringLiteral("--context[= ]([A-Za-z0-9_.:@/-]+)"));
    const QString head = QString::fromUtf8(text.left(4096));
    const auto m = re.match(head);
    return m.hasMatch() ? m.captured(1) : QString();
}

void importKubectl(QByteArray &text, const QString &path, EvidenceRole role, EvidenceSet &set, ImportedEvidence &out)
{
    const Column column = columnForRole(role).value_or(Column::Live);
    if (role == EvidenceRole::Unspecified)
        out.role = EvidenceRole::Live; // kubectl output without a role is what the cluster serves
    const QString context = contextNamed(text);
    const KubectlReadResult read = KubectlReader::read(std::move(text), path); // let go once parsed
    out.diagnostics += read.diagnostics;
    // One list, made once: grown object by object, a large one was copied
    // at each step beside the trees of every file read.
    set.objects.reserve(set.objects.size() + read.objects.size());
    for (const KubeObject &k : std::as_const(read.objects))
        set.objects.append(columnObject(k, column, path));
    if (!context.isEmpty())
        set.contexts[size_t(columnIndex(column))] = context;
    out.loaded = !read.objects.isEmpty();
    out.summary = read.objects.size() == 1
        ? QStringLiteral("%1 %2").arg(read.objects.first().kind, read.objects.first().id.toString())
        : plural(read.objects.size(), QStringLiteral("object"), QStringLiteral("objects"));
    if (!context.isEmpty())
        out.summary += QStringLiteral(" (context %1)").arg(context);
}

void importEtcdctl(const QByteArray &text, const QString &path, EvidenceSet &set, ImportedEvidence &out)
{
    const EtcdctlOutput etcd = EtcdctlParser::parse(text, path);
    out.diagnostics += etcd.diagnostics;
    for (const auto &[from, into] : { std::pair { &etcd.caFile, &set.etcd.caFile },
             std::pair { &etcd.certFile, &set.etcd.certFile }, std::pair { &etcd.keyFile, &set.etcd.keyFile } }) {
        if (into->isEmpty())
            *into = *from;
    }
    set.etcd.statuses += etcd.statuses;
    set.etcd.members += etcd.members;
    set.etcd.health += etcd.health;
    set.etcd.hashes += etcd.hashes;
    set.etcd.alarms += etcd.alarms;
    set.etcd.errors += etcd.errors;
    out.loaded = !etcd.isEmpty();
    QStringList parts;
    if (!etcd.statuses.isEmpty())
        parts.append(
            plural(etcd.statuses.size(), QStringLiteral("endpoint status"), QStringLiteral("endpoint statuses")));
    if (!etcd.members.isEmpty())
        parts.append(plural(etcd.members.size(), QStringLiteral("member"), QStringLiteral("members")));
    if (!etcd.health.isEmpty())
        parts.append(plural(etcd.health.size(), QStringLiteral("health check"), QStringLiteral("health checks")));
    if (!etcd.hashes.isEmpty())
        parts.append(plural(etcd.hashes.size(), QStringLiteral("hash"), QStringLiteral("hashes")));
    if (!etcd.alarms.isEmpty())
        parts.append(plural(etcd.alarms.size(), QStringLiteral("alarm"), QStringLiteral("alarms")));
    if (!etcd.errors.isEmpty())
        parts.append(plural(etcd.errors.size(), QStringLiteral("error"), QStringLiteral("errors")));
    out.summary
        = parts.isEmpty() ? QStringLiteral("nothing etcdctl printed was recognised") : parts.join(QStringLiteral(", "));
}

// Appends `from`, taking its buffer whole when `into` has none yet: a million
// metric samples or log lines are never held twice while they are merged.
template<typename T> void appendMoved(QList<T> &into, QList<T> &&from)
{
    if (into.isEmpty() && into.capacity() == 0)
        into = std::move(from);
    else
        into += std::move(from);
    from = QList<T>();
}

void addScrape(PrometheusScrape &&scrape, EvidenceSet &set, ImportedEvidence &out)
{
    out.diagnostics += scrape.diagnostics;
    qsizetype samples = 0;
    for (const MetricFamily &family : std::as_const(scrape.families))
        samples += family.samples.size();
    // Handed over, not copied: a million series are not held twice.
    for (MetricFamily &family : scrape.families)
        appendMoved(set.metrics, std::move(family.samples));
    // Comments that state a dated fact become notes on the timeline.
    static const QRegularExpression dated(
        QStringLiteral("^#?\\s*([^:]+):\\s*(\\d{4}-\\d{2}-\\d{2}[T ][0-9:.]+(Z|[+-]\\d{2}:?\\d{2})?)\\s*$"));
    for (const PrometheusComment &c : scrape.comments) {
        TimelineEvent note;
        note.source = QStringLiteral("metrics comment");
        note.text = c.text.trimmed();
        note.location = c.location;
        const auto m = dated.match(note.text);
        if (m.hasMatch()) {
            note.time
                = QDateTime::fromString(m.captured(2).replace(QLatin1Char(' '), QLatin1Char('T')), Qt::ISODateWithMs);
            note.text = m.captured(1).trimmed() + QStringLiteral(": ") + m.captured(2);
        }
        set.notes.append(note);
        if (note.time.isValid())
            set.events.append(note);
    }
    out.loaded = samples > 0;
    out.summary = QStringLiteral("%1, %2").arg(
        plural(scrape.families.size(), QStringLiteral("metric family"), QStringLiteral("metric families")),
        plural(samples, QStringLiteral("sample"), QStringLiteral("samples")));
}

void importPrometheus(QByteArray &text, const QString &path, EvidenceSet &set, ImportedEvidence &out)
{
    PrometheusScrape scrape = PrometheusParser::parse(text, path);
    text = QByteArray();
    addScrape(std::move(scrape), set, out);
}

// What a file held, in a few bytes: a hash of each MiB (Qt's seeded hash, so
// a file rewritten on purpose cannot aim at it), fed in pieces of any size.
class ContentHash
{
public:
    void add(QByteArrayView bytes)
    {
        while (!bytes.isEmpty()) {
            const qsizetype take = std::min(bytes.size(), block - m_pending.size());
            m_pending += bytes.first(take);
            bytes = bytes.sliced(take);
            if (m_pending.size() == block)
                flush();
        }
    }
    size_t result()
    {
        flush();
        return m_hash;
    }

private:
    static constexpr qsizetype block = 1 << 20;
    void flush()
    {
        if (m_pending.isEmpty())
            return;
        m_hash = m_hash * 1000003u ^ qHashBits(m_pending.constData(), size_t(m_pending.size()), qGlobalQHashSeed());
        m_pending.clear();
    }
    QByteArray m_pending;
    size_t m_hash = 0;
};

// A scrape file is parsed again a piece at a time, its whole text (read to
// recognise it and to look for credentials) released first: a million series
// are not held beside the 70 MB they were read from. The file must be the
// one read and checked: the same bytes.
void importPrometheusFile(
    QByteArray &text, const QString &resolvedPath, const QString &path, EvidenceSet &set, ImportedEvidence &out)
{
    ContentHash before;
    before.add(text);
    const size_t readBefore = before.result();
    text = QByteArray();
    PrometheusParser::PieceParser parser(path);
    ContentHash now;
    QString error = readRegularFileInPieces(resolvedPath, evidenceReadLimit(), 1 << 20, [&](QByteArrayView piece) {
        now.add(piece);
        parser.add(piece);
    });
    if (error.isEmpty() && now.result() != readBefore)
        error = QStringLiteral("it changed while being read");
    if (!error.isEmpty()) {
        out.diagnostics.append(Diagnostic::error(path, 0, 0, QStringLiteral("cannot read: %1").arg(error)));
        return;
    }
    addScrape(parser.finish(), set, out);
}

// The structured fields of a log line that the rules and views read (the
// raft term of a leadership message); the rest stay in the line as written
// and are not kept apart — a million lines with a handful of fields each
// would otherwise cost more than the log itself.
const QSet<QString> &readFields()
{
    static const QSet<QString> fields { QStringLiteral("term") };
    return fields;
}

void importLog(QByteArray &text, const QString &path, EvidenceSet &set, ImportedEvidence &out)
{
    LogParseResult parsed = LogParser::parse(text, path, {}, &readFields());
    text = QByteArray();
    out.diagnostics += parsed.diagnostics;
    set.events.reserve(set.events.size() + parsed.events.size());
    for (LogEvent &e : parsed.events) { // moved: a million lines are not held twice
        TimelineEvent t;
        t.time = e.time;
        t.source = std::move(e.source);
        t.level = std::move(e.level);
        t.text = std::move(e.message);
        t.fields = std::move(e.fields);
        t.location = std::move(e.location);
        set.events.append(std::move(t));
    }
    out.loaded = !parsed.events.isEmpty();
    out.summary = plural(parsed.events.size(), QStringLiteral("log event"), QStringLiteral("log events"));
}

// The diff compares the first copy of an object in a column; a second copy
// (the same object twice in one List, or in two files of one column) is said
// where it is, never dropped without a word.
} // namespace

void reportDuplicates(EvidenceSet &set)
{
    QHash<QPair<int, ResourceId>, SourceLocation> first;
    for (const ColumnObject &o : std::as_const(set.objects)) {
        const auto key = qMakePair(int(columnIndex(o.column)), o.id);
        const auto it = first.constFind(key);
        if (it == first.cend()) {
            first.insert(key, o.identity.location);
            continue;
        }
        const SourceLocation &at = o.identity.location;
        set.diagnostics.append(Diagnostic::warning(at.file.isEmpty() ? o.identity.origin : at.file, at.line, at.column,
            QStringLiteral("%1 appears again in the %2 column (first at %3); only the first copy is compared")
                .arg(o.id.toString(), columnName(o.column), it->toString())));
    }
}

namespace {

// `text` is the entry's bytes, owned by the importer: a reader that is done
// with them frees them (a large file is not held next to what was read from it).
void importByKind(EvidenceKind kind, QByteArray &text, const QString &path, EvidenceRole role, EvidenceSet &set,
    ImportedEvidence &out)
{
    switch (kind) {
    case EvidenceKind::Kubectl:
        importKubectl(text, path, role, set, out);
        break;
    case EvidenceKind::Etcdctl:
        importEtcdctl(text, path, set, out);
        break;
    case EvidenceKind::Prometheus:
        importPrometheus(text, path, set, out);
        break;
    case EvidenceKind::Log:
        importLog(text, path, set, out);
        break;
    case EvidenceKind::TerraformState:
        TerraformImport::importState(text, path, role, set, out);
        break;
    case EvidenceKind::TerraformCode:
        TerraformImport::importCode(FolderTree(out.resolvedPath, path), QString(), {}, path, role, set, out);
        break;
    case EvidenceKind::EtcdRecording:
        RecordingImport::importRecording(out.resolvedPath, path, set, out);
        break;
    case EvidenceKind::Unknown:
        out.diagnostics.append(
            Diagnostic::error(path, 0, 0, QStringLiteral("empty, or not a kind of evidence Strata reads")));
        break;
    }
}

// A case compares one Terraform state and one Terraform folder: the first
// entry of each kind claims its column, and a later one is refused (it was
// parsed alongside the others; what it said is dropped with it).
void refuseSecondTerraform(EntryImport &one, const QString &first)
{
    ImportedEvidence refused;
    refused.entry = one.out.entry;
    refused.kind = one.out.kind;
    refused.resolvedPath = one.out.resolvedPath;
    TerraformImport::warnAboutRole(refused.kind, refused.entry.path, refused.entry.role, refused);
    refused.diagnostics.append(Diagnostic::error(refused.entry.path, 0, 0,
        QStringLiteral("a second Terraform %1 in one case is not compared (the first was %2)")
            .arg(refused.kind == EvidenceKind::TerraformState ? QStringLiteral("state") : QStringLiteral("folder"),
                first)));
    one = EntryImport { refused, EvidenceSet() };
}

} // namespace

namespace {
bool isRecording(const QString &path)
{
    QFile f(path);
    const qsizetype n = qsizetype(sizeof(etcdRecordingMagic) - 1);
    return QFileInfo(path).isFile() && f.open(QIODevice::ReadOnly) && f.read(n) == QByteArray(etcdRecordingMagic, n);
}
} // namespace

EntryImport importEntry(const CaseFile &caseFile, const EvidenceEntry &entry)
{
    EntryImport one;
    ImportedEvidence &out = one.out;
    out.entry = entry;
    out.role = entry.role;
    out.resolvedPath = caseFile.resolvedPath(entry);
    const QString path = entry.path; // as the user wrote it: what every message and location shows
    const QFileInfo info(out.resolvedPath);
    QByteArray text;
    if (!info.exists()) {
        out.diagnostics.append(
            Diagnostic::error(path, 0, 0, QStringLiteral("not found (looked for %1)").arg(out.resolvedPath)));
    } else if (!info.isDir() && isRecording(out.resolvedPath)) {
        // Mapped by its reader, never read whole here: a week of samples is hundreds of MB.
        out.kind = EvidenceKind::EtcdRecording;
        importByKind(out.kind, text, path, entry.role, one.set, out);
        return one;
    } else if (!info.isDir()) {
        const FileContents f = readRegularFile(out.resolvedPath, evidenceReadLimit());
        if (!f.ok())
            out.diagnostics.append(Diagnostic::error(path, 0, 0, QStringLiteral("cannot read: %1").arg(f.error)));
        else
            text = f.bytes;
    }
    if (!out.diagnostics.isEmpty())
        return one;
    std::optional<EvidenceKind> kind;
    if (!entry.kind.isEmpty()) {
        kind = evidenceKindFromName(entry.kind);
        if (!kind)
            out.diagnostics.append(Diagnostic::warning(path, entry.line, 0,
                QStringLiteral("unknown kind '%1'; detecting it from the content").arg(entry.kind)));
    }
    out.kind = kind.value_or(detectEvidenceKind(path, info.isDir(), text.left(16384)));
    // Credentials are never evidence, whatever the case file calls them.
    const bool structured = out.kind == EvidenceKind::Kubectl || out.kind == EvidenceKind::TerraformState;
    const QString credential = CredentialMaterial::describe(text, structured);
    if (!credential.isEmpty()) {
        out.diagnostics.append(Diagnostic::error(path, 0, 0,
            QStringLiteral("not read: this looks like %1, and credentials are never imported as evidence "
                           "(a live cluster belongs under `sources:`)")
                .arg(credential)));
        return one;
    }
    if (out.kind == EvidenceKind::Prometheus && !info.isDir())
        importPrometheusFile(text, out.resolvedPath, path, one.set, out);
    else
        importByKind(out.kind, text, path, entry.role, one.set, out);
    return one;
}

void merge(EvidenceSet &into, EvidenceSet &&from)
{
    appendMoved(into.objects, std::move(from.objects));
    into.etcd.statuses += from.etcd.statuses;
    into.etcd.members += from.etcd.members;
    into.etcd.health += from.etcd.health;
    into.etcd.hashes += from.etcd.hashes;
    into.etcd.alarms += from.etcd.alarms;
    into.etcd.errors += from.etcd.errors;
    for (const auto &[f, i] :
        { std::pair { &from.etcd.caFile, &into.etcd.caFile }, std::pair { &from.etcd.certFile, &into.etcd.certFile },
            std::pair { &from.etcd.keyFile, &into.etcd.keyFile } }) {
        if (i->isEmpty())
            *i = *f;
    }
    appendMoved(into.metrics, std::move(from.metrics));
    appendMoved(into.events, std::move(from.events));
    appendMoved(into.notes, std::move(from.notes));
    appendMoved(into.recordings, std::move(from.recordings));
    if (from.state) {
        into.state = std::move(from.state);
        into.statePath = from.statePath;
    }
    if (from.code) {
        into.code = std::move(from.code);
        into.codePath = from.codePath;
    }
    into.unmappedTerraform += from.unmappedTerraform;
    if (from.terraformOrigin && !into.terraformOrigin)
        into.terraformOrigin = std::move(from.terraformOrigin);
    for (size_t c = 0; c < from.contexts.size(); ++c) {
        if (!from.contexts[c].isEmpty())
            into.contexts[c] = from.contexts[c];
    }
}

void append(EvidenceSet &into, EntryImport &&one)
{
    merge(into, std::move(one.set));
    into.diagnostics += one.out.diagnostics;
    into.files.append(std::move(one.out));
}

ColumnObject columnObject(const KubeObject &k, Column column, const QString &origin)
{
    ColumnObject o;
    o.column = column;
    o.id = k.id;
    o.object = k.object;
    o.identity.managedFields = k.managedFields;
    o.secretDataIsBase64 = true;
    o.identity.origin = origin;
    o.identity.location = k.location;
    o.identity.resourceVersion = k.resourceVersion;
    o.identity.uid = k.uid;
    return o;
}

EvidenceSet import(const CaseFile &caseFile, const JobContext *context)
{
#ifdef __GLIBC__
    constexpr qint64 trimAfterBytes = 4 << 20;
#endif
    // The case's entries, then what `sources.terraform` names: its code and,
    // when given, its state. An evidence entry of the same kind, being
    // earlier, claims the column first.
    const qsizetype entries = caseFile.evidence.size();
    const TerraformSource *source = caseFile.terraformSource ? &*caseFile.terraformSource : nullptr;
    const qsizetype count = entries + (source ? 1 : 0) + (source && !source->state.isEmpty() ? 1 : 0);
    // A repository named by URL is brought up to date once, before the code
    // and the state are read in parallel: both then read the same copy.
    std::optional<GitSyncResult> synced;
    if (source && RemoteUrl::isUrl(source->repo)) {
        synced = GitRemote::sync(source->repo, GitRemote::jobProgress(context));
    }
    const auto importItem = [&](qsizetype i) {
        if (i < entries)
            return importEntry(caseFile, caseFile.evidence.at(i));
        return i == entries ? TerraformImport::importSourceCode(caseFile, context, synced ? &*synced : nullptr)
                            : TerraformImport::importSourceState(caseFile, context);
    };
    // Terraform first: a stack or a state takes several times its text
    // while it is parsed and evaluated, and keeps much less; a kubectl file
    // keeps its whole tree. Read after the kubectl files, that passing peak
    // came on top of every column's trees (N = 20,000: 356 -> 338 MiB). The
    // results are merged in the case's order all the same. (An entry's kind
    // is known for sure only once read: its role, kind or name tell here.)
    const auto terraform = [&](qsizetype i) {
        if (i >= entries)
            return true;
        const EvidenceEntry &e = caseFile.evidence.at(i);
        const std::optional<EvidenceKind> kind = evidenceKindFromName(e.kind);
        return e.role == EvidenceRole::Code || e.role == EvidenceRole::State || kind == EvidenceKind::TerraformCode
            || kind == EvidenceKind::TerraformState || e.path.endsWith(QLatin1String(".tfstate"))
            || e.path.endsWith(QLatin1String(".tf"));
    };
    std::vector<qsizetype> order(static_cast<size_t>(count));
    std::iota(order.begin(), order.end(), qsizetype(0));
    const qsizetype terraformCount
        = qsizetype(std::stable_partition(order.begin(), order.end(), terraform) - order.begin());
    // The diff runs on this thread: trees read here go back to this
    // thread's heap as the diff reads them, where its rows can take their
    // place; another thread's heap keeps them for that thread alone. So one
    // kubectl column's entry, the last in the order, is left to this thread
    // (N = 20,000: 332-333 MiB every run; 332 or 360 before, whichever thread
    // happened to take which file; 337 every run with the live file kept here).
    const auto kubectlColumn = [&](qsizetype i) {
        return i < entries
            && (caseFile.evidence.at(i).role == EvidenceRole::Live
                || caseFile.evidence.at(i).role == EvidenceRole::Replica);
    };
    const auto lastKubectl = std::find_if(order.crbegin(), order.crend(), kubectlColumn);
    const qsizetype mainOnly = lastKubectl == order.crend() ? -1 : qsizetype(order.crend() - lastKubectl) - 1;
    // The places in `order` each thread tries, in turn: the others never
    // that entry; this thread takes it first once the Terraform entries are
    // taken, so the others are read beside it, not after it.
    std::vector<qsizetype> helperTries;
    for (qsizetype n = 0; n < count; ++n) {
        if (n != mainOnly)
            helperTries.push_back(n);
    }
    std::vector<qsizetype> mainTries = helperTries;
    if (mainOnly >= 0)
        mainTries.insert(
            mainTries.begin() + std::min<qsizetype>(terraformCount, qsizetype(mainTries.size())), mainOnly);
    const std::unique_ptr<std::atomic<bool>[]> claimed(new std::atomic<bool>[size_t(count)] {});
    const auto claim = [&](bool onMain) -> qsizetype {
        for (qsizetype n : onMain ? mainTries : helperTries) {
            bool unclaimed = false;
            if (claimed[size_t(n)].compare_exchange_strong(unclaimed, true))
                return n;
        }
        return -1;
    };
    std::vector<std::optional<EntryImport>> imported(static_cast<size_t>(count));
    std::atomic_int done { 0 };
    std::atomic_int objectReaders { 0 };
    const auto work = [&](bool onMain) {
        bool readObjects = false;
        for (qsizetype n = claim(onMain); n >= 0; n = claim(onMain)) {
            if (context && context->isCancelled())
                return;
            const qsizetype i = order[size_t(n)];
            imported[size_t(i)] = importItem(i);
            if (!readObjects && !imported[size_t(i)]->set.objects.isEmpty()) {
                readObjects = true;
                ++objectReaders;
            }
#ifdef __GLIBC__
            // The file's text and the parser's scratch are free now, among
            // the trees that stay: give those pages back before the next file
            // (the peak is when every column's trees are held at once, and
            // their lists are then merged). Measured at N = 20,000: 398 -> 374
            // MiB. A trim walks the whole heap (4-40 ms there), so only after
            // a big file or a Terraform stack, not after each of many small logs.
            const std::optional<EntryImport> &one = imported[size_t(i)];
            if (i >= entries || (one && QFileInfo(one->out.resolvedPath).size() >= trimAfterBytes))
                malloc_trim(0);
#endif
            if (context)
                context->reportProgress(++done, int(count));
        }
    };
    // The readers are single-threaded and the entries independent: one
    // worker per core (this thread is one of them).
    std::vector<std::thread> helpers;
    const qsizetype threads = std::min<qsizetype>(std::max(1, QThread::idealThreadCount()), count);
    for (qsizetype t = 1; t < threads; ++t)
        helpers.emplace_back(work, false);
    work(true);
    for (std::thread &t : helpers)
        t.join();

    EvidenceSet set;
    set.objectHeaps = std::max(1, objectReaders.load());
    qsizetype objects = 0;
    for (const std::optional<EntryImport> &one : imported)
        objects += one ? one->set.objects.size() : 0;
    set.objects.reserve(objects); // one list, not grown (and copied) entry by entry
    QString firstState, firstCode;
    for (std::optional<EntryImport> &one : imported) {
        if (!one)
            break; // cancelled: what was read in order so far
        if (one->out.kind == EvidenceKind::TerraformState || one->out.kind == EvidenceKind::TerraformCode) {
            QString &first = one->out.kind == EvidenceKind::TerraformState ? firstState : firstCode;
            if (!first.isEmpty())
                refuseSecondTerraform(*one, first);
            else
                first = one->out.entry.path;
        }
        append(set, std::move(*one));
        one.reset(); // its list of objects, now empty but still as large
    }
    return set;
}

} // namespace strata::EvidenceImporter
