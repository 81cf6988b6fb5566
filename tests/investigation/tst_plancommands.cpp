// The plan's commands: filled in with the case's real names, quoted so a
// hostile name reaches the tool as that name (checked by a real shell),
// checks read-only and before changes, placeholders only where the case does
// not know a value; `git log` run for real on a real repository; and the
// Markdown report of the reference case against its reviewed golden copy.
#include "AnalyseCase.h"
#include "StrataTestMain.h"
#include "TestFiles.h"

#include "case/CaseFileReader.h"
#include "investigation/Analyzer.h"
#include "output/AnalysisJson.h"
#include "output/AnalysisMarkdown.h"
#include "output/FindingDetail.h"
#include "output/MarkdownText.h"
#include "plan/PlanScript.h"
#include "plan/ShellWords.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>

using namespace strata;

namespace {

QString referenceCase()
{
    return QStringLiteral(STRATA_SHARED_DIR "/reference-case/case.yaml");
}

QList<PlanCommand> allCommands(const AnalysisResult &r)
{
    QList<PlanCommand> out;
    for (const Proposal &p : r.proposals)
        out += p.commands;
    return out;
}

bool hasCommand(const AnalysisResult &r, const QString &command)
{
    for (const PlanCommand &c : allCommands(r)) {
        if (c.command == command)
            return true;
    }
    return false;
}

// What a real POSIX shell makes of a command line: its words, one per line.
QStringList shellWords(const QString &line)
{
    QProcess sh;
    sh.start(QStringLiteral("/bin/sh"), { QStringLiteral("-c"), QStringLiteral("printf '%s\\n' ") + line });
    if (!sh.waitForFinished(10000) || sh.exitCode() != 0)
        return { QStringLiteral("<sh failed>") };
    return QString::fromUtf8(sh.readAllStandardOutput()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

int run(const QString &program, const QStringList &args, const QString &in, QByteArray *out = nullptr)
{
    QProcess p;
    p.setWorkingDirectory(in);
    p.start(program, args);
    if (!p.waitForFinished(30000))
        return -1;
    if (out)
        *out = p.readAllStandardOutput();
    return p.exitCode();
}

} // namespace

class TestPlanCommands : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void hostileWordsReachTheToolAsWritten_data()
    {
        QTest::addColumn<QString>("word");
        for (const char *w : { "feature-flags", "$(touch /tmp/strata-pwned)", "a b", "it's", "`id`", "x;rm -rf ~",
                 "\"quoted\"", "~/kube", "*", "--cacert=<ca.pem>", "naïve", "" })
            QTest::newRow(w) << QString::fromUtf8(w);
    }
    void hostileWordsReachTheToolAsWritten()
    {
        QFETCH(QString, word);
        const std::optional<QString> quoted = ShellWords::quote(word);
        QVERIFY(quoted);
        const QStringList seen = shellWords(QStringLiteral("%1 end").arg(*quoted));
        const QStringList expected
            = word.isEmpty() ? QStringList { QStringLiteral("end") } : QStringList { word, QStringLiteral("end") };
        QCOMPARE(seen, expected);
        QVERIFY(!QFileInfo::exists(QStringLiteral("/tmp/strata-pwned")));
    }

    // An assignment before a command stays an assignment when its value needs quotes.
    void assignmentsKeepTheirName()
    {
        const std::optional<QString> word = ShellWords::quote(QStringLiteral("KUBE_CTX=prod east"));
        QCOMPARE(*word, QStringLiteral("KUBE_CTX='prod east'"));
        QProcess sh;
        sh.start(QStringLiteral("/bin/sh"),
            { QStringLiteral("-c"), *word + QStringLiteral(" sh -c 'printf \"%s\" \"$KUBE_CTX\"'") });
        QVERIFY(sh.waitForFinished(10000));
        QCOMPARE(sh.readAllStandardOutput(), QByteArray("prod east"));
        QCOMPARE(*ShellWords::quote(QStringLiteral("=cmd")), QStringLiteral("'=cmd'"));
    }

    // Hostile names from the evidence, through the assembled commands: a name
    // that starts with '-' gets no command (it would be an option), one
    // holding shell syntax reaches kubectl as written (a stand-in kubectl
    // prints the words it got), and no command runs anything else.
    void hostileNamesThroughWholeCommands()
    {
        QTemporaryDir dir;
        const QString base = dir.path();
        const QByteArray hostileNs = "$(touch " + base.toUtf8() + "/pwned)";
        const auto object = [](const QByteArray &ns, const QByteArray &name, const QByteArray &rv,
                                const QByteArray &v) -> QByteArray {
            return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: '" + name + "'\n  namespace: '" + ns
                + "'\n  resourceVersion: \"" + rv + "\"\ndata:\n  k: \"" + v + "\"\n---\n";
        };
        writeFile(base + QStringLiteral("/live.yaml"),
            "# kubectl get cm -A -o yaml --context=prod\n" + object(hostileNs, "flags;id", "20", "new")
                + object("shop", "--server=https://evil.invalid", "20", "new"));
        writeFile(base + QStringLiteral("/replica.yaml"),
            "# kubectl get cm -A -o yaml --context=replica\n" + object(hostileNs, "flags;id", "10", "old")
                + object("shop", "--server=https://evil.invalid", "10", "old"));
        writeFile(base + QStringLiteral("/case.yaml"),
            "strata: 1\nevidence:\n  - path: live.yaml\n    role: live\n  - path: replica.yaml\n    role: replica\n");
        const AnalysisResult r = analyseOffline(base + QStringLiteral("/case.yaml"));
        int ran = 0;
        for (const PlanCommand &c : allCommands(r)) {
            QVERIFY2(!c.command.contains(QStringLiteral("--server")), qPrintable(c.command));
            if (!c.command.startsWith(QStringLiteral("kubectl ")) || c.command.contains(QStringLiteral("--raw=")))
                continue;
            QProcess sh;
            sh.setWorkingDirectory(base);
            sh.start(QStringLiteral("/bin/sh"),
                { QStringLiteral("-c"), QStringLiteral("kubectl() { printf '%s\\n' \"$@\"; }; ") + c.command });
            QVERIFY(sh.waitForFinished(10000));
            const QStringList words
                = QString::fromUtf8(sh.readAllStandardOutput()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
            QVERIFY2(words.contains(QString::fromUtf8(hostileNs)), qPrintable(words.join(QLatin1Char('|'))));
            QVERIFY2(words.contains(QStringLiteral("flags;id")), qPrintable(words.join(QLatin1Char('|'))));
            ++ran;
        }
        QVERIFY(ran >= 2);
        QVERIFY(!QFileInfo::exists(base + QStringLiteral("/pwned")));
    }

    void controlCharactersAreNeverOffered()
    {
        QVERIFY(!ShellWords::quote(QStringLiteral("a\nb")));
        QVERIFY(!ShellWords::quote(QStringLiteral("a\x1b[31mb")));
        QVERIFY(!ShellWords::join({ QStringLiteral("kubectl"), QStringLiteral("x\ry") }));
        QCOMPARE(*ShellWords::quote(QStringLiteral("--cacert=<ca.pem>")), QStringLiteral("--cacert='<ca.pem>'"));
    }

    void theReferenceCaseGetsItsRealNames()
    {
        const AnalysisResult r = analyseOffline(referenceCase());
        QVERIFY(!r.proposals.isEmpty());
        // The replica's context from the pasted command line; live had none (current context, said so).
        QVERIFY(hasCommand(r,
            QStringLiteral("kubectl --context=read-replica -n platform get configmap feature-flags -o "
                           "'jsonpath={.metadata.resourceVersion}{\"\\n\"}'")));
        QVERIFY(hasCommand(
            r, QStringLiteral("kubectl -n platform get configmap feature-flags -o yaml --show-managed-fields")));
        QVERIFY(hasCommand(
            r, QStringLiteral("terraform -chdir=terraform/platform plan -target=kubernetes_config_map.feature_flags")));
        QVERIFY(hasCommand(r,
            QStringLiteral("etcdctl --endpoints=https://etcd-0:2379,https://etcd-1:2379,https://etcd-2:2379 "
                           "--cacert='<ca.pem>' --cert='<client.pem>' --key='<client-key.pem>' endpoint status -w "
                           "table")));
        for (const PlanCommand &c : allCommands(r)) {
            QVERIFY2(!c.why.isEmpty(), qPrintable(c.command));
            // A placeholder only with a why that says the case does not know it.
            if (c.command.contains(QStringLiteral("'<")))
                QVERIFY2(c.why.contains(QStringLiteral("does not")), qPrintable(c.command + QLatin1Char('\n') + c.why));
            if (c.command.startsWith(QStringLiteral("kubectl -n")))
                QVERIFY2(c.why.contains(QStringLiteral("current kubectl context")), qPrintable(c.why));
        }
        // Checks carry only read-only commands, and come before every change; in
        // a change step the verifications come before what changes something.
        bool seenChange = false;
        for (const Proposal &p : r.proposals) {
            if (p.kind == QLatin1String("check")) {
                QVERIFY(!seenChange);
                for (const PlanCommand &c : p.commands)
                    QVERIFY2(c.readOnly, qPrintable(c.command));
            } else {
                seenChange = true;
                bool changing = false;
                for (const PlanCommand &c : p.commands) {
                    changing = changing || !c.readOnly;
                    QVERIFY2(!changing || !c.readOnly, qPrintable(c.command));
                }
            }
        }
        QVERIFY(seenChange);
        const auto isApply = [](const PlanCommand &c) { return c.command.contains(QStringLiteral(" apply ")); };
        const QList<PlanCommand> all = allCommands(r);
        QVERIFY(std::any_of(all.cbegin(), all.cend(), isApply));
        for (const PlanCommand &c : all)
            QVERIFY2(!isApply(c) || !c.readOnly, qPrintable(c.command));

        // "Copy all checks": the read-only commands, never one that changes something.
        const QString script
            = PlanScript::readOnlyChecks(r.proposals, r.caseFile.displayName(), r.caseFile.baseDirectory());
        QVERIFY(script.contains(QStringLiteral("cd ") + r.caseFile.baseDirectory()));
        for (const QString &line : script.split(QLatin1Char('\n')))
            QVERIFY2(line.startsWith(QLatin1Char('#')) || !line.contains(QStringLiteral(" apply ")), qPrintable(line));
        QVERIFY(script.contains(QStringLiteral("Fill in the quoted")));
    }

    // Two drifted objects share the change steps: across the whole plan,
    // every copy of a live object is taken before any command that changes
    // something, and within a step the verifications come first.
    void nothingChangesBeforeItsChecks()
    {
        QTemporaryDir dir;
        const QString base = dir.path();
        copyFolder(QStringLiteral(STRATA_SHARED_DIR "/reference-case"), base);
        // A second object drifted the same way: its steps merge with feature-flags'.
        QByteArray tf = readFile(base + QStringLiteral("/terraform/platform/checkout.tf"));
        QVERIFY(tf.contains("payment_timeout_ms = \"3000\""));
        writeFile(base + QStringLiteral("/artifacts/settings.live.yaml"),
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: checkout-settings\n  namespace: platform\n"
            "  resourceVersion: \"289200\"\n  labels: {app: checkout}\ndata:\n  payment_timeout_ms: \"9000\"\n"
            "  retry_budget: \"3\"\n");
        QByteArray caseText = readFile(base + QStringLiteral("/case.yaml"));
        caseText.replace("  - path: artifacts/metrics.prom",
            "  - path: artifacts/settings.live.yaml\n    role: live\n  - path: artifacts/metrics.prom");
        caseText.replace("  - configmap/platform/feature-flags",
            "  - configmap/platform/feature-flags\n  - configmap/platform/checkout-settings");
        writeFile(base + QStringLiteral("/case.yaml"), caseText);
        const AnalysisResult r = analyseOffline(base + QStringLiteral("/case.yaml"));
        int drifted = 0;
        for (const Finding &f : r.findings)
            drifted += f.id == QLatin1String("revert-risk") ? 1 : 0;
        QCOMPARE(drifted, 2);
        bool changed = false;
        int backups = 0;
        for (const Proposal &p : r.proposals) {
            bool changingInStep = false;
            for (const PlanCommand &c : p.commands) {
                if (c.command.startsWith(QStringLiteral("(set -C; "))) {
                    ++backups;
                    QVERIFY2(!changed, qPrintable(c.command));
                }
                QVERIFY2(!(changingInStep && c.readOnly), qPrintable(c.command));
                changingInStep = changingInStep || !c.readOnly;
                changed = changed || !c.readOnly;
            }
        }
        QCOMPARE(backups, 2);
        QVERIFY(changed);
    }

    void certificatePathsComeFromTheCaseOrThePastedCommand()
    {
        QTemporaryDir dir;
        const QString base = dir.path();
        writeFile(base + QStringLiteral("/status.txt"),
            "$ sudo ETCDCTL_API=3 etcdctl --endpoints=https://10.9.0.4:2379 --cacert /etc/kubernetes/pki/etcd/ca.crt "
            "--cert=/etc/kubernetes/pki/etcd/healthcheck-client.crt "
            "--key=/etc/kubernetes/pki/etcd/healthcheck-client.key "
            "endpoint status -w table\n"
            "+-------------------------+------------------+---------+---------+-----------+------------+-----------+"
            "------------+--------------------+--------+\n"
            "|        ENDPOINT         |        ID        | VERSION | DB SIZE | IS LEADER | IS LEARNER | RAFT TERM | "
            "RAFT INDEX | RAFT APPLIED INDEX | ERRORS |\n"
            "+-------------------------+------------------+---------+---------+-----------+------------+-----------+"
            "------------+--------------------+--------+\n"
            "| https://10.9.0.4:2379   | 1c2d3e4f5a6b7c8d |  3.5.9  |  2.1 GB |      true |      false |         9 |"
            "     501200 |             501200 | memberID:2030597330578963597 alarm:NOSPACE |\n"
            "+-------------------------+------------------+---------+---------+-----------+------------+-----------+"
            "------------+--------------------+--------+\n");
        writeFile(base + QStringLiteral("/case.yaml"), "strata: 1\ntitle: nospace\nevidence:\n  - path: status.txt\n");
        const AnalysisResult r = analyseOffline(base + QStringLiteral("/case.yaml"));
        const QString tls = QStringLiteral("--cacert=/etc/kubernetes/pki/etcd/ca.crt "
                                           "--cert=/etc/kubernetes/pki/etcd/healthcheck-client.crt "
                                           "--key=/etc/kubernetes/pki/etcd/healthcheck-client.key");
        QVERIFY(hasCommand(r, QStringLiteral("etcdctl --endpoints=https://10.9.0.4:2379 %1 alarm list").arg(tls)));
        QVERIFY(hasCommand(r, QStringLiteral("etcdctl --endpoints=https://10.9.0.4:2379 %1 alarm disarm").arg(tls)));
        for (const PlanCommand &c : allCommands(r))
            QVERIFY2(!c.command.contains(QStringLiteral("<ca.pem>")), qPrintable(c.command));
        // NOSPACE's remedy in order: compact, defragment, then disarm, all marked as changing.
        QStringList changing;
        for (const PlanCommand &c : allCommands(r)) {
            if (!c.readOnly)
                changing.append(c.command.section(QStringLiteral(".key "), 1));
        }
        QCOMPARE(changing.size(), 3);
        QVERIFY(changing.at(0).startsWith(QStringLiteral("compact ")));
        QCOMPARE(changing.at(1), QStringLiteral("defrag"));
        QCOMPARE(changing.at(2), QStringLiteral("alarm disarm"));

        // sources.etcd's own files win, relative to the case's folder.
        writeFile(base + QStringLiteral("/case.yaml"),
            "strata: 1\nevidence:\n  - path: status.txt\nsources:\n  etcd:\n    endpoints: [https://10.9.0.4:2379]\n"
            "    cacert: pki/ca.pem\n    cert: pki/client.pem\n    key: pki/client-key.pem\n");
        const AnalysisResult own = analyseOffline(base + QStringLiteral("/case.yaml"));
        QVERIFY(hasCommand(own,
            QStringLiteral("etcdctl --endpoints=https://10.9.0.4:2379 --cacert=pki/ca.pem --cert=pki/client.pem "
                           "--key=pki/client-key.pem alarm list")));
    }

    void gitLogRunsOnTheRealRepository()
    {
        const QString git = QStandardPaths::findExecutable(QStringLiteral("git"));
        if (git.isEmpty())
            QSKIP("git is not installed: the git log command was not run");
        QTemporaryDir dir;
        const QString base = dir.path();
        copyFolder(QStringLiteral(STRATA_SHARED_DIR "/reference-case"), base);
        const QStringList identity { QStringLiteral("-c"), QStringLiteral("user.name=Strata Test"),
            QStringLiteral("-c"), QStringLiteral("user.email=test@example.invalid") };
        QCOMPARE(run(git, { QStringLiteral("init"), QStringLiteral("-q") }, base), 0);
        QCOMPARE(run(git, { QStringLiteral("add"), QStringLiteral(".") }, base), 0);
        QCOMPARE(
            run(git,
                identity
                    + QStringList { QStringLiteral("commit"), QStringLiteral("-qm"), QStringLiteral("flags at 25") },
                base),
            0);
        const AnalysisResult r = analyseOffline(base + QStringLiteral("/case.yaml"));
        QString log;
        for (const PlanCommand &c : allCommands(r)) {
            if (c.command.startsWith(QStringLiteral("git ")))
                log = c.command;
        }
        QCOMPARE(log, QStringLiteral("git -C . log -p --follow -- terraform/platform/feature-flags.tf"));
        // Run as an engineer would paste it, from the case's folder.
        QByteArray out;
        QCOMPARE(run(QStringLiteral("/bin/sh"), { QStringLiteral("-c"), log }, base, &out), 0);
        QVERIFY(out.contains("flags at 25"));
        QVERIFY(out.contains("max_cart_items"));
    }

    void markdownKeepsHostileValuesAsText()
    {
        const QString hostile
            = QStringLiteral("a|b `tick` <script>alert(1)</script>\n# heading [x](javascript:y) _em_");
        const QString cell = MarkdownText::code(hostile, true);
        QVERIFY(cell.startsWith(QStringLiteral("``")));
        QVERIFY(!cell.contains(QLatin1Char('\n')));
        QVERIFY(cell.contains(QStringLiteral("a\\|b")));
        const QString prose = MarkdownText::prose(hostile);
        QVERIFY(!prose.contains(QLatin1Char('\n')));
        QVERIFY(prose.contains(QStringLiteral("`<script>alert(1)</script>`")));
        QVERIFY(prose.contains(QStringLiteral("``` `tick` ```")) || prose.contains(QStringLiteral("`` `tick` ``")));
        QVERIFY(prose.contains(QStringLiteral("`[x](javascript:y)`")));
        QVERIFY(prose.contains(QStringLiteral("`_em_`")));
        QCOMPARE(MarkdownText::prose(QStringLiteral("# not a heading")), QStringLiteral("`#` not a heading"));
        QCOMPARE(MarkdownText::prose(QStringLiteral("- not a list")), QStringLiteral("\\- not a list"));
        QCOMPARE(MarkdownText::prose(QStringLiteral("1. not a list")), QStringLiteral("1\\. not a list"));
        // A quoted value is one code span, spaces and all.
        QCOMPARE(MarkdownText::prose(QStringLiteral("is \"<b>bold</b> | x\" live, \"50\" in state")),
            QStringLiteral("is `\"<b>bold</b> | x\"` live, `\"50\"` in state"));
        // Prose stays prose: no backslashes before parentheses or inside identifiers.
        QCOMPARE(MarkdownText::prose(QStringLiteral("data.enable_new_checkout (live): \"true\", p99 >= 10 ms")),
            QStringLiteral("`data.enable_new_checkout` (live): `\"true\"`, p99 `>=` 10 ms"));
    }

    // Thirty evidence lines: a report shows the first (most decisive) eight
    // and says how many more, the detail pane twenty; the JSON has every one.
    void evidenceIsCappedInReadingAndWholeInJson()
    {
        AnalysisResult r;
        Finding f;
        f.id = QStringLiteral("member-unhealthy");
        f.title = QStringLiteral("many lines");
        for (int i = 1; i <= 30; ++i)
            f.evidence.append(
                { SourceLocation { QStringLiteral("etcd.log"), i, 1 }, QStringLiteral("line %1").arg(i) });
        r.findings = { f };
        const QString md = QString::fromUtf8(AnalysisMarkdown::write(r));
        QVERIFY(md.contains(QStringLiteral("- `etcd.log:8:1` — line 8\n")));
        QVERIFY(!md.contains(QStringLiteral("— line 9\n")));
        QVERIFY(md.contains(QStringLiteral("- and 22 more")));
        const QString html = findingDetailHtml(f);
        QVERIFY(html.contains(QStringLiteral("line 20")) && !html.contains(QStringLiteral("line 21<")));
        QVERIFY(html.contains(QStringLiteral("and 10 more")));
        const QJsonObject json = QJsonDocument::fromJson(AnalysisJson::write(r)).object();
        QCOMPARE(json.value(QStringLiteral("findings"))
                     .toArray()
                     .at(0)
                     .toObject()
                     .value(QStringLiteral("evidence"))
                     .toArray()
                     .size(),
            30);
    }

    void referenceCaseMarkdownMatchesTheReviewedCopy()
    {
        const AnalysisResult r = analyseOffline(referenceCase());
        QString md = QString::fromUtf8(AnalysisMarkdown::write(r));
        md.replace(r.caseFile.baseDirectory(), QStringLiteral("<case folder>"));
        const QString goldenPath = QStringLiteral(STRATA_TEST_SOURCE_DIR "/golden/reference-case.md");
        if (qEnvironmentVariableIsSet("STRATA_UPDATE_GOLDEN"))
            writeFile(goldenPath, md.toUtf8());
        const QString golden = QString::fromUtf8(readFile(goldenPath));
        if (md != golden) {
            const QStringList a = md.split(QLatin1Char('\n')), b = golden.split(QLatin1Char('\n'));
            for (qsizetype i = 0; i < std::min(a.size(), b.size()); ++i) {
                if (a.at(i) != b.at(i))
                    QFAIL(qPrintable(QStringLiteral("line %1 differs:\n got: %2\nwant: %3\n(STRATA_UPDATE_GOLDEN=1 "
                                                    "rewrites it; review the diff)")
                                         .arg(i + 1)
                                         .arg(a.at(i), b.at(i))));
            }
            QCOMPARE(a.size(), b.size());
        }
    }
};

STRATA_TEST_MAIN(TestPlanCommands)
#include "tst_plancommands.moc"
