// Case files: reading (positions on errors, unknown keys kept), saving
// (atomic, paths rebased, nothing lost) and the bundled reference case.
#include "StrataTestMain.h"
#include "TestFiles.h"

#include "case/CaseFileReader.h"
#include "case/CaseFileWriter.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

using namespace strata;

class TestCaseFile : public QObject
{
    Q_OBJECT

private:
    static CaseFileReadResult read(const char *yaml)
    {
        return CaseFileReader::readText(QByteArray(yaml), QStringLiteral("/cases/c.yaml"));
    }

private Q_SLOTS:
    void readsTheReferenceCase()
    {
        const auto result = CaseFileReader::readFile(QStringLiteral(":/reference-case/case.yaml"));
        QVERIFY2(result.caseFile.has_value(), qPrintable(result.diagnostics.value(0).toString()));
        QVERIFY(result.diagnostics.isEmpty());
        const CaseFile &c = *result.caseFile;
        QCOMPARE(c.title, QStringLiteral("The cluster that disagrees with itself"));
        QCOMPARE(c.resources, QStringList { QStringLiteral("configmap/platform/feature-flags") });
        QCOMPARE(c.evidence.size(), 7);
        QCOMPARE(c.evidence.at(0).path, QStringLiteral("artifacts/etcdctl-endpoint-status.txt"));
        QCOMPARE(c.evidence.at(0).role, EvidenceRole::Unspecified);
        QCOMPARE(c.evidence.at(1).role, EvidenceRole::Live);
        QCOMPARE(c.evidence.at(1).line, 7);
        QCOMPARE(c.evidence.at(2).role, EvidenceRole::Replica);
        QCOMPARE(c.evidence.at(5).role, EvidenceRole::Code);
        QCOMPARE(c.evidence.at(6).role, EvidenceRole::State);
        QCOMPARE(
            c.resolvedPath(c.evidence.at(1)), QStringLiteral(":/reference-case/artifacts/feature-flags.live.yaml"));
        QVERIFY(QFile::exists(c.resolvedPath(c.evidence.at(1))));
    }

    void syntaxErrorHasLineAndColumn()
    {
        const auto result = read("strata: 1\ntitle: x\nevidence:\n  - path: [unclosed\n");
        QVERIFY(!result.caseFile);
        QCOMPARE(result.diagnostics.size(), 1);
        const Diagnostic &d = result.diagnostics.first();
        QCOMPARE(d.severity, Diagnostic::Severity::Error);
        QCOMPARE(d.file, QStringLiteral("/cases/c.yaml"));
        QVERIFY2(d.line >= 4, qPrintable(d.toString()));
        QVERIFY(d.column > 0);
        QVERIFY(d.toString().startsWith(QStringLiteral("/cases/c.yaml:%1:%2: error: ").arg(d.line).arg(d.column)));
    }

    void badEntriesAreSkippedAndTheRestLoads()
    {
        const auto result = read("strata: 1\n"
                                 "resources:\n"
                                 "  - configmap/platform/flags\n"
                                 "  - not-a-resource\n"
                                 "evidence:\n"
                                 "  - path: a.txt\n"
                                 "    role: sideways\n"
                                 "  - role: live\n"
                                 "  - path: b.yaml\n"
                                 "    role: live\n");
        QVERIFY(result.caseFile);
        QCOMPARE(result.caseFile->resources, QStringList { QStringLiteral("configmap/platform/flags") });
        QCOMPARE(result.caseFile->evidence.size(), 1);
        QCOMPARE(result.caseFile->evidence.first().path, QStringLiteral("b.yaml"));
        QCOMPARE(result.diagnostics.size(), 3);
        QCOMPARE(result.diagnostics.at(0).line, 4); // not-a-resource
        QCOMPARE(result.diagnostics.at(1).line, 7); // sideways
        QCOMPARE(result.diagnostics.at(1).column, 11);
        QVERIFY(result.diagnostics.at(1).message.contains(QStringLiteral("sideways")));
        QCOMPARE(result.diagnostics.at(2).line, 8); // no path
        QVERIFY(hasErrors(result.diagnostics));
    }

    void unknownKeysWarnAndAreKept()
    {
        const auto result
            = read("strata: 1\ntitle: t\nowner: team-platform\nsources:\n  vault: {address: https://vault:8200}\n");
        QVERIFY(result.caseFile);
        QCOMPARE(result.diagnostics.size(), 2);
        QCOMPARE(result.diagnostics.first().severity, Diagnostic::Severity::Warning);
        QCOMPARE(result.diagnostics.first().line, 3);
        // A source this version does not read yet is kept, and said.
        QCOMPARE(result.diagnostics.at(1).line, 5);
        QVERIFY(result.diagnostics.at(1).message.contains(QStringLiteral("sources.vault")));
        QVERIFY(!hasErrors(result.diagnostics));
        QCOMPARE(result.caseFile->preservedYaml.size(), 2);
        QCOMPARE(result.caseFile->preservedYaml.at(0).first, QStringLiteral("owner"));
    }

    // `report:` — the investigator's sections of the incident report: read,
    // each mistake said where it is, a key this version does not know kept,
    // and written back so that reading the saved file gives the same sections.
    // The Report tab's autosave rewrites only report:, and never a case it
    // cannot read whole (an entry dropped for an error would be lost).
    void reportAutosaveTouchesOnlyTheReport()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("case.yaml"));
        writeFile(path, "strata: 1\ntitle: t\nevidence:\n  - path: a.log\n  - path: b.yaml\n    role: live\n");
        strata::ReportSections report;
        report.summary = QStringLiteral("typed");
        QCOMPARE(strata::CaseFileWriter::saveReport(path, report), QString());
        const auto read = strata::CaseFileReader::readFile(path);
        QVERIFY(read.caseFile);
        QCOMPARE(read.caseFile->report.summary, QStringLiteral("typed"));
        QCOMPARE(read.caseFile->evidence.size(), 2);
        QCOMPARE(read.caseFile->evidence.at(1).role, strata::EvidenceRole::Live);

        const QByteArray broken = "strata: 1\nevidence:\n  - role: live\n  - path: b.yaml\n"; // an entry without a path
        writeFile(path, broken);
        QVERIFY(!strata::CaseFileWriter::saveReport(path, report).isEmpty());
        QCOMPARE(readFile(path), broken);
    }

    void reportSectionsRoundTrip()
    {
        const auto result
            = read("strata: 1\ntitle: t\nreport:\n  status: draft\n  authors: [ana, \"bo <b@x>\"]\n"
                   "  summary: |\n    Checkout flag flipped live.\n    Nobody knew.\n"
                   "  impact: \"<img src=x onerror=alert(1)> | `x`\"\n"
                   "  root-cause: kubectl edit by hand\n"
                   "  action-items:\n    - {item: Codify the flag, type: prevent, owner: ana, ticket: OPS-1}\n"
                   "    - {item: Alert on drift, type: someday}\n    - Page on replica lag\n"
                   "  findings:\n    \"live-drift:configmap/platform/feature-flags\": {note: confirmed with ana}\n"
                   "    \"leader-churn:etcd cluster\": {include: false}\n    \"failed-proposals:etcd cluster\": "
                   "{include: maybe}\n"
                   "  key-moments: [artifacts/events.log:1]\n  severity: SEV-2\n");
        QVERIFY(result.caseFile);
        const ReportSections &r = result.caseFile->report;
        QCOMPARE(r.status, QStringLiteral("draft"));
        QCOMPARE(r.authors, (QStringList { QStringLiteral("ana"), QStringLiteral("bo <b@x>") }));
        QCOMPARE(r.summary, QStringLiteral("Checkout flag flipped live.\nNobody knew.\n"));
        QCOMPARE(r.impact, QStringLiteral("<img src=x onerror=alert(1)> | `x`"));
        QCOMPARE(r.rootCause, QStringLiteral("kubectl edit by hand"));
        QCOMPARE(r.actionItems.size(), 3);
        QCOMPARE(r.actionItems.at(0).ticket, QStringLiteral("OPS-1"));
        QCOMPARE(r.actionItems.at(2).item, QStringLiteral("Page on replica lag"));
        QCOMPARE(r.findings.value(QStringLiteral("live-drift:configmap/platform/feature-flags")).note,
            QStringLiteral("confirmed with ana"));
        QVERIFY(r.findings.value(QStringLiteral("live-drift:configmap/platform/feature-flags")).included);
        QVERIFY(!r.findings.value(QStringLiteral("leader-churn:etcd cluster")).included);
        QCOMPARE(r.keyMoments, QStringList { QStringLiteral("artifacts/events.log:1") });
        QCOMPARE(r.preservedYaml.size(), 1);
        QCOMPARE(r.preservedYaml.first().first, QStringLiteral("severity"));
        // Said where: the odd type (a warning), 'include: maybe' (an error), the unknown key (a warning).
        QStringList said;
        for (const Diagnostic &d : result.diagnostics)
            said.append(QStringLiteral("%1:%2 %3").arg(d.line).arg(int(d.severity)).arg(d.message));
        QCOMPARE(result.diagnostics.size(), 3);
        QVERIFY2(said.filter(QStringLiteral("someday")).size() == 1
                && said.filter(QStringLiteral("someday")).first().startsWith(QStringLiteral("13:")),
            qPrintable(said.join(QLatin1Char('\n'))));
        QVERIFY2(said.filter(QStringLiteral("true or false")).first().startsWith(QStringLiteral("18:")),
            qPrintable(said.join(QLatin1Char('\n'))));
        QVERIFY2(said.filter(QStringLiteral("report.severity")).first().startsWith(QStringLiteral("20:")),
            qPrintable(said.join(QLatin1Char('\n'))));

        // Saved and read back: the same sections, the unknown key included.
        const QByteArray saved = CaseFileWriter::toYaml(*result.caseFile, QStringLiteral("/cases/c.yaml"));
        const auto again = CaseFileReader::readText(saved, QStringLiteral("/cases/c.yaml"));
        QVERIFY(again.caseFile);
        QVERIFY2(again.caseFile->report == r, saved.constData());
        QVERIFY2(saved.contains("summary: |"), saved.constData()); // multi-line text stays a readable block
        // No report: no `report:` key written.
        QVERIFY(
            !CaseFileWriter::toYaml(*read("strata: 1\n").caseFile, QStringLiteral("/cases/c.yaml")).contains("report"));
    }

    // sources.kubernetes: kubeconfig files (one or a list), the contexts by
    // role, a timeout; each mistake said where it is.
    void kubernetesSourcesAreRead()
    {
        const auto ok = read("strata: 1\nsources:\n  kubernetes:\n    kubeconfig: [~/.kube/config, team.yaml]\n"
                             "    contexts: {live: prod, replica: prod-read-replica}\n    timeout: 2.5s\n");
        QVERIFY(ok.caseFile && ok.caseFile->kubernetesSource);
        QVERIFY2(ok.diagnostics.isEmpty(), qPrintable(ok.diagnostics.value(0).toString()));
        const KubernetesSource &k = *ok.caseFile->kubernetesSource;
        QCOMPARE(k.kubeconfigs, (QStringList { QStringLiteral("~/.kube/config"), QStringLiteral("team.yaml") }));
        QCOMPARE(k.liveContext, QStringLiteral("prod"));
        QCOMPARE(k.replicaContext, QStringLiteral("prod-read-replica"));
        QCOMPARE(k.timeoutMs, 2500);
        QCOMPARE(k.line, 4); // where its map starts
        QCOMPARE(ok.caseFile->kubeconfigPaths().first(), QDir::homePath() + QStringLiteral("/.kube/config"));
        // Saved as written: nothing but names.
        QVERIFY(CaseFileWriter::toYaml(*ok.caseFile, QDir::temp().filePath(QStringLiteral("k.yaml")))
                    .contains("prod-read-replica"));

        // Save As elsewhere: a relative kubeconfig still names the same file; roles as set.
        {
            QTemporaryDir dir;
            QDir().mkpath(dir.filePath(QStringLiteral("a")));
            QDir().mkpath(dir.filePath(QStringLiteral("b/c")));
            const QString first = dir.filePath(QStringLiteral("a/case.yaml"));
            writeFile(first,
                "strata: 1\nsources:\n  kubernetes:\n    kubeconfig: [team.yaml, ~/.kube/config]\n"
                "    contexts: {live: prod}\n");
            CaseFileReadResult r = CaseFileReader::readFile(first);
            r.caseFile->kubernetesSource->replicaContext = QStringLiteral("prod-read-replica");
            const QString second = dir.filePath(QStringLiteral("b/c/case.yaml"));
            QCOMPARE(CaseFileWriter::save(*r.caseFile, second), QString());
            const CaseFileReadResult again = CaseFileReader::readFile(second);
            QVERIFY(again.caseFile && again.caseFile->kubernetesSource);
            QCOMPARE(again.caseFile->kubeconfigPaths().first(), dir.filePath(QStringLiteral("a/team.yaml")));
            QCOMPARE(again.caseFile->kubernetesSource->kubeconfigs.at(1), QStringLiteral("~/.kube/config"));
            QCOMPARE(again.caseFile->kubernetesSource->liveContext, QStringLiteral("prod"));
            QCOMPARE(again.caseFile->kubernetesSource->replicaContext, QStringLiteral("prod-read-replica"));
            QCOMPARE(r.caseFile->kubeconfigPaths().first(), dir.filePath(QStringLiteral("a/team.yaml")));
        }

        const auto bad = read("strata: 1\nsources:\n  kubernetes:\n    context: prod\n"
                              "    contexts: {live: prod, code: x}\n    timeout: soon\n");
        QVERIFY(bad.caseFile);
        QStringList said;
        for (const Diagnostic &d : bad.diagnostics)
            said.append(QStringLiteral("%1:%2 %3").arg(d.line).arg(d.column).arg(d.message));
        QCOMPARE(said.size(), 3);
        QVERIFY2(said.at(0).startsWith(QLatin1String("4:5 unknown key 'context'")), qPrintable(said.at(0)));
        QVERIFY2(said.at(1).startsWith(QLatin1String("5:28 'code' is not a role")), qPrintable(said.at(1)));
        QVERIFY2(said.at(2).startsWith(QLatin1String("6:14 'sources.kubernetes.timeout' must be a duration")),
            qPrintable(said.at(2)));
        // What was readable still names the live context.
        QVERIFY(bad.caseFile->kubernetesSource);
        QCOMPARE(bad.caseFile->kubernetesSource->liveContext, QStringLiteral("prod"));

        const auto none = read("strata: 1\nsources:\n  kubernetes: {kubeconfig: a.yaml}\n");
        QVERIFY(none.caseFile->kubernetesSource); // kept: roles can be given in the window
        QVERIFY(!none.caseFile->kubernetesSource->hasContexts());
        QVERIFY(!hasErrors(none.diagnostics));
        QVERIFY(none.diagnostics.first().message.contains(QLatin1String("gives no context a role")));
    }

    // sources.etcd: endpoints (a list or etcdctl's comma-separated form),
    // --cluster, the TLS files, the sampling interval; never a password.
    void etcdSourcesAreRead()
    {
        const auto ok = read("strata: 1\nsources:\n  etcd:\n    endpoints: [https://etcd-0:2379, 10.0.0.6:2379]\n"
                             "    cluster: true\n    cacert: pki/ca.pem\n    cert: pki/client.pem\n"
                             "    key: pki/client-key.pem\n    sample-every: 500ms\n    timeout: 3s\n");
        QVERIFY(ok.caseFile && ok.caseFile->etcdSource);
        QVERIFY2(ok.diagnostics.isEmpty(), qPrintable(ok.diagnostics.value(0).toString()));
        const EtcdSource &e = *ok.caseFile->etcdSource;
        QCOMPARE(e.endpoints, (QStringList { QStringLiteral("https://etcd-0:2379"), QStringLiteral("10.0.0.6:2379") }));
        QVERIFY(e.cluster);
        QCOMPARE(e.caFile, QStringLiteral("pki/ca.pem"));
        QCOMPARE(e.keyFile, QStringLiteral("pki/client-key.pem"));
        QCOMPARE(e.sampleEveryMs, 500);
        QCOMPARE(e.timeoutMs, 3000);
        QCOMPARE(e.line, 4);

        const auto commas = read("strata: 1\nsources:\n  etcd: {endpoints: 'http://a:2379,http://b:2379'}\n");
        QCOMPARE(commas.caseFile->etcdSource->endpoints.size(), 2);
        const auto bare = read("strata: 1\nsources:\n  etcd:\n");
        QVERIFY(bare.caseFile->etcdSource); // everything from ETCDCTL_*
        QVERIFY(bare.diagnostics.isEmpty());

        const auto bad = read("strata: 1\nsources:\n  etcd:\n    endpoints: [ftp://x]\n    sample-every: 10ms\n"
                              "    password: hunter2\n    cluster: maybe\n");
        QStringList said;
        for (const Diagnostic &d : bad.diagnostics)
            said.append(QStringLiteral("%1:%2 %3").arg(d.line).arg(d.column).arg(d.message));
        QCOMPARE(said.size(), 4);
        QVERIFY2(said.at(0).startsWith(QLatin1String("4:16 'sources.etcd.endpoints': 'ftp://x' is not")),
            qPrintable(said.at(0)));
        QVERIFY2(
            said.at(1).startsWith(QLatin1String("5:19 'sources.etcd.sample-every' must be")), qPrintable(said.at(1)));
        QVERIFY2(said.at(2).contains(QLatin1String("ETCDCTL_USER")), qPrintable(said.at(2)));
        QVERIFY(!said.join(QLatin1Char(' ')).contains(QLatin1String("hunter2")));
        QVERIFY2(said.at(3).startsWith(QLatin1String("7:14 'sources.etcd.cluster' must be true or false")),
            qPrintable(said.at(3)));

        // Credentials in a URL or as keys: refused, never said, never saved back.
        {
            QTemporaryDir keys;
            const QString path = keys.filePath(QStringLiteral("c.yaml"));
            writeFile(path,
                "strata: 1\nsources:\n  etcd:\n    endpoints: [https://root:s3cret@e:2379, https://f:2379]\n"
                "    password: hunter2\n");
            CaseFileReadResult withKeys = CaseFileReader::readFile(path);
            QCOMPARE(withKeys.caseFile->etcdSource->endpoints, QStringList { QStringLiteral("https://f:2379") });
            QString all;
            for (const Diagnostic &d : withKeys.diagnostics)
                all += d.message;
            QVERIFY(all.contains(QLatin1String("https://e:2379")));
            QVERIFY(!all.contains(QLatin1String("s3cret")) && !all.contains(QLatin1String("hunter2")));
            QCOMPARE(CaseFileWriter::save(*withKeys.caseFile, path), QString());
            const QByteArray saved = readFile(path);
            QVERIFY2(!saved.contains("s3cret") && !saved.contains("hunter2"), saved.constData());
            QVERIFY(saved.contains("https://f:2379"));
        }

        // Save As elsewhere: the certificate files are still the same files.
        QTemporaryDir dir;
        QDir().mkpath(dir.filePath(QStringLiteral("a")));
        QDir().mkpath(dir.filePath(QStringLiteral("b/c")));
        const QString first = dir.filePath(QStringLiteral("a/case.yaml"));
        writeFile(first,
            "strata: 1\nsources:\n  etcd:\n    endpoints: [https://e:2379]\n    cacert: ca.pem\n"
            "    cert: /etc/pki/client.pem\n    key: ~/client-key.pem\n");
        CaseFileReadResult r = CaseFileReader::readFile(first);
        const QString second = dir.filePath(QStringLiteral("b/c/case.yaml"));
        QCOMPARE(CaseFileWriter::save(*r.caseFile, second), QString());
        const CaseFileReadResult again = CaseFileReader::readFile(second);
        QVERIFY(again.caseFile && again.caseFile->etcdSource);
        QCOMPARE(
            again.caseFile->resolvedPath(again.caseFile->etcdSource->caFile), dir.filePath(QStringLiteral("a/ca.pem")));
        QCOMPARE(again.caseFile->etcdSource->certFile, QStringLiteral("/etc/pki/client.pem"));
        QCOMPARE(again.caseFile->etcdSource->keyFile, QStringLiteral("~/client-key.pem"));
        QCOMPARE(again.caseFile->etcdSource->endpoints.first(), QStringLiteral("https://e:2379"));
        QCOMPARE(r.caseFile->resolvedPath(r.caseFile->etcdSource->caFile), dir.filePath(QStringLiteral("a/ca.pem")));
    }

    void rejectsOtherVersionsAndNonCases()
    {
        auto result = read("strata: 2\ntitle: from the future\n");
        QVERIFY(!result.caseFile);
        QVERIFY(result.diagnostics.first().message.contains(QStringLiteral("version '2'")));
        QCOMPARE(result.diagnostics.first().line, 1);
        QCOMPARE(result.diagnostics.first().column, 9);

        result = read("title: no version\n");
        QVERIFY(!result.caseFile);
        QVERIFY(result.diagnostics.first().message.contains(QStringLiteral("strata: 1")));

        result = read("- just\n- a list\n");
        QVERIFY(!result.caseFile);
        QVERIFY(hasErrors(result.diagnostics));
    }

    void versionThatIsNotAScalarStops()
    {
        for (const char *yaml : { "strata: [1]\nevidence: []\n", "strata: {}\nevidence: []\n" }) {
            const auto result = read(yaml);
            QVERIFY2(!result.caseFile, yaml); // the CLI exits 2: there is no case to analyse
            QCOMPARE(result.diagnostics.first().line, 1);
            QVERIFY(result.diagnostics.first().message.contains(QStringLiteral("format version")));
        }
    }

    void duplicateKeysNameBothLines()
    {
        const auto result = read("strata: 1\ntitle: first\nevidence:\n  - path: a.log\n    path: b.log\n"
                                 "  - path: c.log\ntitle: second\n");
        QVERIFY(result.caseFile);
        QCOMPARE(result.caseFile->title, QStringLiteral("first"));
        // The entry with a duplicate key is skipped, the next one kept.
        QCOMPARE(result.caseFile->evidence.size(), 1);
        QCOMPARE(result.caseFile->evidence.first().path, QStringLiteral("c.log"));
        QStringList messages;
        for (const Diagnostic &d : result.diagnostics)
            messages.append(QStringLiteral("%1:%2 %3").arg(d.line).arg(d.column).arg(d.message));
        QVERIFY2(messages.contains(QStringLiteral("5:5 duplicate key 'path' (lines 4 and 5); the second is not used")),
            qPrintable(messages.join(u'\n')));
        QVERIFY2(messages.contains(QStringLiteral("7:1 duplicate key 'title' (lines 2 and 7); the second is not used")),
            qPrintable(messages.join(u'\n')));
    }

    void nonStringEvidenceKeySkipsOnlyThatEntry()
    {
        const auto result = read("strata: 1\nevidence:\n  - path: a.log\n    [1]: x\n  - path: b.log\n");
        QVERIFY(result.caseFile);
        QCOMPARE(result.caseFile->evidence.size(), 1);
        QCOMPARE(result.caseFile->evidence.first().path, QStringLiteral("b.log"));
        QVERIFY(hasErrors(result.diagnostics));
        QCOMPARE(result.diagnostics.first().line, 4);
    }

    void missingFileSaysWhere()
    {
        const auto result = CaseFileReader::readFile(QStringLiteral("/nonexistent/dir/case.yaml"));
        QVERIFY(!result.caseFile);
        QVERIFY(result.diagnostics.first().toString().startsWith(
            QStringLiteral("/nonexistent/dir/case.yaml: error: cannot open")));
    }

    void terraformSourceIsReadStrictly()
    {
        const auto good = read("strata: 1\nsources:\n  terraform:\n    repo: ../infra\n    ref: v1.2\n"
                               "    dir: ./terraform/platform/\n    state: pulled.tfstate\n"
                               "    vars: [prod.tfvars, extra/x.tfvars]\n    worktree: true\n");
        QVERIFY(good.caseFile);
        QVERIFY(!hasErrors(good.diagnostics));
        const TerraformSource &s = *good.caseFile->terraformSource;
        QCOMPARE(s.repo, QStringLiteral("../infra"));
        QCOMPARE(s.ref, QStringLiteral("v1.2"));
        QCOMPARE(s.dir, QStringLiteral("terraform/platform"));
        QCOMPARE(s.state, QStringLiteral("pulled.tfstate"));
        QCOMPARE(s.vars, (QStringList { QStringLiteral("prod.tfvars"), QStringLiteral("extra/x.tfvars") }));
        QVERIFY(s.workTree);
        QCOMPARE(s.line, 4);
        QCOMPARE(good.caseFile->resolvedPath(s.repo), QStringLiteral("/infra"));

        struct Bad
        {
            const char *yaml;
            int line;
            const char *message;
        };
        const Bad bad[] = {
            { "strata: 1\nsources:\n  terraform:\n    repo: [x]\n", 4, "'sources.terraform.repo' must be a string" },
            { "strata: 1\nsources:\n  terraform:\n    dir: stack\n", 4, "has no 'repo'" },
            { "strata: 1\nsources:\n  terraform:\n    repo: r\n    dir: ../up\n", 5, "must be a folder inside" },
            { "strata: 1\nsources:\n  terraform:\n    repo: r\n    worktree: maybe\n", 5, "true or false" },
            { "strata: 1\nsources:\n  terraform: r\n", 3, "must be a map with 'repo'" },
            { "strata: 1\nsources:\n  terraform:\n    repo: a\n    repo: b\n", 5, "duplicate key 'repo'" },
            { "strata: 1\nsources: [terraform]\n", 2, "'sources' must be a map" },
        };
        for (const Bad &b : bad) {
            const auto r = read(b.yaml);
            QVERIFY2(r.caseFile, b.yaml); // the rest of the case still loads
            QVERIFY2(!r.caseFile->terraformSource, b.yaml);
            bool found = false;
            for (const Diagnostic &d : r.diagnostics)
                found = found
                    || (d.severity == Diagnostic::Severity::Error && d.line == b.line
                        && d.message.contains(QString::fromUtf8(b.message)));
            QVERIFY2(found, qPrintable(QString::fromUtf8(b.yaml) + r.diagnostics.value(0).toString()));
        }
    }

    void savingElsewhereKeepsTheRepositoryReachable()
    {
        QTemporaryDir dir;
        QDir(dir.path()).mkpath(QStringLiteral("cases"));
        QDir(dir.path()).mkpath(QStringLiteral("infra/stack"));
        QDir(dir.path()).mkpath(QStringLiteral("elsewhere/deeper"));
        writeFile(dir.filePath(QStringLiteral("cases/pulled.tfstate")), "{}");
        const QString original = dir.filePath(QStringLiteral("cases/c.yaml"));
        writeFile(original,
            "strata: 1\nsources:\n  terraform:\n    repo: ../infra\n    dir: stack\n    state: pulled.tfstate\n"
            "  kubernetes: {contexts: {live: prod}}\n");
        auto first = CaseFileReader::readFile(original);
        QVERIFY(first.caseFile);
        CaseFile c = *first.caseFile;
        const QString moved = dir.filePath(QStringLiteral("elsewhere/deeper/m.yaml"));
        QCOMPARE(CaseFileWriter::save(c, moved), QString());
        QCOMPARE(c.terraformSource->repo, QStringLiteral("../../infra"));
        const auto again = CaseFileReader::readFile(moved);
        QVERIFY(again.caseFile && again.caseFile->terraformSource);
        const TerraformSource &s = *again.caseFile->terraformSource;
        QCOMPARE(again.caseFile->resolvedPath(s.repo), dir.filePath(QStringLiteral("infra")));
        QCOMPARE(again.caseFile->resolvedPath(s.state), dir.filePath(QStringLiteral("cases/pulled.tfstate")));
        QCOMPARE(s.dir, QStringLiteral("stack")); // inside the repository: as written
        QVERIFY(readFile(moved).contains("kubernetes")); // other sources kept
        // Saved again from its new place, nothing drifts.
        CaseFile c2 = *again.caseFile;
        QCOMPARE(CaseFileWriter::save(c2, moved), QString());
        QCOMPARE(CaseFileReader::readFile(moved).caseFile->terraformSource->repo, QStringLiteral("../../infra"));
    }

    void saveRoundTripsAndRebasesPaths()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QDir(dir.path()).mkpath(QStringLiteral("cases/evidence"));
        QDir(dir.path()).mkpath(QStringLiteral("elsewhere"));
        const QString original = dir.filePath(QStringLiteral("cases/c.yaml"));
        {
            QFile f(original);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("strata: 1\ntitle: \"Flags: #2\"\nresources: [configmap/p/f]\n"
                    "evidence:\n  - path: evidence/live.yaml\n    role: live\n    kind: kubectl\n"
                    "custom: {keep: me}\nsources: {}\nnotes:\n  - first thought\n"
                    "  - {time: '2024-12-15T09:45:02Z', text: 'app says true'}\n");
        }
        auto read = CaseFileReader::readFile(original);
        QVERIFY(read.caseFile);
        CaseFile c = *read.caseFile;
        const QString livePath = c.resolvedPath(c.evidence.first());

        const QString moved = dir.filePath(QStringLiteral("elsewhere/moved.yaml"));
        QCOMPARE(CaseFileWriter::save(c, moved), QString());
        QCOMPARE(c.filePath, moved);
        QCOMPARE(c.evidence.first().path, QStringLiteral("../cases/evidence/live.yaml"));
        QCOMPARE(c.resolvedPath(c.evidence.first()), livePath);

        const auto reread = CaseFileReader::readFile(moved);
        QVERIFY(reread.caseFile);
        QCOMPARE(reread.caseFile->title, QStringLiteral("Flags: #2"));
        QCOMPARE(reread.caseFile->resources, c.resources);
        QCOMPARE(reread.caseFile->evidence.first().kind, QStringLiteral("kubectl"));
        QCOMPARE(reread.caseFile->evidence.first().role, EvidenceRole::Live);
        QCOMPARE(reread.caseFile->resolvedPath(reread.caseFile->evidence.first()), livePath);
        QCOMPARE(reread.caseFile->notes.size(), 2);
        QCOMPARE(reread.caseFile->notes.at(1).text, QStringLiteral("app says true"));
        QCOMPARE(reread.caseFile->notes.at(1).time,
            QDateTime::fromString(QStringLiteral("2024-12-15T09:45:02Z"), Qt::ISODate));
        // The unknown key survives the round trip (a warning, not lost).
        QCOMPARE(reread.diagnostics.size(), 1);
        QCOMPARE(reread.caseFile->preservedYaml.size(), 2);
    }

    void savingOverAResourceIsRefused()
    {
        auto read = CaseFileReader::readFile(QStringLiteral(":/reference-case/case.yaml"));
        QVERIFY(read.caseFile);
        CaseFile c = *read.caseFile;
        QVERIFY(!CaseFileWriter::save(c, QStringLiteral(":/reference-case/case.yaml")).isEmpty());
    }

    void savingTheReferenceCaseKeepsItsEvidenceReachable()
    {
        QTemporaryDir dir;
        auto read = CaseFileReader::readFile(QStringLiteral(":/reference-case/case.yaml"));
        CaseFile c = *read.caseFile;
        QCOMPARE(CaseFileWriter::save(c, dir.filePath(QStringLiteral("mine.yaml"))), QString());
        const auto reread = CaseFileReader::readFile(dir.filePath(QStringLiteral("mine.yaml")));
        QVERIFY(reread.caseFile);
        for (const EvidenceEntry &e : reread.caseFile->evidence)
            QVERIFY2(QFileInfo::exists(reread.caseFile->resolvedPath(e)), qPrintable(e.path));
    }

    void unwritableTargetReportsTheReason()
    {
        CaseFile c;
        c.title = QStringLiteral("x");
        const QString error = CaseFileWriter::save(c, QStringLiteral("/nonexistent/dir/x.yaml"));
        QVERIFY(error.startsWith(QStringLiteral("/nonexistent/dir/x.yaml: cannot write")));
        QVERIFY(c.filePath.isEmpty());
    }
};

STRATA_TEST_MAIN(TestCaseFile)
#include "tst_casefile.moc"
