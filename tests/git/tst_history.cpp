// The history of what Terraform code says, commit by commit, through
// merges, branches and renames; compared with `git log -- DIR` where git is
// installed; the findings that name commits; `strata history` itself.

#include "StrataTestMain.h"
#include "TestFiles.h"
#include "TestRepository.h"

#include "case/CaseFileReader.h"
#include "history/FieldHistory.h"
#include "history/StackHistory.h"
#include "investigation/Analyzer.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>

using namespace strata;

namespace {

QDateTime at(const char *iso)
{
    return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate);
}

QByteArray flags(const char *limit, const char *mode)
{
    return QByteArray("resource \"kubernetes_config_map\" \"flags\" {\n"
                      "  metadata {\n    name      = \"flags\"\n    namespace = \"shop\"\n  }\n"
                      "  data = {\n    limit = \"")
        + limit + "\"\n    mode  = \"" + mode + "\"\n  }\n}\n";
}

const ResourceId flagsId { QStringLiteral("configmap"), QStringLiteral("shop"), QStringLiteral("flags") };

CaseFile caseAt(const QString &folder, const QString &repo, const QByteArray &extra = {})
{
    const QString path = folder + QStringLiteral("/case.yaml");
    writeFile(path, "strata: 1\nsources:\n  terraform:\n    repo: " + repo.toUtf8() + "\n    dir: stack\n" + extra);
    return *CaseFileReader::readFile(path).caseFile;
}

QStringList summary(const QList<FieldChange> &changes)
{
    QStringList out;
    for (const FieldChange &c : changes) {
        const QString before = c.before ? c.before->text : QStringLiteral("-");
        const QString after = c.after ? c.after->text : QStringLiteral("-");
        out.append(QStringLiteral("%1 %2 %3>%4%5")
                       .arg(c.commit.shortId, c.field, before, after,
                           c.object == FieldChange::Object::Added         ? QStringLiteral(" added")
                               : c.object == FieldChange::Object::Removed ? QStringLiteral(" removed")
                                                                          : QString()));
    }
    return out;
}

struct Story
{
    QString c1, c2, c3, c4, c5, c6;
};

// c1 adds the stack; c2 touches only the README; c3 on a branch raises the
// limit; c4 on main renames the file; c5 merges the branch; c6 changes mode.
Story tellStory(TestRepository &repo)
{
    Story s;
    repo.write(QStringLiteral("README.md"), "infra\n");
    repo.write(QStringLiteral("stack/flags.tf"), flags("25", "strict"));
    s.c1 = repo.commit(
        QStringLiteral("Add the shop flags"), QStringLiteral("Ana Lima"), at("2026-10-01T09:00:00+02:00"));
    repo.write(QStringLiteral("README.md"), "infra, documented\n");
    s.c2 = repo.commit(QStringLiteral("Docs"), QStringLiteral("Bo Chen"), at("2026-10-02T09:00:00-05:00"));
    repo.branch(QStringLiteral("feature"), s.c2);
    repo.checkoutBranch(QStringLiteral("feature"));
    repo.write(QStringLiteral("stack/flags.tf"), flags("40", "strict"));
    s.c3 = repo.commit(QStringLiteral("Raise the limit"), QStringLiteral("Cy Dee"), at("2026-10-03T09:00:00+05:30"));
    repo.checkoutBranch(QStringLiteral("main"));
    repo.remove(QStringLiteral("stack/flags.tf"));
    repo.write(QStringLiteral("stack/shop-flags.tf"), flags("25", "strict"));
    s.c4 = repo.commit(QStringLiteral("Rename"), QStringLiteral("Ana Lima"), at("2026-10-04T09:00:00+02:00"));
    repo.write(QStringLiteral("stack/shop-flags.tf"), flags("40", "strict"));
    s.c5 = repo.commit(
        QStringLiteral("Merge feature"), QStringLiteral("Bo Chen"), at("2026-10-05T09:00:00-05:00"), s.c3);
    repo.write(QStringLiteral("stack/shop-flags.tf"), flags("40", "lenient"));
    s.c6 = repo.commit(QStringLiteral("Lenient mode"), QStringLiteral("Cy Dee"), at("2026-10-06T09:00:00+05:30"));
    return s;
}

QString runGit(const QString &folder, const QStringList &args)
{
    QProcess git;
    git.setWorkingDirectory(folder);
    git.start(QStringLiteral("git"), args);
    git.waitForFinished(30000);
    return QString::fromUtf8(git.readAllStandardOutput()).trimmed();
}

struct Run
{
    int exitCode = -1;
    QByteArray out, err;
};

Run runStrata(const QStringList &args)
{
    QProcess p;
    p.start(QStringLiteral(STRATA_BINARY), args);
    p.waitForFinished(60000);
    return { p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError() };
}

} // namespace

class TestHistory : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void aFieldCommitByCommit()
    {
        QTemporaryDir tmp;
        TestRepository repo(tmp.filePath(QStringLiteral("infra")));
        const Story s = tellStory(repo);
        const CaseFile c = caseAt(tmp.path(), QStringLiteral("infra"));

        QStringList streamed;
        const HistoryResult limit = FieldHistory::run(c, { { flagsId, QStringLiteral("data.limit"), std::nullopt } }, 0,
            nullptr, [&](const FieldChange &ch) { streamed.append(ch.commit.shortId); });
        QCOMPARE(summary(limit.changes),
            (QStringList { s.c5.left(7) + QStringLiteral(" data.limit 25>40"),
                s.c3.left(7) + QStringLiteral(" data.limit 25>40"),
                s.c1.left(7) + QStringLiteral(" data.limit ->25") }));
        QCOMPARE(streamed.size(), 3); // each change was handed over as it was found
        QCOMPARE(limit.start.id, s.c6);
        QCOMPARE(limit.commitsWalked, 6);
        // Only distinct contents of the stack's folder are read: c2 shares c1's, the rest differ.
        QCOMPARE(limit.commitsRead, 5);
        QVERIFY(limit.diagnostics.isEmpty());
        const FieldChange &raised = limit.changes.at(1);
        QCOMPARE(raised.commit.author, QStringLiteral("Cy Dee"));
        QCOMPARE(raised.commit.timeText(), QStringLiteral("2026-10-03 09:00:00 +0530"));
        QCOMPARE(raised.commit.subject, QStringLiteral("Raise the limit"));
        QVERIFY(raised.after->location.file().startsWith(s.c3.left(7) + QStringLiteral(":stack/")));

        const HistoryResult mode = FieldHistory::run(c, { { flagsId, QStringLiteral("data.mode"), std::nullopt } });
        QCOMPARE(summary(mode.changes),
            (QStringList { s.c6.left(7) + QStringLiteral(" data.mode strict>lenient"),
                s.c1.left(7) + QStringLiteral(" data.mode ->strict") }));

        const HistoryResult newest
            = FieldHistory::run(c, { { flagsId, QStringLiteral("data.limit"), std::nullopt } }, 1);
        QCOMPARE(newest.changes.size(), 1);
        QCOMPARE(newest.commitsWalked, 2); // c6, then c5 answered: the walk stopped there
        const HistoryResult setTo25
            = FieldHistory::run(c, { { flagsId, QStringLiteral("data.limit"), QStringLiteral("25") } }, 1);
        QCOMPARE(summary(setTo25.changes), QStringList { s.c1.left(7) + QStringLiteral(" data.limit ->25") });

        // At another ref the walk starts there.
        const CaseFile onFeature = caseAt(tmp.path(), QStringLiteral("infra"), "    ref: feature\n");
        const HistoryResult feature
            = FieldHistory::run(onFeature, { { flagsId, QStringLiteral("data.limit"), std::nullopt } });
        QCOMPARE(feature.start.id, s.c3);
        QCOMPARE(feature.changes.size(), 2);

        if (QStandardPaths::findExecutable(QStringLiteral("git")).isEmpty())
            QSKIP("git is not installed: the touched commits are not compared with `git log -- stack`");
        const QStringList touched = runGit(repo.folder(),
            { QStringLiteral("log"), QStringLiteral("--format=%H"), QStringLiteral("--"), QStringLiteral("stack") })
                                        .split(QLatin1Char('\n'));
        QCOMPARE(touched, (QStringList { s.c6, s.c5, s.c4, s.c3, s.c1 }));
        for (const FieldChange &ch : limit.changes + mode.changes)
            QVERIFY2(touched.contains(ch.commit.id), qPrintable(ch.commit.id));
    }

    void aWholeResourceAppearsChangesAndGoes()
    {
        QTemporaryDir tmp;
        TestRepository repo(tmp.filePath(QStringLiteral("infra")));
        const Story s = tellStory(repo);
        repo.write(QStringLiteral("stack/shop-flags.tf"), "# retired\n");
        const QString gone
            = repo.commit(QStringLiteral("Retire the flags"), QStringLiteral("Ana Lima"), at("2026-10-07T09:00:00Z"));
        const HistoryResult r
            = FieldHistory::run(caseAt(tmp.path(), QStringLiteral("infra")), { { flagsId, QString(), std::nullopt } });
        const QStringList got = summary(r.changes);
        QCOMPARE(got.first(), gone.left(7) + QStringLiteral("  ->- removed"));
        QVERIFY(got.contains(gone.left(7) + QStringLiteral(" data.limit 40>-")));
        QVERIFY(got.contains(s.c6.left(7) + QStringLiteral(" data.mode strict>lenient")));
        QVERIFY(got.contains(s.c1.left(7) + QStringLiteral("  ->- added")));
        QVERIFY(got.contains(s.c1.left(7) + QStringLiteral(" metadata.name ->flags")));
        QVERIFY(!got.join(QLatin1Char('\n')).contains(s.c2.left(7))); // the docs commit changed nothing
    }

    void findingsNameTheCommits()
    {
        QTemporaryDir tmp;
        TestRepository repo(tmp.filePath(QStringLiteral("infra")));
        const QString stack = QStringLiteral(STRATA_SHARED_DIR "/reference-case/terraform/platform");
        for (const QString &name : QDir(stack).entryList(QDir::Files))
            repo.write(QStringLiteral("stack/") + name, readFile(stack + QLatin1Char('/') + name));
        const QString c1 = repo.commit(
            QStringLiteral("Platform stack"), QStringLiteral("Ana Lima"), at("2026-10-01T09:00:00+02:00"));
        QByteArray code = readFile(stack + QStringLiteral("/feature-flags.tf"));
        code.replace("\"25\"", "\"50\"");
        repo.write(QStringLiteral("stack/feature-flags.tf"), code);
        const QString c2
            = repo.commit(QStringLiteral("Allow 50 items"), QStringLiteral("Bo Chen"), at("2026-10-02T10:00:00-05:00"));

        const QString live = QStringLiteral(STRATA_SHARED_DIR "/reference-case/artifacts/feature-flags.live.yaml");
        const CaseFile c = caseAt(tmp.path(), QStringLiteral("infra"),
            "    state: stack/terraform.tfstate\nevidence:\n  - path: " + live.toUtf8() + "\n    role: live\n");
        const AnalysisResult r = Analyzer::analyze(c);
        QVERIFY(r.completeness.isComplete());
        QHash<QString, QString> detail;
        for (const Finding &f : r.findings)
            detail.insert(f.id, f.detail);
        // The unapplied "50" came from c2; live no longer has state's "25", which c1 set.
        QVERIFY2(detail.value(QStringLiteral("pending-change"))
                     .contains(QStringLiteral("introduced in %1 by Bo Chen").arg(c2.left(7))),
            qPrintable(detail.value(QStringLiteral("pending-change"))));
        QVERIFY2(detail.value(QStringLiteral("live-drift")).contains(QStringLiteral("data.max_cart_items (\"25\")")),
            qPrintable(detail.value(QStringLiteral("live-drift"))));
        QVERIFY(
            detail.value(QStringLiteral("live-drift")).contains(QStringLiteral("in %1 by Ana Lima").arg(c1.left(7))));
        QVERIFY(detail.value(QStringLiteral("revert-risk"))
                    .contains(QStringLiteral("set in %1 by Ana Lima").arg(c1.left(7))));
        bool cited = false;
        for (const Finding &f : r.findings) {
            for (const EvidenceRef &e : f.evidence)
                cited = cited || (f.id == QLatin1String("pending-change") && e.quote.contains(c2));
        }
        QVERIFY(cited);

        // The same files from a folder: no repository, no commit named, the rest equal.
        QByteArray folderCase = "strata: 1\nevidence:\n  - path: " + live.toUtf8() + "\n    role: live\n  - path: "
            + repo.folder().toUtf8() + "/stack\n  - path: " + repo.folder().toUtf8() + "/stack/terraform.tfstate\n";
        writeFile(tmp.filePath(QStringLiteral("folder.yaml")), folderCase);
        const AnalysisResult files
            = Analyzer::analyze(*CaseFileReader::readFile(tmp.filePath(QStringLiteral("folder.yaml"))).caseFile);
        QCOMPARE(files.findings.size(), r.findings.size());
        for (const Finding &f : files.findings)
            QVERIFY(!f.detail.contains(c1.left(7)) && !f.detail.contains(c2.left(7)));
    }

    void aShallowCloneStopsAndSaysSo()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("git")).isEmpty())
            QSKIP("git is not installed: no shallow clone to read");
        QTemporaryDir tmp;
        TestRepository repo(tmp.filePath(QStringLiteral("infra")));
        const Story s = tellStory(repo);
        QProcess git;
        git.setWorkingDirectory(tmp.path());
        git.start(QStringLiteral("git"),
            { QStringLiteral("clone"), QStringLiteral("-q"), QStringLiteral("--depth"), QStringLiteral("2"),
                QStringLiteral("file://") + repo.folder(), QStringLiteral("shallow") });
        QVERIFY(git.waitForFinished(60000) && git.exitCode() == 0);
        const HistoryResult r = FieldHistory::run(
            caseAt(tmp.path(), QStringLiteral("shallow")), { { flagsId, QStringLiteral("data.mode"), std::nullopt } });
        QVERIFY(r.shallow);
        QVERIFY(r.diagnostics.isEmpty()); // the boundary is not an error
        QVERIFY(r.commitsWalked <= 2);
        // c6 changed mode; c5 is the boundary: its parents are not in the
        // clone, so nothing there is claimed as "added".
        QCOMPARE(summary(r.changes), QStringList { s.c6.left(7) + QStringLiteral(" data.mode strict>lenient") });
        const Run cli = runStrata({ QStringLiteral("history"), tmp.filePath(QStringLiteral("case.yaml")),
            QStringLiteral("configmap/shop/flags"), QStringLiteral("data.mode") });
        QCOMPARE(cli.exitCode, 3); // incomplete: older commits are not in the clone
        QVERIFY(cli.err.contains("shallow clone"));
    }

    // A value state marks sensitive is a fingerprint in the history and in
    // the findings that cite it, though the code writes it as a literal.
    void sensitiveValuesStayFingerprints()
    {
        QTemporaryDir tmp;
        TestRepository repo(tmp.filePath(QStringLiteral("infra")));
        const auto code = [](const char *password) -> QByteArray {
            return QByteArray("resource \"kubernetes_config_map\" \"app\" {\n  metadata {\n    name      = \"app\"\n"
                              "    namespace = \"shop\"\n  }\n  data = {\n    color       = \"blue\"\n"
                              "    db_password = \"")
                + password + "\"\n  }\n}\n";
        };
        repo.write(QStringLiteral("stack/main.tf"), code("plant-literal-one"));
        repo.write(QStringLiteral("stack/terraform.tfstate"),
            "{\"version\": 4, \"terraform_version\": \"1.9.8\", \"serial\": 3, \"lineage\": \"l-1\", \""
            "outputs\": {}, \"resources\": [{\"mode\": \"managed\", \"type\": \"kubernetes_config_map\""
            ", \"name\": \"app\", \"provider\": \"provider[\\\"registry.terraform.io/hashicorp/kubernet"
            "es\\\"]\", \"instances\": [{\"schema_version\": 0, \"attributes\": {\"data\": {\"color\": "
            "\"blue\", \"db_password\": \"plant-literal-one\"}, \"id\": \"shop/app\", \"metadata\": [{\""
            "name\": \"app\", \"namespace\": \"shop\", \"resource_version\": \"5\", \"uid\": \"u\"}]}, "
            "\"sensitive_attributes\": [[{\"type\": \"get_attr\", \"value\": \"data\"}, {\"type\": \"in"
            "dex\", \"value\": {\"value\": \"db_password\", \"type\": \"string\"}}]]}]}]}");
        repo.commit(QStringLiteral("App config"), QStringLiteral("Ana Lima"), at("2026-10-01T09:00:00Z"));
        repo.write(QStringLiteral("stack/main.tf"), code("plant-literal-two"));
        const QString changed
            = repo.commit(QStringLiteral("Rotate"), QStringLiteral("Bo Chen"), at("2026-10-02T09:00:00Z"));
        const CaseFile c = caseAt(tmp.path(), QStringLiteral("infra"), "    state: stack/terraform.tfstate\n");

        const AnalysisResult r = Analyzer::analyze(c);
        bool named = false;
        for (const Finding &f : r.findings) {
            QVERIFY2(!f.detail.contains(QStringLiteral("plant-literal")), qPrintable(f.detail));
            for (const EvidenceRef &e : f.evidence)
                QVERIFY(!e.quote.contains(QStringLiteral("plant-literal")));
            named = named || (f.id == QLatin1String("pending-change") && f.detail.contains(changed.left(7)));
        }
        QVERIFY(named); // the commit is still named, with the value as a fingerprint

        const Run cli = runStrata({ QStringLiteral("history"), tmp.filePath(QStringLiteral("case.yaml")),
            QStringLiteral("configmap/shop/app"), QStringLiteral("data.db_password") });
        QCOMPARE(cli.exitCode, 0);
        QVERIFY2(!cli.out.contains("plant-literal"), cli.out.constData());
        QCOMPARE(cli.out.count('\n'), 2); // both commits set it
        QVERIFY(cli.out.contains("(secret "));
    }

    // A local module beside the stack (`../modules/flags`) is code too: the
    // diff reads it from the commit, addresses its resources as state does,
    // and a commit that changed only the module is a change in the history.
    void aModuleBesideTheStackIsPartOfTheCode()
    {
        QTemporaryDir tmp;
        TestRepository repo(tmp.filePath(QStringLiteral("infra")));
        const auto module = [](const char *mode) -> QByteArray {
            return QByteArray("variable \"limit\" {}\nvariable \"mode\" {\n  default = \"") + mode
                + "\"\n}\nresource \"kubernetes_config_map\" \"this\" {\n  metadata {\n    name      = \"flags\"\n"
                  "    namespace = \"shop\"\n  }\n  data = {\n    limit = var.limit\n    mode  = var.mode\n  }\n}\n";
        };
        repo.write(QStringLiteral("stack/main.tf"),
            "module \"flags\" {\n  source = \"../modules/flags\"\n  limit  = \"25\"\n}\n");
        repo.write(QStringLiteral("modules/flags/main.tf"), module("strict"));
        repo.write(QStringLiteral("stack/terraform.tfstate"),
            "{\"version\": 4, \"terraform_version\": \"1.9.8\", \"serial\": 7, \"lineage\": \"l-2\", \"outputs\": {}, "
            "\"resources\": [{\"module\": \"module.flags\", \"mode\": \"managed\", \"type\": "
            "\"kubernetes_config_map\", "
            "\"name\": \"this\", \"provider\": \"provider[\\\"registry.terraform.io/hashicorp/kubernetes\\\"]\", "
            "\"instances\": [{\"schema_version\": 0, \"attributes\": {\"data\": {\"limit\": \"25\", \"mode\": "
            "\"strict\"}, \"id\": \"shop/flags\", \"metadata\": [{\"name\": \"flags\", \"namespace\": \"shop\", "
            "\"resource_version\": \"9\", \"uid\": \"u\"}]}}]}]}");
        const QString c1
            = repo.commit(QStringLiteral("Flags as a module"), QStringLiteral("Ana Lima"), at("2026-10-01T09:00:00Z"));
        repo.write(QStringLiteral("modules/flags/main.tf"), module("lenient"));
        const QString c2
            = repo.commit(QStringLiteral("Lenient by default"), QStringLiteral("Bo Chen"), at("2026-10-02T09:00:00Z"));
        repo.write(QStringLiteral("README.md"), "infra\n");
        repo.commit(QStringLiteral("Docs"), QStringLiteral("Cy Dee"), at("2026-10-03T09:00:00Z"));
        const CaseFile c = caseAt(tmp.path(), QStringLiteral("infra"), "    state: stack/terraform.tfstate\n");

        const AnalysisResult r = Analyzer::analyze(c);
        const ResourceDiff *flagsDiff = nullptr;
        for (const ResourceDiff &d : r.resources) {
            if (d.id == flagsId)
                flagsDiff = &d;
        }
        QVERIFY(flagsDiff);
        QCOMPARE(flagsDiff->identity(Column::Code).terraformAddress,
            QStringLiteral("module.flags.kubernetes_config_map.this"));
        QCOMPARE(flagsDiff->identity(Column::State).terraformAddress,
            QStringLiteral("module.flags.kubernetes_config_map.this"));
        QVERIFY(flagsDiff->identity(Column::Code).location.file.endsWith(QLatin1String(":modules/flags/main.tf")));
        bool pendingMode = false;
        for (const FieldDiff &f : flagsDiff->fields) {
            if (f.path == QLatin1String("data.limit"))
                QVERIFY(!f.isDifference());
            if (f.path == QLatin1String("data.mode")) {
                QCOMPARE(f.cell(Column::Code).value.text, QStringLiteral("lenient"));
                pendingMode = f.has(FieldStatus::Pending);
            }
        }
        QVERIFY(pendingMode);
        bool named = false;
        for (const Finding &f : r.findings)
            named = named || (f.id == QLatin1String("pending-change") && f.detail.contains(c2.left(7)));
        QVERIFY(named); // the commit that changed only the module

        const HistoryResult h = FieldHistory::run(c, { { flagsId, QStringLiteral("data.mode"), std::nullopt } });
        QCOMPARE(summary(h.changes),
            (QStringList { c2.left(7) + QStringLiteral(" data.mode strict>lenient"),
                c1.left(7) + QStringLiteral(" data.mode ->strict") }));
        QVERIFY2(h.diagnostics.isEmpty(), qPrintable(h.diagnostics.value(0).toString()));
    }

    // The committed state, commit by commit: serial, lineage and each
    // object's recorded resource_version; the same commits as `git log --
    // STATE`; on the analysis's timeline with the code's commits; and
    // `strata history --state`.
    void theCommittedStateCommitByCommit()
    {
        QTemporaryDir tmp;
        TestRepository repo(tmp.filePath(QStringLiteral("infra")));
        const auto state = [](int serial, const char *lineage, const char *version) -> QByteArray {
            return "{\"version\": 4, \"terraform_version\": \"1.9.8\", \"serial\": " + QByteArray::number(serial)
                + ", \"lineage\": \"" + lineage
                + "\", \"outputs\": {}, \"resources\": [{\"mode\": \"managed\", \"type\": "
                  "\"kubernetes_config_map\", \"name\": \"flags\", \"provider\": \"provider[\\\"registry.terraform.io/"
                  "hashicorp/kubernetes\\\"]\", \"instances\": [{\"schema_version\": 0, \"attributes\": {\"data\": "
                  "{\"limit\": \"25\", \"mode\": \"strict\"}, \"id\": \"shop/flags\", \"metadata\": [{\"name\": "
                  "\"flags\", \"namespace\": \"shop\", \"resource_version\": \""
                + version + "\", \"uid\": \"u\"}]}}]}]}";
        };
        repo.write(QStringLiteral("stack/flags.tf"), flags("25", "strict"));
        repo.write(QStringLiteral("stack/terraform.tfstate"), state(1, "l-1", "100"));
        const QString c1
            = repo.commit(QStringLiteral("First apply"), QStringLiteral("Ana Lima"), at("2026-10-01T09:00:00+02:00"));
        repo.write(QStringLiteral("README.md"), "infra\n");
        repo.commit(QStringLiteral("Docs"), QStringLiteral("Bo Chen"), at("2026-10-02T09:00:00Z"));
        repo.write(QStringLiteral("stack/terraform.tfstate"), state(2, "l-1", "100")); // a refresh: same version
        const QString c3
            = repo.commit(QStringLiteral("Refresh"), QStringLiteral("Bo Chen"), at("2026-10-03T09:00:00Z"));
        repo.write(QStringLiteral("stack/flags.tf"), flags("25", "lenient"));
        repo.write(QStringLiteral("stack/terraform.tfstate"), state(1, "l-2", "117"));
        const QString c4 = repo.commit(
            QStringLiteral("Re-created state"), QStringLiteral("Cy Dee"), at("2026-10-04T09:00:00+05:30"));
        const CaseFile c = caseAt(tmp.path(), QStringLiteral("infra"), "    state: stack/terraform.tfstate\n");

        const StackHistoryResult h = StackHistory::run(c);
        QVERIFY(h.complete);
        QCOMPARE(h.commitsWalked, 4);
        QStringList seen;
        for (const StackCommit &sc : h.commits)
            seen.append(QStringLiteral("%1 %2 %3")
                            .arg(sc.commit.shortId, sc.code ? QStringLiteral("code") : QStringLiteral("-"),
                                sc.state ? QString::number(sc.state->serial) : QStringLiteral("-")));
        QCOMPARE(seen,
            (QStringList { c4.left(7) + QStringLiteral(" code 1"), c3.left(7) + QStringLiteral(" - 2"),
                c1.left(7) + QStringLiteral(" code 1") }));
        QCOMPARE(StackHistory::describeState(h.commits.at(0)),
            QStringLiteral("state serial 1 (lineage l-2) committed, replacing lineage l-1: configmap/shop/flags "
                           "resource_version 100 → 117"));
        QCOMPARE(
            StackHistory::describeState(h.commits.at(1)), QStringLiteral("state serial 2 (lineage l-1) committed"));

        if (!QStandardPaths::findExecutable(QStringLiteral("git")).isEmpty()) {
            QStringList ours;
            for (const StackCommit &sc : h.commits) {
                if (sc.state)
                    ours.append(sc.commit.id);
            }
            QCOMPARE(ours,
                runGit(tmp.filePath(QStringLiteral("infra")),
                    { QStringLiteral("log"), QStringLiteral("--format=%H"), QStringLiteral("--"),
                        QStringLiteral("stack/terraform.tfstate") })
                    .split(QLatin1Char('\n'), Qt::SkipEmptyParts));
        }

        // On the timeline, in UTC and in time order, with the code's commits; the rules never read them.
        const AnalysisResult r = Analyzer::analyze(c);
        QStringList gitEvents;
        for (const TimelineEvent &e : r.timeline) {
            if (e.source == QLatin1String("git"))
                gitEvents.append(
                    e.time.toString(Qt::ISODate) + QLatin1Char(' ') + e.text.section(QLatin1Char(':'), 1, 1));
        }
        QCOMPARE(gitEvents,
            (QStringList { QStringLiteral("2026-10-01T07:00:00Z  code changed"),
                QStringLiteral("2026-10-01T07:00:00Z  state serial 1 (lineage l-1) committed"),
                QStringLiteral("2026-10-03T09:00:00Z  state serial 2 (lineage l-1) committed"),
                QStringLiteral("2026-10-04T03:30:00Z  code changed"),
                QStringLiteral(
                    "2026-10-04T03:30:00Z  state serial 1 (lineage l-2) committed, replacing lineage l-1") }));

        const Run all = runStrata(
            { QStringLiteral("history"), tmp.filePath(QStringLiteral("case.yaml")), QStringLiteral("--state") });
        QCOMPARE(all.exitCode, 0);
        QCOMPARE(all.out.count('\n'), 3);
        QVERIFY(all.out.startsWith(c4.left(7).toUtf8()));
        const Run one = runStrata(
            { QStringLiteral("history"), tmp.filePath(QStringLiteral("case.yaml")), QStringLiteral("--state"),
                QStringLiteral("configmap/shop/flags"), QStringLiteral("--format"), QStringLiteral("json") });
        QCOMPARE(one.exitCode, 0);
        const QJsonArray states = QJsonDocument::fromJson(one.out).object().value(QStringLiteral("states")).toArray();
        QCOMPARE(states.size(), 2); // the refresh kept resource_version 100: not a change of this object
        QCOMPARE(
            states.at(0).toObject().value(QStringLiteral("state")).toObject().value(QStringLiteral("serial")).toInt(),
            1);
        QCOMPARE(states.at(0)
                     .toObject()
                     .value(QStringLiteral("state"))
                     .toObject()
                     .value(QStringLiteral("resourceVersions"))
                     .toObject()
                     .value(QStringLiteral("configmap/shop/flags"))
                     .toString(),
            QStringLiteral("117"));
        QCOMPARE(
            states.at(1).toObject().value(QStringLiteral("commit")).toObject().value(QStringLiteral("id")).toString(),
            c1);
    }

    // A resource renamed in the code is the same object: its history says it
    // moved, whether a `moved` block says so, and never "removed, added".
    void aRenamedResourceMoved()
    {
        QTemporaryDir tmp;
        TestRepository repo(tmp.filePath(QStringLiteral("infra")));
        QByteArray code = flags("25", "strict");
        repo.write(QStringLiteral("stack/flags.tf"), code);
        repo.commit(QStringLiteral("Flags"), QStringLiteral("Ana Lima"), at("2026-10-01T09:00:00Z"));
        code.replace("\"flags\" {\n  metadata", "\"shop_flags\" {\n  metadata");
        repo.write(QStringLiteral("stack/flags.tf"),
            code
                + "moved {\n  from = kubernetes_config_map.flags\n"
                  "  to   = kubernetes_config_map.shop_flags\n}\n");
        const QString renamed
            = repo.commit(QStringLiteral("Rename"), QStringLiteral("Bo Chen"), at("2026-10-02T09:00:00Z"));
        repo.write(QStringLiteral("stack/flags.tf"), code.replace("\"shop_flags\" {", "\"flags_v2\" {"));
        const QString bare
            = repo.commit(QStringLiteral("Rename again"), QStringLiteral("Cy Dee"), at("2026-10-03T09:00:00Z"));
        const HistoryResult h
            = FieldHistory::run(caseAt(tmp.path(), QStringLiteral("infra")), { { flagsId, QString(), std::nullopt } });
        QStringList seen;
        for (const FieldChange &c : h.changes) {
            if (c.field.isEmpty()) // the object itself; its fields' values did not change after c1
                seen.append(c.commit.shortId + QLatin1Char(' ') + FieldHistory::changeText(c));
            else
                QVERIFY2(!c.before, qPrintable(FieldHistory::changeText(c)));
        }
        QCOMPARE(seen.size(), 3);
        QCOMPARE(seen.at(0),
            bare.left(7)
                + QStringLiteral(" configmap/shop/flags moved in the code: kubernetes_config_map.shop_flags → "
                                 "kubernetes_config_map.flags_v2 (no moved block: Terraform would destroy and "
                                 "re-create it)"));
        QCOMPARE(seen.at(1),
            renamed.left(7)
                + QStringLiteral(" configmap/shop/flags moved in the code: kubernetes_config_map.flags → "
                                 "kubernetes_config_map.shop_flags (a moved block says so)"));
        QVERIFY(seen.at(2).endsWith(QLatin1String("configmap/shop/flags added")));
    }

    void theHistoryCommand()
    {
        QTemporaryDir tmp;
        TestRepository repo(tmp.filePath(QStringLiteral("infra")));
        const Story s = tellStory(repo);
        caseAt(tmp.path(), QStringLiteral("infra"));
        const QString casePath = tmp.filePath(QStringLiteral("case.yaml"));

        const Run text = runStrata({ QStringLiteral("history"), casePath, QStringLiteral("configmap/shop/flags"),
            QStringLiteral("data.limit") });
        QCOMPARE(text.exitCode, 0);
        const QStringList lines = QString::fromUtf8(text.out).trimmed().split(QLatin1Char('\n'));
        QCOMPARE(lines.size(), 3);
        QVERIFY(lines.first().startsWith(s.c5.left(7)
            + QStringLiteral("  2026-10-05 09:00:00 -0500  Bo Chen  data.limit: \"25\" → \"40\"  Merge feature")));
        QVERIFY(text.err.contains("6 commits walked"));

        const Run json = runStrata(
            { QStringLiteral("history"), casePath, QStringLiteral("configmap/shop/flags"), QStringLiteral("data.mode"),
                QStringLiteral("--format"), QStringLiteral("json"), QStringLiteral("--limit"), QStringLiteral("1") });
        QCOMPARE(json.exitCode, 0);
        const QJsonObject doc = QJsonDocument::fromJson(json.out).object();
        QCOMPARE(doc.value(QStringLiteral("changes")).toArray().size(), 1);
        const QJsonObject change = doc.value(QStringLiteral("changes")).toArray().first().toObject();
        QCOMPARE(change.value(QStringLiteral("commit")).toObject().value(QStringLiteral("id")).toString(), s.c6);
        QCOMPARE(change.value(QStringLiteral("commit")).toObject().value(QStringLiteral("date")).toString(),
            QStringLiteral("2026-10-06T09:00:00+05:30"));
        QCOMPARE(change.value(QStringLiteral("after")).toObject().value(QStringLiteral("text")).toString(),
            QStringLiteral("lenient"));

        writeFile(tmp.filePath(QStringLiteral("plain.yaml")), "strata: 1\n");
        QCOMPARE(runStrata({ QStringLiteral("history"), tmp.filePath(QStringLiteral("plain.yaml")),
                               QStringLiteral("configmap/shop/flags") })
                     .exitCode,
            2);
        QCOMPARE(runStrata({ QStringLiteral("history"), casePath, QStringLiteral("not-a-resource") }).exitCode, 2);
        QCOMPARE(runStrata({ QStringLiteral("history"), casePath }).exitCode, 2);
        QCOMPARE(runStrata({ QStringLiteral("history"), casePath, QStringLiteral("configmap/shop/flags"),
                               QStringLiteral("--limit"), QStringLiteral("0") })
                     .exitCode,
            2);
        caseAt(tmp.path(), QStringLiteral("infra"), "    ref: no-such-ref\n");
        const Run badRef = runStrata({ QStringLiteral("history"), casePath, QStringLiteral("configmap/shop/flags") });
        QCOMPARE(badRef.exitCode, 2);
        QVERIFY(badRef.err.contains("no-such-ref"));
    }
};

STRATA_TEST_MAIN(TestHistory)
#include "tst_history.moc"
