#include "Analyzer.h"

#include "core/JobRunner.h"
#include "diff/DiffEngine.h"
#include "evidence/CaptureImport.h"
#include "evidence/EtcdCaptureImport.h"
#include "evidence/EvidenceImporter.h"
#include "history/CodeProvenance.h"
#include "history/EtcdProvenance.h"
#include "history/StackHistory.h"
#include "plan/CommandPlanner.h"
#include "plan/ProposalPlanner.h"
#include "rules/ApplicationRules.h"
#include "rules/DriftRules.h"
#include "rules/EtcdRules.h"
#include "rules/LiveRules.h"
#include "rules/SystemInventory.h"

#include <QDir>
#include <QSet>

#include <algorithm>

#ifdef __GLIBC__
#include <malloc.h>
#endif

namespace strata::Analyzer {

namespace {

// What a live read asks each context for: the resources the case names,
// then every object Terraform's code or state holds, each once.
QList<ResourceId> wantedLive(const QList<ResourceId> &investigated, const EvidenceSet &evidence)
{
    QList<ResourceId> out = investigated;
    QSet<ResourceId> seen(investigated.cbegin(), investigated.cend());
    for (const ColumnObject &o : evidence.objects) {
        if ((o.column == Column::Code || o.column == Column::State) && !seen.contains(o.id)) {
            seen.insert(o.id);
            out.append(o.id);
        }
    }
    return out;
}

// Reads (or, offline, finds) the capture of the case's contexts and adds it
// to the evidence. Its objects go after Terraform's and before any kubectl
// file of the same role: the context a role is given to is what that column
// compares (a file's copy is then reported as a second copy), and rows keep
// the order they have when the same objects come from files.
void addLiveSources(const CaseFile &caseFile, const QList<ResourceId> &investigated, const AnalyzeOptions &options,
    const JobContext *context, EvidenceSet &evidence)
{
    const QList<ResourceId> wanted = wantedLive(investigated, evidence);
    std::optional<CaptureManifest> manifest;
    QList<EntryImport> imports;
    if (options.offline)
        manifest = CaptureImport::newestFor(caseFile);
    const bool reused = manifest.has_value();
    if (!reused && (!options.offline || options.readWhenNoCapture)) {
        manifest = KubeCapture::capture(caseFile, wanted, options.capture, context);
    } else if (!reused) {
        const QString newest = CaptureImport::newest(caseFile.capturesFolder());
        imports = CaptureImport::unavailable(caseFile,
            newest.isEmpty()
                ? QStringLiteral("offline, and the case has no capture of its contexts yet (%1): analyse once "
                                 "without --offline to read them")
                      .arg(caseFile.capturesFolder())
                : QStringLiteral("offline, and no capture under %1 read the contexts the case names now: "
                                 "analyse once without --offline to read them")
                      .arg(caseFile.capturesFolder()));
    }
    if (manifest && manifest->cancelled)
        return; // the analysis is cancelled too: nothing half-read is shown
    if (manifest)
        imports = CaptureImport::import(caseFile, *manifest);
    // An older capture may not hold every object the case asks for now
    // (a resource added since): unknown in those columns, and said.
    if (manifest && reused) {
        for (EntryImport &one : imports) {
            const CapturedContext *c = manifest->context(one.out.role);
            if (!c || !c->reachable)
                continue;
            QSet<QString> captured;
            for (const CapturedObject &o : c->objects)
                captured.insert(o.resource);
            for (const ResourceId &id : wanted) {
                if (captured.contains(id.toString()))
                    continue;
                ColumnObject unread;
                unread.column = columnForRole(one.out.role).value_or(Column::Live);
                unread.id = id;
                unread.unread = true;
                one.set.objects.append(unread);
                one.out.diagnostics.append(Diagnostic::warning(QStringLiteral("context %1").arg(c->context), 0, 0,
                    QStringLiteral("%1 is not in the capture of %2 (read it again: F5, or analyse without --offline)")
                        .arg(id.toString(), manifest->time.toUTC().toString(Qt::ISODate))));
            }
        }
    }
    QList<ColumnObject> objects;
    for (EntryImport &one : imports) {
        objects += std::move(one.set.objects);
        one.set.objects.clear();
        EvidenceImporter::append(evidence, std::move(one));
    }
    QList<ColumnObject> ordered;
    ordered.reserve(evidence.objects.size() + objects.size());
    for (ColumnObject &o : evidence.objects) {
        if (o.column == Column::Code || o.column == Column::State)
            ordered.append(std::move(o));
    }
    ordered += std::move(objects);
    for (ColumnObject &o : evidence.objects) {
        if (o.column == Column::Live || o.column == Column::Replica)
            ordered.append(std::move(o));
    }
    evidence.objects = std::move(ordered);
    evidence.capture = std::move(manifest);
}

// Reads (or, offline, finds) the capture of the case's etcd endpoints and
// adds it to the evidence as one entry.
std::optional<EtcdCaptureManifest> addEtcdSource(
    const CaseFile &caseFile, const AnalyzeOptions &options, const JobContext *context, EvidenceSet &evidence)
{
    std::optional<EtcdCaptureManifest> manifest;
    if (options.offline)
        manifest = EtcdCaptureImport::newestFor(caseFile, options.etcd.environment);
    if (!manifest && (!options.offline || options.readWhenNoCapture))
        manifest = EtcdCapture::capture(caseFile, options.etcd, context);
    if (manifest && manifest->cancelled)
        return std::nullopt;
    EvidenceImporter::append(evidence,
        manifest ? EtcdCaptureImport::import(caseFile, *manifest)
                 : EtcdCaptureImport::unavailable(caseFile,
                     QStringLiteral("offline, and the case has no capture of its etcd endpoints yet (%1): analyse "
                                    "once without --offline to read them")
                         .arg(EtcdCapture::capturesRoot(caseFile))));
    return manifest;
}

// Whether etcd's history of the object can say something: the live-drift
// and stale-replica findings are the only readers, so only an object with a
// drifted or stale field, or a replica at another resourceVersion than live,
// is walked — not every object of a cluster (up to 50 reads each).
bool historyWanted(const ResourceDiff &d)
{
    for (const FieldDiff &f : d.fields) {
        if (f.has(FieldStatus::Drift) || f.has(FieldStatus::Stale))
            return true;
    }
    const ColumnIdentity &live = d.identity(Column::Live), &replica = d.identity(Column::Replica);
    return live.present && replica.present && live.resourceVersion != replica.resourceVersion;
}

// What etcd holds of those objects, version by version (read now, or
// offline the newest history captured): the revision at which a drifted
// value appeared and a replica's value was replaced. Auxiliary to the
// comparison: a failed read is a warning, never a gap in the columns (those
// come from their own sources).
QList<EtcdObjectHistory> readEtcdHistories(const CaseFile &caseFile, const QList<ResourceDiff> &resources,
    const AnalyzeOptions &options, const JobContext *context, QList<Diagnostic> &diagnostics)
{
    QList<EtcdHistoryTarget> targets;
    for (const ResourceDiff &d : resources) {
        if ((d.identity(Column::Live).present || d.identity(Column::Replica).present) && historyWanted(d))
            targets.append({ d.id, {}, {} });
    }
    if (targets.isEmpty())
        return {};
    std::optional<EtcdHistoryManifest> manifest;
    QString error;
    if (options.offline)
        manifest = EtcdObjectHistories::newest(caseFile, &error);
    else
        manifest = EtcdHistoryCapture::capture(caseFile, targets, 50, options.etcd.environment, context);
    if (manifest && !manifest->error.isEmpty())
        error = manifest->error;
    if (!error.isEmpty())
        diagnostics.append(Diagnostic::warning(
            QStringLiteral("sources.etcd"), 0, 0, QStringLiteral("etcd history not read: %1").arg(error)));
    if (!manifest || !manifest->error.isEmpty())
        return {};
    QStringList problems;
    QList<EtcdObjectHistory> histories = EtcdObjectHistories::read(*manifest, &problems);
    for (const QString &p : problems)
        diagnostics.append(Diagnostic::warning(manifest->folder, 0, 0, p));
    return histories;
}

// The case's etcd recordings (`strata record`, the window's sampler),
// oldest first, each an entry read like any recording given as evidence.
void addRecordings(const CaseFile &caseFile, EvidenceSet &evidence)
{
    const QDir folder(caseFile.recordingsFolder());
    const QStringList names
        = folder.entryList({ QStringLiteral("etcd-*.tsv") }, QDir::Files | QDir::Readable, QDir::Name);
    for (const QString &name : names) {
        EvidenceEntry entry;
        entry.path = CaptureImport::shownPath(caseFile, folder.filePath(name));
        entry.kind = QStringLiteral("etcd-recording");
        EntryImport one = EvidenceImporter::importEntry(caseFile, entry);
        one.out.fromSource = true;
        EvidenceImporter::append(evidence, std::move(one));
    }
}

// The endpoint table's latency comes from the read, not from what etcdctl prints.
void addLatencies(QList<EtcdMemberSummary> &members, const EtcdCaptureManifest &capture)
{
    for (EtcdMemberSummary &m : members) {
        for (const CapturedEndpoint &e : capture.endpoints) {
            if (e.url == m.endpoint && e.reachable)
                m.latencyMs = e.latencyMs;
        }
    }
}

} // namespace

AnalysisResult analyze(const CaseFile &caseFile, const JobContext *context, const QList<Diagnostic> &caseDiagnostics,
    const AnalyzeOptions &options)
{
    AnalysisResult result;
    result.caseFile = caseFile;
    auto cancelled = [context] { return context && context->isCancelled(); };

    QList<ResourceId> investigated;
    for (const QString &r : caseFile.resources) {
        if (auto id = ResourceId::parse(r))
            investigated.append(*id);
    }
    EvidenceSet evidence = EvidenceImporter::import(caseFile, context);
    if (caseFile.kubernetesSource && caseFile.kubernetesSource->hasContexts() && !cancelled())
        addLiveSources(caseFile, investigated, options, context, evidence);
    if (caseFile.etcdSource && !cancelled())
        result.etcdCapture = addEtcdSource(caseFile, options, context, evidence);
    // Only a saved case's own recordings: the cache folder of unsaved cases
    // may hold recordings of any cluster.
    if (caseFile.etcdSource && caseFile.hasOwnFile() && !cancelled())
        addRecordings(caseFile, evidence);
    EvidenceImporter::reportDuplicates(evidence);
#ifdef __GLIBC__
    // The readers' trees are gone; their threads' heaps keep the pages unless
    // told, and the diff (on this thread) would take new ones beside them.
    malloc_trim(0);
#endif
    result.capture = evidence.capture;
    result.evidence = evidence.files;
    result.diagnostics = caseDiagnostics + evidence.diagnostics;
    result.completeness = Completeness::assess(caseDiagnostics, evidence.files);
    result.unmappedTerraform = evidence.unmappedTerraform;
    result.terraformOrigin = evidence.terraformOrigin;
    if (cancelled()) {
        result.cancelled = true;
        return result;
    }
    for (const ImportedEvidence &e : evidence.files) {
        if (const auto column = columnForRole(e.role); column && e.loaded) {
            QString &origin = result.columnOrigins[size_t(columnIndex(*column))];
            const CapturedContext *read = e.fromSource && e.kind == EvidenceKind::Kubectl && evidence.capture
                ? evidence.capture->context(e.role)
                : nullptr;
            // A live column names its context, the server's version and when it was read.
            const QString name = read ? QStringLiteral("context ") + read->context : e.entry.path;
            origin = origin.isEmpty() ? name : origin + QStringLiteral(", ") + name;
            if (read)
                result.columnRemarks[size_t(columnIndex(*column))]
                    = QStringLiteral("%1 · read %2")
                          .arg(read->serverVersion,
                              evidence.capture->time.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'")));
            else if (e.fromSource && evidence.terraformOrigin)
                result.columnRemarks[size_t(columnIndex(*column))] = *column == Column::Code
                    ? evidence.terraformOrigin->remark()
                    : evidence.terraformOrigin->remarkFor(e.entry.path);
        }
    }

    std::array<qsizetype, columnCount> leftOut {};
    // Objects the diff may leave out (only when resources are named) are kept
    // when a log line or a metric speaks of one of their data keys
    // (app-observed-value reads them).
    const QSet<QString> observed
        = investigated.isEmpty() ? QSet<QString>() : ApplicationRules::observedKeys(evidence.events, evidence.metrics);
    std::function<bool(const QList<FieldValue> &)> stillWanted;
    if (!observed.isEmpty())
        stillWanted = [&observed](const QList<FieldValue> &fields) {
            return std::any_of(fields.cbegin(), fields.cend(),
                [&observed](const FieldValue &f) { return ApplicationRules::mayBeObserved(f, observed); });
        };
    // A thread per heap the objects were read into, for a case large enough
    // that a second thread costs less than the room it saves.
    const int diffThreads = evidence.objects.size() >= 4096 ? evidence.objectHeaps : 1;
    result.resources = DiffEngine::diffReleasing(
        evidence.objects, investigated, cancelled, result.completeness.coverage, &leftOut, stillWanted, diffThreads);
    if (cancelled()) {
        result.cancelled = true;
        return result;
    }
    // Every copy is read: the rows hold what the rest needs of them. Their
    // list (~380 bytes a copy: 77 MB at N = 50,000 in four columns) goes now,
    // not with the evidence at the end, so the rules and the output have its room.
    for (const ColumnObject &o : std::as_const(evidence.objects))
        evidence.objectColumns |= columnBit(o.column);
    evidence.objects = {};
    for (Column c : allColumns) {
        const qsizetype n = leftOut[size_t(columnIndex(c))];
        if (n > 0)
            result.diagnostics.append(
                Diagnostic { Diagnostic::Severity::Note, result.columnOrigins[size_t(columnIndex(c))], 0, 0,
                    QStringLiteral("%1 object(s) held only by the %2 column and not named in resources: not compared "
                                   "(nothing holds them to compare with; name one in resources: to see its fields)")
                        .arg(n)
                        .arg(columnName(c)) });
    }

    if (caseFile.etcdSource && !cancelled())
        result.etcdHistories = readEtcdHistories(caseFile, result.resources, options, context, result.diagnostics);

    result.etcdMembers = EtcdRules::members(evidence.etcd);
    if (result.etcdCapture)
        addLatencies(result.etcdMembers, *result.etcdCapture);
    result.metrics = evidence.metrics;
    result.recordings = evidence.recordings;

    // Sorted where they are, and shared with the result rather than copied
    // (a million log lines): the rules read them in time order too.
    const auto byTime = [](const TimelineEvent &a, const TimelineEvent &b) {
        if (a.time.isValid() != b.time.isValid())
            return a.time.isValid(); // undated events last, in evidence order
        return a.time.isValid() && a.time < b.time;
    };
    std::stable_sort(evidence.events.begin(), evidence.events.end(), byTime);
    result.timeline = evidence.events;

    result.findings = DriftRules::evaluate(result.resources);
    result.findings += ApplicationRules::evaluate(result.resources, evidence.events, evidence.metrics);
    if (result.capture)
        result.findings += LiveRules::evaluate(*result.capture);
    result.findings += EtcdRules::evaluate(evidence.etcd, result.etcdMembers, evidence.metrics, evidence.events);
    // Which commit set the code's values, where the code came from one.
    if (result.terraformOrigin && result.terraformOrigin->git && !result.terraformOrigin->workTree)
        CodeProvenance::annotate(result.findings, result.resources, caseFile, context);
    // At which etcd revision live drifted and the replica's value was replaced
    // (and when, where a recording saw the store's revision pass it).
    const EtcdRevisionTimes revisionTimes(evidence.recordings);
    if (!result.etcdHistories.isEmpty())
        EtcdProvenance::annotate(result.findings, result.resources, result.etcdHistories, revisionTimes);
    std::stable_sort(result.findings.begin(), result.findings.end(),
        [](const Finding &a, const Finding &b) { return int(a.severity) < int(b.severity); });

    SystemInventory::build(
        evidence, result.etcdMembers, result.resources, result.findings, result.components, result.relations);
    // The exact commands of each step, with the case's real contexts,
    // endpoints, certificate paths, folders and addresses.
    CommandPlanner::annotate(result.findings, result.resources, result.etcdMembers,
        CommandContext::from(caseFile, evidence, result.etcdMembers));
    result.proposals = ProposalPlanner::plan(result.findings);

    // When the stack's code and committed state changed, on the timeline
    // only: a commit subject is not something the cluster logged, so the
    // rules never read it as an observation.
    if (result.terraformOrigin && result.terraformOrigin->git && !result.terraformOrigin->workTree) {
        // The newest: opening a case stays fast on a long history (~30 µs a
        // commit walked); `strata history --state` and the History panel go further.
        StackHistory::Limits limits;
        limits.maxWalked = 1000;
        limits.maxCommits = 200;
        limits.maxStates = 50;
        QList<TimelineEvent> commits = StackHistory::timelineEvents(
            StackHistory::run(caseFile, limits, context), caseFile.terraformSource->shownRepo());
        std::stable_sort(commits.begin(), commits.end(), byTime);
        evidence.events = {}; // the result's timeline is then its only owner: no copy of a million lines
        const qsizetype middle = result.timeline.size();
        result.timeline += commits;
        std::inplace_merge(result.timeline.begin(), result.timeline.begin() + middle, result.timeline.end(), byTime);
    }
    // The versions etcd's history holds, where a recording dates them: on
    // the timeline only, like commits (what a version's value was is not
    // something a program logged).
    if (!result.etcdHistories.isEmpty()) {
        const QList<TimelineEvent> versions = EtcdProvenance::timelineEvents(result.etcdHistories, revisionTimes);
        evidence.events = {};
        const qsizetype middle = result.timeline.size();
        result.timeline += versions;
        std::inplace_merge(result.timeline.begin(), result.timeline.begin() + middle, result.timeline.end(), byTime);
    }
    return result;
}

} // namespace strata::Analyzer
