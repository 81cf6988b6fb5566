// History of one field over a generated repository: N commits, 1 in 100 of
// which touch the Terraform stack. Reports (medians of 3 runs, this machine)
// the time to the first result and to the complete history, the same for
// `git log --format=%H -- stack` as a ratio, and opening the stack at a
// commit (the whole analysis of a code-only case).
//
//   build/bench/bench_history [COMMITS]      (default 10000)
//
// Not Google Benchmark: the first result arrives through a callback, and the
// repository is made once (with libgit2, straight into the object database).

#include "case/CaseFileReader.h"
#include "history/FieldHistory.h"
#include "investigation/Analyzer.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <git2.h>

#include <algorithm>
#include <cstdio>
#include <vector>

namespace {

void check(int rc, const char *what)
{
    if (rc != 0) {
        const git_error *e = git_error_last();
        std::fprintf(stderr, "%s: %s\n", what, e ? e->message : "?");
        std::exit(1);
    }
}

git_oid blob(git_repository *repo, const QByteArray &bytes)
{
    git_oid id;
    check(git_blob_create_from_buffer(&id, repo, bytes.constData(), size_t(bytes.size())), "blob");
    return id;
}

git_oid treeOf(
    git_repository *repo, const std::vector<std::pair<const char *, std::pair<git_oid, git_filemode_t>>> &entries)
{
    git_treebuilder *builder = nullptr;
    check(git_treebuilder_new(&builder, repo, nullptr), "treebuilder");
    for (const auto &[name, entry] : entries)
        check(git_treebuilder_insert(nullptr, builder, name, &entry.first, entry.second), "insert");
    git_oid id;
    check(git_treebuilder_write(&id, builder), "tree");
    git_treebuilder_free(builder);
    return id;
}

QByteArray stackFile(int version)
{
    return QByteArray("resource \"kubernetes_config_map\" \"flags\" {\n  metadata {\n    name      = \"flags\"\n"
                      "    namespace = \"shop\"\n  }\n  data = {\n    limit = \"")
        + QByteArray::number(version) + "\"\n    mode  = \"strict\"\n  }\n}\n";
}

// N commits on main; commit i touches the stack when i % 100 == 0.
void generate(const QString &folder, int commits)
{
    git_repository *repo = nullptr;
    check(git_repository_init(&repo, QFile::encodeName(folder).constData(), 0), "init");
    git_oid parent {};
    bool hasParent = false;
    int stackVersion = 0;
    git_oid stackTree = treeOf(repo, { { "flags.tf", { blob(repo, stackFile(0)), GIT_FILEMODE_BLOB } } });
    for (int i = 0; i < commits; ++i) {
        if (i % 100 == 0 && i > 0)
            stackTree = treeOf(repo, { { "flags.tf", { blob(repo, stackFile(++stackVersion)), GIT_FILEMODE_BLOB } } });
        const git_oid app = treeOf(
            repo, { { "main.go", { blob(repo, "// revision " + QByteArray::number(i) + "\n"), GIT_FILEMODE_BLOB } } });
        const git_oid root
            = treeOf(repo, { { "app", { app, GIT_FILEMODE_TREE } }, { "stack", { stackTree, GIT_FILEMODE_TREE } } });
        git_tree *tree = nullptr;
        check(git_tree_lookup(&tree, repo, &root), "tree lookup");
        git_signature *sig = nullptr;
        check(git_signature_new(&sig, "Bench", "bench@example.com", 1767225600 + i * 60, 60), "sig");
        git_commit *p = nullptr;
        if (hasParent)
            check(git_commit_lookup(&p, repo, &parent), "parent");
        const git_commit *parents[] = { p };
        git_oid id;
        check(git_commit_create(&id, repo, i + 1 == commits ? "HEAD" : nullptr, sig, sig, nullptr, "change", tree,
                  hasParent ? 1 : 0, parents),
            "commit");
        git_commit_free(p);
        git_signature_free(sig);
        git_tree_free(tree);
        parent = id;
        hasParent = true;
    }
    git_repository_free(repo);
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    git_libgit2_init();
    const int commits = argc > 1 ? std::max(100, std::atoi(argv[1])) : 10000;
    QTemporaryDir tmp;
    const QString repo = tmp.filePath(QStringLiteral("infra"));
    QElapsedTimer made;
    made.start();
    generate(repo, commits);
    std::printf("generated %d commits (%d touch the stack) in %.1f s\n", commits, (commits + 99) / 100,
        double(made.elapsed()) / 1000);
    const QString casePath = tmp.filePath(QStringLiteral("case.yaml"));
    QFile c(casePath);
    c.open(QIODevice::WriteOnly);
    c.write("strata: 1\nsources:\n  terraform:\n    repo: infra\n    dir: stack\n");
    c.close();
    const strata::CaseFile caseFile = *strata::CaseFileReader::readFile(casePath).caseFile;
    const strata::ResourceId id { QStringLiteral("configmap"), QStringLiteral("shop"), QStringLiteral("flags") };

    std::vector<double> first, complete, gitLog, open;
    qsizetype changes = 0;
    for (int run = 0; run < 3; ++run) {
        QElapsedTimer t;
        t.start();
        double firstAt = -1;
        const strata::HistoryResult r = strata::FieldHistory::run(caseFile,
            { { id, QStringLiteral("data.limit"), std::nullopt } }, 0, nullptr, [&](const strata::FieldChange &) {
                if (firstAt < 0)
                    firstAt = double(t.nsecsElapsed()) / 1e6;
            });
        complete.push_back(double(t.nsecsElapsed()) / 1e6);
        first.push_back(firstAt);
        changes = r.changes.size();

        if (!QStandardPaths::findExecutable(QStringLiteral("git")).isEmpty()) {
            QProcess git;
            git.setWorkingDirectory(repo);
            t.restart();
            git.start(QStringLiteral("git"),
                { QStringLiteral("log"), QStringLiteral("--format=%H"), QStringLiteral("--"),
                    QStringLiteral("stack") });
            git.waitForFinished(-1);
            gitLog.push_back(double(t.nsecsElapsed()) / 1e6);
        }
        t.restart();
        const strata::AnalysisResult a = strata::Analyzer::analyze(caseFile);
        open.push_back(double(t.nsecsElapsed()) / 1e6);
        if (a.resources.isEmpty())
            std::fprintf(stderr, "the stack did not analyse\n");
    }
    std::printf("history of data.limit: %lld changes; first %.1f ms, complete %.1f ms (medians of 3)\n",
        static_cast<long long>(changes), median(first), median(complete));
    if (!gitLog.empty())
        std::printf("git log --format=%%H -- stack: %.1f ms; Strata / git = %.2f\n", median(gitLog),
            median(complete) / median(gitLog));
    std::printf("opening the stack at HEAD (the whole analysis): %.1f ms\n", median(open));
    return 0;
}
