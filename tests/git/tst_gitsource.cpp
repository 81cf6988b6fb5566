// sources.terraform: Terraform code and state read from real git
// repositories (built here with libgit2, and with the `git` program where it
// is installed) give the same analysis as the same files read from a folder.

#include "StrataTestMain.h"
#include "TestFiles.h"
#include "TestRepository.h"

#include "case/CaseFileReader.h"
#include "git/FolderTree.h"
#include "git/GitRepository.h"
#include "investigation/Analyzer.h"

#include <QDir>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimeZone>

using namespace strata;

namespace {

const QString referenceCase = QStringLiteral(STRATA_SHARED_DIR "/reference-case");

QDateTime at(const char *iso)
{
    return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate);
}

// Copies a folder's files (not sub-folders) into `to`.
void copyFiles(const QString &from, const QString &to)
{
    QDir().mkpath(to);
    for (const QString &name : QDir(from).entryList(QDir::Files))
        writeFile(to + QLatin1Char('/') + name, readFile(from + QLatin1Char('/') + name));
}

CaseFile readCase(const QString &path, const QByteArray &text)
{
    writeFile(path, text);
    const auto read = CaseFileReader::readFile(path);
    if (!read.caseFile)
        qFatal("case did not parse: %s", qPrintable(read.diagnostics.value(0).toString()));
    for (const Diagnostic &d : read.diagnostics)
        qWarning("%s", qPrintable(d.toString()));
    return *read.caseFile;
}

QByteArray kubectlEvidence()
{
    const QString a = referenceCase + QStringLiteral("/artifacts/");
    return "evidence:\n"
           "  - path: "
        + (a + QStringLiteral("feature-flags.live.yaml")).toUtf8()
        + "\n    role: live\n"
          "  - path: "
        + (a + QStringLiteral("feature-flags.replica.yaml")).toUtf8() + "\n    role: replica\n";
}

QByteArray gitCase(const QString &repo, const QString &ref, bool withState = true)
{
    return "strata: 1\ntitle: git\nresources: [configmap/platform/feature-flags]\n" + kubectlEvidence()
        + "sources:\n  terraform:\n    repo: " + repo.toUtf8() + "\n"
        + (ref.isEmpty() ? QByteArray() : "    ref: " + ref.toUtf8() + "\n") + "    dir: stack\n"
        + (withState ? "    state: stack/terraform.tfstate\n" : "");
}

QByteArray folderCase(const QString &folder)
{
    return "strata: 1\ntitle: folder\nresources: [configmap/platform/feature-flags]\n" + kubectlEvidence()
        + "  - path: " + folder.toUtf8() + "\n    role: code\n  - path: " + folder.toUtf8()
        + "/terraform.tfstate\n    role: state\n";
}

// Everything the diff and the rules said, without where the files were:
// rows with their statuses and every column's text, and the findings.
QStringList outcome(const AnalysisResult &r)
{
    QStringList out;
    for (const ResourceDiff &d : r.resources) {
        for (const FieldDiff &f : d.fields) {
            QStringList cells;
            for (Column c : allColumns)
                cells.append(f.cell(c).present ? f.cell(c).value.text : QStringLiteral("-"));
            out.append(QStringLiteral("%1 %2 %3 [%4]")
                           .arg(d.id.toString(), f.path, f.statusNames().join(QLatin1Char('+')),
                               cells.join(QStringLiteral(" | "))));
        }
    }
    for (const Finding &f : r.findings)
        out.append(QStringLiteral("finding %1 %2 %3").arg(f.id, f.resource, f.title));
    return out;
}

// The reference case's Terraform folder as `stack/` of `repo`'s work tree; its path.
QString writeReferenceStack(TestRepository &repo)
{
    const QString stack = referenceCase + QStringLiteral("/terraform/platform");
    for (const QString &name : QDir(stack).entryList(QDir::Files))
        repo.write(QStringLiteral("stack/") + name, readFile(stack + QLatin1Char('/') + name));
    return stack;
}

// Whether some Code cell shows exactly `text` (not a substring: commit ids
// and fingerprints in the texts differ from run to run).
bool codeHolds(const AnalysisResult &r, const QString &text)
{
    for (const ResourceDiff &d : r.resources) {
        for (const FieldDiff &f : d.fields) {
            if (f.cell(Column::Code).present && f.cell(Column::Code).value.text == text)
                return true;
        }
    }
    return false;
}

bool hasDiagnostic(const AnalysisResult &r, Diagnostic::Severity severity, const QString &text)
{
    for (const Diagnostic &d : r.diagnostics) {
        if (d.severity == severity && d.message.contains(text))
            return true;
    }
    return false;
}

QString runGit(const QString &folder, const QStringList &args)
{
    QProcess git;
    git.setWorkingDirectory(folder);
    git.start(QStringLiteral("git"), args);
    if (!git.waitForFinished(30000) || git.exitCode() != 0)
        qFatal("git %s failed: %s", qPrintable(args.join(QLatin1Char(' '))), git.readAllStandardError().constData());
    return QString::fromUtf8(git.readAllStandardOutput()).trimmed();
}

} // namespace

class TestGitSource : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void refsResolveLikeGit()
    {
        QTemporaryDir tmp;
        TestRepository repo(tmp.filePath(QStringLiteral("infra")));
        repo.write(QStringLiteral("stack/main.tf"), "locals { a = 1 }\n");
        const QString first = repo.commit(QStringLiteral("First\n\nbody"), QStringLiteral("Ana Lima"),
            QDateTime(QDate(2026, 11, 3), QTime(14, 5, 9), QTimeZone(5 * 3600 + 1800)));
        repo.write(QStringLiteral("stack/main.tf"), "locals { a = 2 }\n");
        const QString second = repo.commit(QStringLiteral("Second"), QStringLiteral("Bo Chen"),
            QDateTime(QDate(2026, 11, 4), QTime(9, 0, 0), QTimeZone(-7 * 3600)));
        repo.branch(QStringLiteral("feature"), first);
        repo.lightweightTag(QStringLiteral("v1"), first);
        repo.annotatedTag(QStringLiteral("v2"), second, QStringLiteral("Release 2"));

        QString error;
        const auto git = GitRepository::open(repo.folder() + QStringLiteral("/stack"), &error); // opened from inside
        QVERIFY2(git, qPrintable(error));
        const QList<QPair<QString, QString>> cases {
            { QString(), second },
            { QStringLiteral("main"), second },
            { QStringLiteral("HEAD~1"), first },
            { QStringLiteral("feature"), first },
            { QStringLiteral("v1"), first },
            { QStringLiteral("v2"), second },
            { first.left(10), first },
        };
        for (const auto &[ref, expected] : cases) {
            const auto c = git->resolve(ref, &error);
            QVERIFY2(c, qPrintable(ref + QStringLiteral(": ") + error));
            QCOMPARE(c->id, expected);
        }
        const auto c = git->resolve(QStringLiteral("HEAD~1"), &error);
        QCOMPARE(c->author, QStringLiteral("Ana Lima"));
        QCOMPARE(c->subject, QStringLiteral("First"));
        QCOMPARE(c->timeText(), QStringLiteral("2026-11-03 14:05:09 +0530"));
        QCOMPARE(c->shortId, first.left(7));
        QCOMPARE(git->resolve(QStringLiteral("v2"), &error)->time.offsetFromUtc(), -7 * 3600);
        QVERIFY(!git->resolve(QStringLiteral("no-such-branch"), &error));
        QVERIFY2(error.contains(QStringLiteral("no-such-branch")), qPrintable(error));

        // The `git` program, where installed, is the oracle for what a ref means.
        if (QStandardPaths::findExecutable(QStringLiteral("git")).isEmpty())
            QSKIP("git is not installed: resolved refs not compared with `git rev-parse`");
        for (const auto &[ref, expected] : cases) {
            const QString spec = ref.isEmpty() ? QStringLiteral("HEAD") : ref;
            QCOMPARE(runGit(repo.folder(), { QStringLiteral("rev-parse"), spec + QStringLiteral("^{commit}") }),
                git->resolve(ref, &error)->id);
        }
        QCOMPARE(runGit(repo.folder(),
                     { QStringLiteral("log"), QStringLiteral("-1"), QStringLiteral("--date=iso"),
                         QStringLiteral("--format=%ad"), first }),
            c->timeText());
    }

    void aRepositoryWrittenByGitReadsTheSame()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("git")).isEmpty())
            QSKIP("git is not installed");
        QTemporaryDir tmp;
        const QString folder = tmp.filePath(QStringLiteral("infra"));
        QDir().mkpath(folder + QStringLiteral("/stack"));
        copyFiles(referenceCase + QStringLiteral("/terraform/platform"), folder + QStringLiteral("/stack"));
        runGit(folder, { QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("-b"), QStringLiteral("main") });
        runGit(folder, { QStringLiteral("add"), QStringLiteral(".") });
        runGit(folder,
            { QStringLiteral("-c"), QStringLiteral("user.name=Cli User"), QStringLiteral("-c"),
                QStringLiteral("user.email=cli@example.com"), QStringLiteral("commit"), QStringLiteral("-q"),
                QStringLiteral("-m"), QStringLiteral("From the command line") });
        const AnalysisResult fromGit = Analyzer::analyze(
            readCase(tmp.filePath(QStringLiteral("git.yaml")), gitCase(folder, QStringLiteral("main"))));
        const AnalysisResult fromFolder = Analyzer::analyze(
            readCase(tmp.filePath(QStringLiteral("folder.yaml")), folderCase(folder + QStringLiteral("/stack"))));
        QVERIFY(fromGit.completeness.isComplete());
        QCOMPARE(outcome(fromGit), outcome(fromFolder));
        QVERIFY(fromGit.terraformOrigin && fromGit.terraformOrigin->git);
        QCOMPARE(fromGit.terraformOrigin->commit.id,
            runGit(folder, { QStringLiteral("rev-parse"), QStringLiteral("HEAD") }));
        QCOMPARE(fromGit.terraformOrigin->commit.author, QStringLiteral("Cli User"));
    }

    // The reference case's stack as a repository with three commits: at each,
    // the analysis from the repository equals the analysis of those files.
    void analysisAtEachCommitMatchesItsFiles()
    {
        QTemporaryDir tmp;
        TestRepository repo(tmp.filePath(QStringLiteral("infra")));
        const QString stack = referenceCase + QStringLiteral("/terraform/platform");
        const QByteArray code = readFile(stack + QStringLiteral("/feature-flags.tf"));
        const QByteArray state = readFile(stack + QStringLiteral("/terraform.tfstate"));
        for (const QString &name : QDir(stack).entryList(QDir::Files))
            repo.write(QStringLiteral("stack/") + name, readFile(stack + QLatin1Char('/') + name));
        repo.write(QStringLiteral("README.md"), "infra\n");
        QStringList commits;
        commits << repo.commit(
            QStringLiteral("Platform stack"), QStringLiteral("Ana Lima"), at("2026-10-01T09:00:00+02:00"));
        QByteArray raised = code;
        raised.replace("\"25\"", "\"50\""); // code catches up with live
        repo.write(QStringLiteral("stack/feature-flags.tf"), raised);
        commits << repo.commit(
            QStringLiteral("Raise the cart limit"), QStringLiteral("Bo Chen"), at("2026-10-02T10:00:00-05:00"));
        QByteArray applied = state;
        applied.replace("\"serial\": 112", "\"serial\": 113").replace("\"25\"", "\"50\"");
        repo.write(QStringLiteral("stack/terraform.tfstate"), applied);
        commits << repo.commit(QStringLiteral("Apply"), QStringLiteral("Ana Lima"), at("2026-10-03T11:00:00Z"));

        const QList<QByteArray> codeAt { code, raised, raised };
        const QList<QByteArray> stateAt { state, state, applied };
        QStringList previous;
        for (int i = 0; i < commits.size(); ++i) {
            const QString checkout = tmp.filePath(QStringLiteral("checkout-%1").arg(i));
            copyFiles(stack, checkout);
            writeFile(checkout + QStringLiteral("/feature-flags.tf"), codeAt[i]);
            writeFile(checkout + QStringLiteral("/terraform.tfstate"), stateAt[i]);
            const AnalysisResult fromGit = Analyzer::analyze(
                readCase(tmp.filePath(QStringLiteral("git-%1.yaml").arg(i)), gitCase(repo.folder(), commits[i])));
            const AnalysisResult fromFolder = Analyzer::analyze(
                readCase(tmp.filePath(QStringLiteral("folder-%1.yaml").arg(i)), folderCase(checkout)));
            QVERIFY2(fromGit.completeness.isComplete(), qPrintable(fromGit.completeness.summary()));
            const QStringList got = outcome(fromGit);
            QCOMPARE(got, outcome(fromFolder));
            QVERIFY2(got != previous, "each commit changes what is compared"); // the commits matter
            previous = got;
            // Where the code came from: the commit, in the column and in every location.
            QCOMPARE(fromGit.terraformOrigin->commit.id, commits[i]);
            const QString shortId = commits[i].left(7);
            QCOMPARE(fromGit.columnOrigins[size_t(columnIndex(Column::Code))], shortId + QStringLiteral(":stack"));
            // Older commits than the work tree's: the header says so.
            const QString remark = fromGit.columnRemarks[size_t(columnIndex(Column::Code))];
            QVERIFY2(remark.startsWith(commits[i] + QStringLiteral(" @ ") + shortId), qPrintable(remark));
            QCOMPARE(remark.contains(QStringLiteral("work tree differs")), i + 1 < commits.size());
            const ResourceDiff &flags = fromGit.resources.first();
            for (const FieldDiff &f : flags.fields) {
                if (f.cell(Column::Code).present && f.cell(Column::Code).value.location.isValid())
                    QVERIFY2(f.cell(Column::Code).value.location.file().startsWith(shortId + QStringLiteral(":stack/")),
                        qPrintable(f.cell(Column::Code).value.location.file()));
            }
        }
    }

    void theCommitIsReadNotTheWorkTree()
    {
        QTemporaryDir tmp;
        TestRepository repo(tmp.filePath(QStringLiteral("infra")));
        const QString stack = writeReferenceStack(repo);
        repo.write(QStringLiteral("other/x.txt"), "x\n");
        repo.commit(QStringLiteral("Stack"), QStringLiteral("Ana Lima"), at("2026-10-01T09:00:00Z"));
        QByteArray edited = readFile(stack + QStringLiteral("/feature-flags.tf"));
        edited.replace("\"25\"", "\"99\"");
        repo.write(QStringLiteral("stack/feature-flags.tf"), edited);
        repo.write(QStringLiteral("stack/extra.tf"), "# new, not committed\n");
        repo.write(QStringLiteral("other/x.txt"), "changed outside the stack\n");

        const QString casePath = tmp.filePath(QStringLiteral("case.yaml"));
        const AnalysisResult committed
            = Analyzer::analyze(readCase(casePath, gitCase(repo.folder(), QStringLiteral("main"))));
        QStringList changes = committed.terraformOrigin->workTreeChanges;
        changes.sort();
        QCOMPARE(changes, (QStringList { QStringLiteral("stack/extra.tf"), QStringLiteral("stack/feature-flags.tf") }));
        QVERIFY(
            hasDiagnostic(committed, Diagnostic::Severity::Warning, QStringLiteral("the work tree differs from main")));
        QVERIFY(committed.columnRemarks[0].contains(QStringLiteral("⚠ work tree differs: 2 files")));
        const QString committedText = outcome(committed).join(QLatin1Char('\n'));
        QVERIFY2(
            committedText.contains(QStringLiteral("data.max_cart_items drift+stale [25 |")), qPrintable(committedText));
        QVERIFY(!codeHolds(committed, QStringLiteral("99")));

        QByteArray onDisk = gitCase(repo.folder(), QStringLiteral("main"));
        onDisk.replace("    dir: stack\n", "    dir: stack\n    worktree: true\n");
        const AnalysisResult workTree = Analyzer::analyze(readCase(casePath, onDisk));
        QVERIFY(codeHolds(workTree, QStringLiteral("99")));
        QVERIFY(workTree.terraformOrigin->workTree);
        QVERIFY(workTree.columnRemarks[0].startsWith(QStringLiteral("work tree (2 files changed")));
    }

    void linksAndSubmodulesAreNotRead()
    {
        QTemporaryDir tmp;
        TestRepository repo(tmp.filePath(QStringLiteral("infra")));
        const QString stack = writeReferenceStack(repo);
        writeFile(tmp.filePath(QStringLiteral("outside.tf")), "locals { planted = \"escaped-through-a-link\" }\n");
        repo.symlink(QStringLiteral("stack/escape.tf"), tmp.filePath(QStringLiteral("outside.tf")));
        const QString first
            = repo.commit(QStringLiteral("Stack"), QStringLiteral("Ana Lima"), at("2026-10-01T09:00:00Z"));
        repo.addGitlink(QStringLiteral("stack/vendor"), first);
        repo.commit(QStringLiteral("Vendor"), QStringLiteral("Ana Lima"), at("2026-10-01T10:00:00Z"));

        QString error;
        const auto git = GitRepository::open(repo.folder(), &error);
        const auto head = git->resolve(QString(), &error);
        const auto tree = git->tree(*head, &error);
        QVERIFY(tree);
        QCOMPARE(tree->type(QStringLiteral("stack/escape.tf")), FileTree::EntryType::Other);
        QVERIFY(tree->whyNotRead(QStringLiteral("stack/escape.tf")).contains(QStringLiteral("symbolic link")));
        QCOMPARE(tree->type(QStringLiteral("stack/vendor")), FileTree::EntryType::Other);
        QVERIFY(tree->whyNotRead(QStringLiteral("stack/vendor")).contains(QStringLiteral("submodule")));
        QCOMPARE(tree->type(QStringLiteral("stack")), FileTree::EntryType::Folder);
        QCOMPARE(tree->type(QStringLiteral("stack/nothing.tf")), FileTree::EntryType::Missing);
        QVERIFY(!tree->read(QStringLiteral("stack/escape.tf"), 1 << 20).ok());
        QCOMPARE(tree->read(QStringLiteral("stack/feature-flags.tf"), 1 << 20).bytes,
            readFile(stack + QStringLiteral("/feature-flags.tf")));
        QVERIFY(!tree->read(QStringLiteral("stack/feature-flags.tf"), 10).ok()); // the size limit holds in git too

        // On disk, a link out of the folder is refused the same way.
        const FolderTree disk(repo.folder() + QStringLiteral("/stack"), QStringLiteral("stack"));
        QCOMPARE(disk.type(QStringLiteral("escape.tf")), FileTree::EntryType::Other);
        QVERIFY(!disk.read(QStringLiteral("escape.tf"), 1 << 20).ok());

        const AnalysisResult r = Analyzer::analyze(
            readCase(tmp.filePath(QStringLiteral("case.yaml")), gitCase(repo.folder(), QStringLiteral("main"))));
        QVERIFY(hasDiagnostic(r, Diagnostic::Severity::Error, QStringLiteral("symbolic link")));
        QVERIFY(!r.completeness.isComplete()); // a file of the stack was not read
        QVERIFY(!outcome(r).join(QLatin1Char('\n')).contains(QStringLiteral("escaped-through-a-link")));
        QVERIFY(outcome(r).join(QLatin1Char('\n')).contains(QStringLiteral("live-drift"))); // the rest still analysed
    }

    // A blob the object database cannot read (a corrupt loose object): that
    // file is an error naming it, the rest of the stack is still analysed.
    void aCorruptObjectIsSaidAndTheRestRead()
    {
        QTemporaryDir tmp;
        TestRepository repo(tmp.filePath(QStringLiteral("infra")));
        writeReferenceStack(repo);
        repo.write(QStringLiteral("stack/extra.tf"), "locals {\n  planted = \"only-in-the-corrupt-file\"\n}\n");
        repo.commit(QStringLiteral("Stack"), QStringLiteral("Ana Lima"), at("2026-10-01T09:00:00Z"));
        QString error;
        const auto git = GitRepository::open(repo.folder(), &error);
        const auto head = git->resolve(QString(), &error);
        const QString blob = git->objectIdAt(head->id, QStringLiteral("stack/extra.tf"));
        QVERIFY(!blob.isEmpty());
        const QString object
            = repo.folder() + QStringLiteral("/.git/objects/") + blob.left(2) + QLatin1Char('/') + blob.mid(2);
        QVERIFY2(QFile::exists(object), qPrintable(object));
        QFile::setPermissions(object, QFile::ReadOwner | QFile::WriteOwner);
        writeFile(object, "this is not a zlib stream");

        const AnalysisResult r = Analyzer::analyze(
            readCase(tmp.filePath(QStringLiteral("case.yaml")), gitCase(repo.folder(), QStringLiteral("main"))));
        bool named = false;
        for (const Diagnostic &d : r.diagnostics)
            named = named
                || (d.severity == Diagnostic::Severity::Error
                    && d.toString().contains(QLatin1String("stack/extra.tf")));
        QVERIFY(named);
        QVERIFY(!r.completeness.isComplete());
        QVERIFY(outcome(r).join(QLatin1Char('\n')).contains(QStringLiteral("live-drift"))); // the rest still analysed
    }

    void badSourcesSayWhatAndWhere_data()
    {
        QTest::addColumn<QString>("ref");
        QTest::addColumn<QString>("dir");
        QTest::addColumn<QString>("state");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown ref") << "nope"
                                     << "stack"
                                     << ""
                                     << "unknown ref 'nope'";
        QTest::newRow("missing dir") << "main"
                                     << "elsewhere"
                                     << ""
                                     << "no folder 'elsewhere'";
        QTest::newRow("dir is a file") << "main"
                                       << "README.md"
                                       << ""
                                       << "'README.md' is not a folder";
        QTest::newRow("state not JSON") << "main"
                                        << "stack"
                                        << "README.md"
                                        << "not a Terraform state";
        QTest::newRow("state missing") << "main"
                                       << "stack"
                                       << "nowhere.tfstate"
                                       << "is neither in";
    }

    void badSourcesSayWhatAndWhere()
    {
        QFETCH(QString, ref);
        QFETCH(QString, dir);
        QFETCH(QString, state);
        QFETCH(QString, message);
        QTemporaryDir tmp;
        TestRepository repo(tmp.filePath(QStringLiteral("infra")));
        const QString stack = writeReferenceStack(repo);
        repo.write(QStringLiteral("README.md"), "# infra\n");
        repo.commit(QStringLiteral("Stack"), QStringLiteral("Ana Lima"), at("2026-10-01T09:00:00Z"));
        QByteArray text = "strata: 1\n" + kubectlEvidence()
            + "sources:\n  terraform:\n    repo: infra\n    ref: " + ref.toUtf8() + "\n    dir: " + dir.toUtf8() + "\n";
        if (!state.isEmpty())
            text += "    state: " + state.toUtf8() + "\n";
        const AnalysisResult r = Analyzer::analyze(readCase(tmp.filePath(QStringLiteral("case.yaml")), text));
        QVERIFY2(
            hasDiagnostic(r, Diagnostic::Severity::Error, message), qPrintable(outcome(r).join(QLatin1Char('\n'))));
        QVERIFY(!r.completeness.isComplete());
        // The rest of the case is still analysed: live and replica are compared.
        bool liveCompared = false;
        for (const ResourceDiff &d : r.resources)
            liveCompared = liveCompared || (d.identity(Column::Live).present && d.identity(Column::Replica).present);
        QVERIFY(liveCompared);
    }

    void aPlainFolderWorksWithoutHistory()
    {
        QTemporaryDir tmp;
        copyFiles(referenceCase + QStringLiteral("/terraform/platform"), tmp.filePath(QStringLiteral("infra/stack")));
        const AnalysisResult r = Analyzer::analyze(readCase(
            tmp.filePath(QStringLiteral("case.yaml")), gitCase(tmp.filePath(QStringLiteral("infra")), QString())));
        QVERIFY(hasDiagnostic(r, Diagnostic::Severity::Warning, QStringLiteral("not a git repository")));
        QVERIFY(r.terraformOrigin && !r.terraformOrigin->git);
        QVERIFY(r.completeness.isComplete());
        const AnalysisResult files = Analyzer::analyze(readCase(
            tmp.filePath(QStringLiteral("files.yaml")), folderCase(tmp.filePath(QStringLiteral("infra/stack")))));
        QCOMPARE(outcome(r), outcome(files));
    }

    void aStateOutsideTheRepositoryIsReadFromTheCase()
    {
        QTemporaryDir tmp;
        TestRepository repo(tmp.filePath(QStringLiteral("infra")));
        const QString stack = referenceCase + QStringLiteral("/terraform/platform");
        for (const QString &name :
            { QStringLiteral("feature-flags.tf"), QStringLiteral("checkout.tf"), QStringLiteral("providers.tf") })
            repo.write(QStringLiteral("stack/") + name, readFile(stack + QLatin1Char('/') + name));
        repo.commit(QStringLiteral("Code only"), QStringLiteral("Ana Lima"), at("2026-10-01T09:00:00Z"));
        writeFile(
            tmp.filePath(QStringLiteral("pulled.tfstate")), readFile(stack + QStringLiteral("/terraform.tfstate")));
        QByteArray text = gitCase(QStringLiteral("infra"), QStringLiteral("main"), false);
        text += "    state: pulled.tfstate\n";
        const AnalysisResult r = Analyzer::analyze(readCase(tmp.filePath(QStringLiteral("case.yaml")), text));
        QVERIFY(r.completeness.isComplete());
        QCOMPARE(r.columnOrigins[size_t(columnIndex(Column::State))], QStringLiteral("pulled.tfstate"));
        QVERIFY(r.columnRemarks[size_t(columnIndex(Column::State))].isEmpty()); // not from the commit
        QCOMPARE(r.resources.first().identity(Column::State).stateSerial, 112);
    }
};

STRATA_TEST_MAIN(TestGitSource)
#include "tst_gitsource.moc"
