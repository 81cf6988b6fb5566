#include "TerraformImport.h"

#include "core/JobRunner.h"
#include "core/RegularFile.h"
#include "evidence/CredentialMaterial.h"
#include "git/FolderTree.h"
#include "git/GitRemote.h"
#include "git/GitRepository.h"
#include "hcl/TerraformReader.h"
#include "terraform/TerraformKubernetesMapping.h"
#include "terraform/TerraformStateReader.h"

#include <QDir>
#include <QFileInfo>

namespace strata::TerraformImport {

namespace {

// Terraform skips editor leftovers: hidden files, backups ("x.tf~") and
// Emacs autosaves ("#x.tf#").
bool ignoredByTerraform(const QString &name)
{
    return name.startsWith(QLatin1Char('.')) || name.endsWith(QLatin1Char('~'))
        || (name.startsWith(QLatin1Char('#')) && name.endsWith(QLatin1Char('#')));
}

// Local modules come from the same tree as the root module (the same commit,
// or the same disk); a source that leaves a commit's tree is not read.
TerraformReader::ModuleLoader moduleLoader(const FileTree &tree)
{
    return [&tree](const QString &callerFolder, const QString &source) {
        TerraformReader::ModuleFiles m;
        m.folder = QDir::cleanPath(joinTreePath(callerFolder, source));
        if (m.folder == QLatin1String("."))
            m.folder.clear();
        const QString shown = tree.displayPath(m.folder);
        switch (tree.type(m.folder)) {
        case FileTree::EntryType::Folder:
            break;
        case FileTree::EntryType::Missing:
            m.error = m.folder.startsWith(QLatin1String(".."))
                ? QStringLiteral("its folder %1 is outside what was read").arg(shown)
                : QStringLiteral("no folder %1").arg(shown);
            return m;
        default:
            m.error = QStringLiteral("%1 is %2").arg(shown, tree.whyNotRead(m.folder));
            return m;
        }
        for (const QString &name : tree.fileNames(m.folder)) {
            if (ignoredByTerraform(name) || !name.endsWith(QLatin1String(".tf")))
                continue;
            const QString path = joinTreePath(m.folder, name);
            const FileContents f = tree.read(path, evidenceReadLimit());
            if (!f.ok()) {
                m.error = QStringLiteral("cannot read %1: %2").arg(tree.displayPath(path), f.error);
                return m;
            }
            m.tfFiles.append({ tree.displayPath(path), f.bytes });
        }
        return m;
    };
}

ColumnObject fromManaged(const ManagedKubernetesObject &m, Column column, const EvidenceSet &set)
{
    ColumnObject o;
    o.column = column;
    o.id = m.id;
    o.object = m.object;
    o.partial = m.partial;
    o.secretDataIsBase64 = m.secretDataEncoding == ManagedKubernetesObject::SecretDataEncoding::Base64;
    o.identity.origin = column == Column::State ? set.statePath : set.codePath;
    o.identity.location = m.location;
    o.identity.terraformAddress = m.address;
    o.identity.resourceVersion = m.stateResourceVersion;
    o.identity.uid = m.stateUid;
    o.sensitivePaths = m.sensitivePaths;
    if (column == Column::State && set.state) {
        o.identity.stateSerial = qint64(set.state->serial);
        o.identity.stateLineage = set.state->lineage;
    }
    return o;
}

} // namespace

// Terraform state and code each feed their own column, whatever role the
// case gives them.
void warnAboutRole(EvidenceKind kind, const QString &path, EvidenceRole role, ImportedEvidence &out)
{
    const bool state = kind == EvidenceKind::TerraformState;
    const EvidenceRole column = state ? EvidenceRole::State : EvidenceRole::Code;
    if (role != EvidenceRole::Unspecified && role != column)
        out.diagnostics.append(Diagnostic::warning(path, 0, 0,
            QStringLiteral("Terraform %1 always feeds the %1 column, not %2")
                .arg(state ? QStringLiteral("state") : QStringLiteral("code"), evidenceRoleName(role))));
    out.role = column;
}

void importState(QByteArray &text, const QString &path, EvidenceRole role, EvidenceSet &set, ImportedEvidence &out)
{
    warnAboutRole(EvidenceKind::TerraformState, path, role, out);
    // Each resource is mapped as it is read and its attribute trees dropped:
    // the objects hold what the diff needs, and a whole state's trees were
    // most of the import's memory (three times the file).
    KubernetesMappingResult mapped;
    TerraformStateReader::ResourceSink sink;
    sink.restart = [&mapped] { mapped = KubernetesMappingResult(); };
    sink.resource = [&mapped](const TerraformStateResource &r) { mapStateResource(r, mapped); };
    TerraformStateReadResult read = TerraformStateReader::read(text, path, sink);
    text = QByteArray();
    out.diagnostics += read.diagnostics;
    if (!read.state)
        return;
    set.state = std::move(read.state);
    set.statePath = path;
    out.diagnostics += mapped.diagnostics;
    set.objects.reserve(set.objects.size() + mapped.objects.size());
    for (const ManagedKubernetesObject &m : std::as_const(mapped.objects))
        set.objects.append(fromManaged(m, Column::State, set));
    for (const QString &a : std::as_const(mapped.unmappedAddresses))
        set.unmappedTerraform.append(QStringLiteral("state: ") + a);
    set.state->releaseValues(); // the outputs' values: nothing reads them after this
    out.loaded = true;
    out.summary = QStringLiteral("serial %1, lineage %2, Terraform %3, %4 (%5 compared)")
                      .arg(set.state->serial)
                      .arg(set.state->lineage, set.state->terraformVersion,
                          plural(set.state->resources.size(), QStringLiteral("resource"), QStringLiteral("resources")))
                      .arg(mapped.objects.size());
}

void importCode(const FileTree &tree, const QString &folder, const QStringList &extraVars, const QString &display,
    EvidenceRole role, EvidenceSet &set, ImportedEvidence &out)
{
    warnAboutRole(EvidenceKind::TerraformCode, display, role, out);
    QList<TerraformReader::SourceFile> tf, tfvars;
    auto read = [&](const QString &name, QList<TerraformReader::SourceFile> &into) {
        const QString path = joinTreePath(folder, name);
        const QString shown = tree.displayPath(path);
        const FileContents f = tree.read(path, evidenceReadLimit());
        if (!f.ok()) {
            out.diagnostics.append(Diagnostic::error(shown, 0, 0, QStringLiteral("cannot read: %1").arg(f.error)));
            return;
        }
        into.append({ shown, f.bytes });
    };
    if (tree.type(folder) == FileTree::EntryType::File) {
        read(QString(), tf); // one .tf file named on its own
    } else {
        const QStringList names = tree.fileNames(folder);
        QStringList vars;
        for (const QString &name : names) {
            if (ignoredByTerraform(name))
                continue;
            if (name.endsWith(QLatin1String(".tf")))
                read(name, tf);
            else if (name == QLatin1String("terraform.tfvars"))
                vars.prepend(name);
            else if (name.endsWith(QLatin1String(".auto.tfvars")))
                vars.append(name);
        }
        for (const QString &name : extraVars) {
            if (!vars.contains(name))
                vars.append(name);
        }
        for (const QString &name : std::as_const(vars))
            read(name, tfvars);
    }
    const bool oneFile = tree.type(folder) == FileTree::EntryType::File;
    const QString rootFolder = oneFile ? QDir::cleanPath(joinTreePath(folder, QStringLiteral(".."))) : folder;
    TerraformConfig config = TerraformReader::readFiles(
        tf, tfvars, display, moduleLoader(tree), rootFolder == QLatin1String(".") ? QString() : rootFolder);
    const qsizetype tfFiles = tf.size();
    tf.clear(); // the source text is not needed once evaluated
    tfvars.clear();
    out.diagnostics += config.diagnostics;
    set.codePath = display;
    const KubernetesMappingResult mapped = mapConfigToKubernetes(config);
    out.diagnostics += mapped.diagnostics;
    for (const ManagedKubernetesObject &m : mapped.objects)
        set.objects.append(fromManaged(m, Column::Code, set));
    for (const QString &a : mapped.unmappedAddresses)
        set.unmappedTerraform.append(QStringLiteral("code: ") + a);
    config.releaseValues(); // the objects hold what the diff needs
    set.code = std::move(config);
    out.loaded = tfFiles > 0;
    out.summary = QStringLiteral("%1, %2 (%3 compared)")
                      .arg(plural(tfFiles, QStringLiteral(".tf file"), QStringLiteral(".tf files")),
                          plural(set.code->resources.size(), QStringLiteral("resource"), QStringLiteral("resources")))
                      .arg(mapped.objects.size());
}

namespace {

// The repository (or folder) a source names, opened once per item: libgit2
// objects are not shared between the importer's threads.
struct OpenedSource
{
    TerraformOrigin origin;
    std::shared_ptr<GitRepository> repository;
    std::unique_ptr<FileTree> tree; // the repository's root at the commit (or on disk)
    QString error; // why nothing can be read; empty when `tree` is set
    QList<Diagnostic> notes;
};

// `compareWorkTree`: list (and warn about) the work tree's changes under
// `dir` — once per source, by its code item; the state item skips that walk.
// `compareWorkTree` is set for the code item; `alreadySynced` is the
// analysis's one fetch of a URL, handed to the code item, which reports it.
OpenedSource openSource(const CaseFile &caseFile, const TerraformSource &source, bool compareWorkTree,
    const JobContext *context, const GitSyncResult *alreadySynced = nullptr)
{
    OpenedSource s;
    const auto note = [&](const QString &message) {
        s.notes.append(Diagnostic::warning(caseFile.filePath, source.line, 0,
            QStringLiteral("sources.terraform: %1: %2").arg(source.shownRepo(), message)));
    };
    s.origin.repository = source.shownRepo();
    s.origin.ref = source.ref;
    s.origin.folder = source.dir;
    s.origin.workTree = source.workTree;
    const QString where = caseFile.repositoryPath();
    if (RemoteUrl::isUrl(source.repo)) {
        // Cloned into the cache the first time, fetched after that; what
        // could not be fetched is said, and the copy already there (if any)
        // is analysed, with the commit it is at in every output.
        // An analysis fetches once for both its readers (EvidenceImporter);
        // any other reader uses the copy as it is.
        const GitSyncResult synced = alreadySynced
            ? *alreadySynced
            : GitRemote::sync(source.repo, GitRemote::jobProgress(context), GitRemote::Mode::CloneIfMissing);
        if (synced.path.isEmpty()) {
            s.error = synced.error;
            return s;
        }
        if (!synced.error.isEmpty() && compareWorkTree) // said once, by the code item
            s.notes.append(Diagnostic::error(caseFile.filePath, source.line, 0,
                QStringLiteral("sources.terraform: %1; analysing the copy fetched before, in %2")
                    .arg(synced.error, where)));
        else if (synced.cloned || synced.fetched) {
            note(synced.cloned ? QStringLiteral("cloned into %1").arg(where)
                               : QStringLiteral("fetched into %1").arg(where));
            s.notes.last().severity = Diagnostic::Severity::Note; // what happened, not a problem
        }
    } else if (!QFileInfo(where).isDir()) {
        s.error = QStringLiteral("%1: no such folder (looked for %2)").arg(source.shownRepo(), where);
        return s;
    }
    QString error;
    s.repository = GitRepository::open(where, &error);
    if (!s.repository) {
        // A plain folder still works, without history; say so.
        s.tree = std::make_unique<FolderTree>(where, source.shownRepo());
        note(QStringLiteral("not a git repository (%1): read as a folder, without commits or history").arg(error));
        if (!source.ref.isEmpty())
            note(QStringLiteral("'ref: %1' is ignored: there are no commits").arg(source.ref));
        return s;
    }
    s.origin.git = true;
    const QString ref = source.workTree ? QStringLiteral("HEAD") : source.ref;
    const auto commit = s.repository->resolve(ref, &error);
    if (!commit) {
        s.error = QStringLiteral("%1: %2").arg(source.shownRepo(), error);
        return s;
    }
    s.origin.commit = *commit;
    if (s.repository->isShallow())
        note(QStringLiteral("a shallow clone: history stops where the clone does"));
    const QString workDirectory = s.repository->workDirectory();
    if (source.workTree) {
        if (workDirectory.isEmpty()) {
            s.error = QStringLiteral("%1: a bare repository has no work tree to read").arg(source.shownRepo());
            return s;
        }
        s.tree = std::make_unique<FolderTree>(workDirectory, source.shownRepo());
    } else {
        s.tree = s.repository->tree(*commit, &error);
        if (!s.tree) {
            s.error = QStringLiteral("%1: %2").arg(source.shownRepo(), error);
            return s;
        }
    }
    if (compareWorkTree && !workDirectory.isEmpty()) {
        if (const auto changed = s.repository->changedInWorkTree(*commit, source.dir, &error))
            s.origin.workTreeChanges = *changed;
        else
            note(QStringLiteral("cannot compare the work tree with the commit: %1").arg(error));
    }
    if (!source.workTree && !s.origin.workTreeChanges.isEmpty()) {
        const QStringList &changed = s.origin.workTreeChanges;
        note(QStringLiteral("the work tree differs from %1 (%2) in %3: %4; the commit is what is compared "
                            "(set 'worktree: true' to compare the files on disk)")
                 .arg(source.ref.isEmpty() ? QStringLiteral("HEAD") : source.ref, commit->shortId,
                     plural(changed.size(), QStringLiteral("file"), QStringLiteral("files")),
                     changed.mid(0, 5).join(QStringLiteral(", "))
                         + (changed.size() > 5 ? QStringLiteral(", …") : QString())));
    }
    return s;
}

EntryImport started(const CaseFile &caseFile, const TerraformSource &source, EvidenceRole role, EvidenceKind kind)
{
    EntryImport one;
    one.out.entry.path = QStringLiteral("sources.terraform");
    one.out.fromSource = true;
    one.out.entry.role = role;
    one.out.entry.line = source.line;
    one.out.role = role;
    one.out.kind = kind;
    one.out.resolvedPath = caseFile.repositoryPath();
    return one;
}

// Positioned at `terraform:` in the case file: that is what the user edits.
void failed(EntryImport &one, const CaseFile &caseFile, const QString &message)
{
    one.out.diagnostics.append(Diagnostic::error(
        caseFile.filePath, one.out.entry.line, 0, QStringLiteral("sources.terraform: %1").arg(message)));
}

} // namespace

EntryImport importSourceCode(const CaseFile &caseFile, const JobContext *context, const GitSyncResult *synced)
{
    const TerraformSource &source = *caseFile.terraformSource;
    EntryImport one = started(caseFile, source, EvidenceRole::Code, EvidenceKind::TerraformCode);
    OpenedSource s = openSource(caseFile, source, true, context, synced);
    one.out.diagnostics += s.notes;
    one.set.terraformOrigin = s.origin;
    if (!s.tree) {
        failed(one, caseFile, s.error);
        return one;
    }
    const FileTree::EntryType type = s.tree->type(source.dir);
    if (type != FileTree::EntryType::Folder) {
        failed(one, caseFile,
            type == FileTree::EntryType::Missing
                ? QStringLiteral("no folder '%1' in %2").arg(source.dir, s.tree->displayPath(QString()))
                : QStringLiteral("'%1' is not a folder: %2").arg(source.dir, s.tree->whyNotRead(source.dir)));
        return one;
    }
    one.out.entry.path = s.tree->displayPath(source.dir);
    importCode(*s.tree, source.dir, source.vars, one.out.entry.path, EvidenceRole::Code, one.set, one.out);
    if (s.origin.git)
        one.out.summary += QStringLiteral("; %1").arg(s.origin.describe());
    return one;
}

EntryImport importSourceState(const CaseFile &caseFile, const JobContext *context)
{
    const TerraformSource &source = *caseFile.terraformSource;
    EntryImport one = started(caseFile, source, EvidenceRole::State, EvidenceKind::TerraformState);
    OpenedSource s = openSource(caseFile, source, false, context);
    one.set.terraformOrigin = s.origin;
    if (!s.tree) {
        failed(one, caseFile, QStringLiteral("state not read: %1").arg(s.error));
        return one;
    }
    QByteArray text;
    // Inside the repository when the commit has it, else a file next to the case.
    if (s.tree->type(source.state) != FileTree::EntryType::Missing) {
        one.out.entry.path = s.tree->displayPath(source.state);
        const FileContents f = s.tree->read(source.state, evidenceReadLimit());
        if (!f.ok()) {
            failed(one, caseFile, QStringLiteral("%1: cannot read: %2").arg(one.out.entry.path, f.error));
            return one;
        }
        text = f.bytes;
    } else {
        const QString outside = caseFile.resolvedPath(source.state);
        if (!QFileInfo::exists(outside)) {
            failed(one, caseFile,
                QStringLiteral("state '%1' is neither in %2 nor a file (looked for %3)")
                    .arg(source.state,
                        s.origin.git ? QStringLiteral("commit %1").arg(s.origin.commit.shortId) : source.shownRepo(),
                        outside));
            return one;
        }
        one.out.entry.path = source.state;
        one.out.resolvedPath = outside;
        const FileContents f = readRegularFile(outside, evidenceReadLimit());
        if (!f.ok()) {
            failed(one, caseFile, QStringLiteral("%1: cannot read: %2").arg(source.state, f.error));
            return one;
        }
        text = f.bytes;
    }
    const QString credential = CredentialMaterial::describe(text, true);
    if (!credential.isEmpty()) {
        failed(one, caseFile,
            QStringLiteral("%1: not read: this looks like %2, and credentials are never imported as evidence")
                .arg(one.out.entry.path, credential));
        return one;
    }
    if (detectEvidenceKind(one.out.entry.path, false, text.left(16384)) != EvidenceKind::TerraformState) {
        failed(one, caseFile,
            QStringLiteral("%1: not a Terraform state (JSON with \"version\": 4)").arg(one.out.entry.path));
        return one;
    }
    importState(text, one.out.entry.path, EvidenceRole::State, one.set, one.out);
    return one;
}

} // namespace strata::TerraformImport
