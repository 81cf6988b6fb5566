// `strata analyze` as a user runs it: the built binary, its output formats,
// files and exit statuses.
#include "HeadlessRun.h"
#include "StrataTestMain.h"
#include "TestFiles.h"

#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTemporaryDir>

#include <QDir>
#include <QProcess>
#include <QStandardPaths>

#include <csignal>
#include <sys/resource.h>
#include <sys/stat.h>

class TestAnalyzeCli : public QObject
{
    Q_OBJECT
private:
    static HeadlessRun run(const QStringList &args)
    {
        return runHeadless(QStringLiteral(STRATA_BINARY), QStringList { QStringLiteral("analyze") } + args);
    }

    static QString referenceCase() { return QStringLiteral(STRATA_SHARED_DIR "/reference-case/case.yaml"); }

    QTemporaryDir m_dataHome; // the user's data folder for every run: the fingerprint key goes here

    static QStringList fingerprints(const QByteArray &out)
    {
        QStringList found;
        const QRegularExpression re(QStringLiteral("secret:[0-9a-f]{8}"));
        for (auto it = re.globalMatch(QString::fromUtf8(out)); it.hasNext();)
            found.append(it.next().captured());
        return found;
    }

private Q_SLOTS:
    void initTestCase() { qputenv("XDG_DATA_HOME", QFile::encodeName(m_dataHome.path())); }

    void secretFingerprintsAreStableOnOneMachineOnly()
    {
        const QStringList args { referenceCase(), QStringLiteral("--format"), QStringLiteral("json") };
        const QStringList first = fingerprints(run(args).out);
        QVERIFY(!first.isEmpty());
        QCOMPARE(fingerprints(run(args).out), first);
        QVERIFY(QFileInfo::exists(m_dataHome.filePath(QStringLiteral("strata/secret-fingerprint.key"))));
        // Another machine's data folder, another key.
        QTemporaryDir elsewhere;
        qputenv("XDG_DATA_HOME", QFile::encodeName(elsewhere.path()));
        const QStringList other = fingerprints(run(args).out);
        qputenv("XDG_DATA_HOME", QFile::encodeName(m_dataHome.path()));
        QCOMPARE(other.size(), first.size());
        QVERIFY(other != first);
    }

    void jsonOnStdout()
    {
        const HeadlessRun r = run({ referenceCase(), QStringLiteral("--format"), QStringLiteral("json") });
        QCOMPARE(r.exitCode, 0);
        QJsonParseError error {};
        const QJsonDocument doc = QJsonDocument::fromJson(r.out, &error);
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
        QStringList ids;
        for (const QJsonValue &f : doc.object().value(QStringLiteral("findings")).toArray())
            ids.append(f.toObject().value(QStringLiteral("id")).toString());
        for (const char *id :
            { "live-drift", "revert-risk", "stale-replica", "app-observed-value", "leader-churn", "failed-proposals" })
            QVERIFY2(ids.contains(QString::fromLatin1(id)), id);
        QVERIFY(!ids.contains(QStringLiteral("raft-divergence")));
        QVERIFY(!ids.contains(QStringLiteral("member-unhealthy")));
    }

    void markdownToAFile()
    {
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("report.md"));
        const HeadlessRun r = run({ referenceCase(), QStringLiteral("--format=markdown"), QStringLiteral("-o"), out });
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.isEmpty());
        QFile f(out);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray md = f.readAll();
        QVERIFY(md.startsWith("# The cluster that disagrees with itself"));
        QVERIFY(md.contains("## What to do, in order"));
    }

    // `strata report`: the same analysis as an incident report, written to
    // the file its extension names; formats not written yet are said, never
    // faked; the case itself is never the target.
    void reportInEveryFormat()
    {
        QTemporaryDir dir;
        // Bundles unpack under the cache: this run's own.
        const QList<QPair<QString, QString>> cache { { QStringLiteral("XDG_CACHE_HOME"),
            dir.filePath(QStringLiteral("cache")) } };
        const auto report = [&cache](const QStringList &args) {
            return runHeadless(QStringLiteral(STRATA_BINARY), QStringList { QStringLiteral("report") } + args, cache);
        };
        const QString out = dir.filePath(QStringLiteral("incident.md"));
        const HeadlessRun r = report({ referenceCase(), QStringLiteral("--offline"), QStringLiteral("-o"), out });
        QCOMPARE(r.exitCode, 0);
        const QByteArray md = readFile(out);
        QVERIFY(md.startsWith("# The cluster that disagrees with itself"));
        QVERIFY(md.indexOf("## Summary") < md.indexOf("## Findings"));
        QVERIFY(md.contains("## Appendix: sources"));
        // The chart beside it, linked, a real PNG drawn with no display.
        QVERIFY(md.contains("](incident.chart.png)"));
        QVERIFY(!QImage(dir.filePath(QStringLiteral("incident.chart.png"))).isNull());

        for (const char *name : { "incident.html", "incident.pdf", "incident.json", "incident.zip" }) {
            const HeadlessRun each
                = report({ referenceCase(), QStringLiteral("--offline"), QStringLiteral("--page-size"),
                    QStringLiteral("letter"), QStringLiteral("-o"), dir.filePath(QString::fromLatin1(name)) });
            QVERIFY2(each.exitCode == 0, qPrintable(QString::fromLatin1(name) + QLatin1Char(' ') + each.err));
            QVERIFY2(QFileInfo(dir.filePath(QString::fromLatin1(name))).size() > 1000, name);
        }
        QVERIFY(readFile(dir.filePath(QStringLiteral("incident.pdf"))).startsWith("%PDF-"));
        QVERIFY(readFile(dir.filePath(QStringLiteral("incident.html"))).contains("data:image/png;base64,"));

        // The bundle analyses offline to what the case does.
        const HeadlessRun original = run({ referenceCase(), QStringLiteral("--offline") });
        const HeadlessRun bundled = runHeadless(QStringLiteral(STRATA_BINARY),
            { QStringLiteral("analyze"), dir.filePath(QStringLiteral("incident.zip")) }, cache);
        QCOMPARE(bundled.exitCode, original.exitCode);
        const QJsonArray want
            = QJsonDocument::fromJson(original.out).object().value(QStringLiteral("findings")).toArray();
        const QJsonArray got
            = QJsonDocument::fromJson(bundled.out).object().value(QStringLiteral("findings")).toArray();
        QCOMPARE(got.size(), want.size());
        for (qsizetype i = 0; i < got.size(); ++i)
            QCOMPARE(got.at(i).toObject().value(QStringLiteral("title")),
                want.at(i).toObject().value(QStringLiteral("title")));

        const HeadlessRun docx
            = report({ referenceCase(), QStringLiteral("-o"), dir.filePath(QStringLiteral("a.docx")) });
        QCOMPARE(docx.exitCode, 2);
        QVERIFY2(docx.err.contains(QStringLiteral(".md, .html, .pdf, .json or .zip")), qPrintable(docx.err));
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("a.docx"))));
        QCOMPARE(report({ referenceCase() }).exitCode, 2); // --output is required
        QCOMPARE(report({ referenceCase(), QStringLiteral("--page-size"), QStringLiteral("a3"), QStringLiteral("-o"),
                            dir.filePath(QStringLiteral("x.pdf")) })
                     .exitCode,
            2);
        // Never over the case or its evidence.
        QTemporaryDir caseDir;
        writeFile(caseDir.filePath(QStringLiteral("case.md")), "strata: 1\n");
        const HeadlessRun self = report({ caseDir.filePath(QStringLiteral("case.md")), QStringLiteral("-o"),
            caseDir.filePath(QStringLiteral("case.md")) });
        QCOMPARE(self.exitCode, 2);
        QCOMPARE(readFile(caseDir.filePath(QStringLiteral("case.md"))), QByteArray("strata: 1\n"));
        // A report that cannot be written (no such folder): exit 1, nothing left behind, in any format.
        for (const char *name : { "gone/r.pdf", "gone/r.zip", "gone/r.md" }) {
            const HeadlessRun failed = report({ referenceCase(), QStringLiteral("--offline"), QStringLiteral("-o"),
                dir.filePath(QString::fromLatin1(name)) });
            QVERIFY2(failed.exitCode == 1, qPrintable(QString::fromLatin1(name) + QLatin1Char(' ') + failed.err));
            QVERIFY2(failed.err.contains(QStringLiteral("cannot write")), qPrintable(failed.err));
        }
        QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("gone"))));
        // A file that is not a bundle: said, exit 2.
        writeFile(dir.filePath(QStringLiteral("fake.zip")), "not a zip");
        const HeadlessRun fake = report(
            { dir.filePath(QStringLiteral("fake.zip")), QStringLiteral("-o"), dir.filePath(QStringLiteral("f.md")) });
        QCOMPARE(fake.exitCode, 2);
        QVERIFY2(fake.err.contains(QStringLiteral("not a readable zip")), qPrintable(fake.err));
    }

    void unreadableCaseExitsTwo()
    {
        const HeadlessRun r = run({ QStringLiteral("/nonexistent/case.yaml") });
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.out.isEmpty());
        QVERIFY(r.err.contains(QStringLiteral("/nonexistent/case.yaml")));
    }

    void usageErrorsExitTwo()
    {
        QCOMPARE(run({}).exitCode, 2);
        QCOMPARE(run({ referenceCase(), QStringLiteral("--format"), QStringLiteral("xml") }).exitCode, 2);
        QCOMPARE(run({ referenceCase(), QStringLiteral("--bogus") }).exitCode, 2);
        const HeadlessRun help = run({ QStringLiteral("--help") });
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.out.startsWith("Usage: strata analyze"));
    }

    // A context that cannot be read: said per context, exit 3. --offline
    // makes no request and, without an earlier capture, is incomplete too;
    // an exec plugin runs only with --allow-exec (never a prompt).
    void liveSourcesThatFailExitThree()
    {
        QTemporaryDir dir;
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        const QByteArray port = QByteArray::number(probe.serverPort());
        probe.close(); // nobody listens there now
        const QString plugin = dir.filePath(QStringLiteral("plugin.sh"));
        writeExecPlugin(plugin, "planted-token", dir.filePath(QStringLiteral("plugin-ran")));
        writeFile(dir.filePath(QStringLiteral("kubeconfig")),
            "apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster: {server: 'https://127.0.0.1:" + port
                + "'}\nusers:\n- name: u\n  user: {token: planted-token}\n- name: sso\n  user:\n    exec:\n"
                  "      apiVersion: client.authentication.k8s.io/v1\n      command: "
                + plugin.toUtf8()
                + "\n      interactiveMode: Never\ncontexts:\n- name: prod\n  context: {cluster: c, user: u}\n"
                  "- name: sso\n  context: {cluster: c, user: sso}\n");
        const QString casePath = dir.filePath(QStringLiteral("case.yaml"));
        writeFile(casePath,
            "strata: 1\nresources: [configmap/shop/flags]\nsources:\n  kubernetes:\n    kubeconfig: kubeconfig\n"
            "    contexts: {live: prod, replica: sso}\n");
        const HeadlessRun r = run({ casePath });
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.err.contains(QStringLiteral("context prod")) && r.err.contains(QStringLiteral("connection refused")),
            qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("runs only once approved")), qPrintable(r.err));
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("plugin-ran"))));
        QVERIFY(!r.out.contains("planted") && !r.err.contains(QStringLiteral("planted")));
        const QJsonObject root = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(root.value(QStringLiteral("complete")).toBool(true), false);
        QVERIFY(
            QDir(dir.filePath(QStringLiteral("captures"))).entryList(QDir::Dirs | QDir::NoDotAndDotDot).size() == 1);

        const HeadlessRun allowed = run({ casePath, QStringLiteral("--allow-exec") });
        QCOMPARE(allowed.exitCode, 3);
        QVERIFY(QFile::exists(dir.filePath(QStringLiteral("plugin-ran"))));

        // Offline: the newest capture (both contexts failed in it) stands in; no network.
        QDir(dir.filePath(QStringLiteral("captures"))).removeRecursively();
        const HeadlessRun offline = run({ casePath, QStringLiteral("--offline") });
        QCOMPARE(offline.exitCode, 3);
        QVERIFY2(offline.err.contains(QStringLiteral("no capture")), qPrintable(offline.err));
        QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("captures"))));
    }

    void brokenEvidenceStillAnalysesButExitsThree()
    {
        QTemporaryDir dir;
        const QString casePath = dir.filePath(QStringLiteral("case.yaml"));
        writeFile(casePath,
            "strata: 1\ntitle: half broken\nevidence:\n  - path: live.yaml\n    role: live\n  - path: gone.log\n");
        writeFile(dir.filePath(QStringLiteral("live.yaml")),
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  namespace: b\ndata:\n  k: v\n");
        const HeadlessRun r = run({ casePath });
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.err.contains(QStringLiteral("gone.log")), qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("the analysis is incomplete")), qPrintable(r.err));
        const QJsonObject root = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(root.value(QStringLiteral("resources")).toArray().size(), 1);
        QCOMPARE(root.value(QStringLiteral("complete")).toBool(true), false);
        QCOMPARE(root.value(QStringLiteral("problems")).toArray().first().toObject().value(QStringLiteral("source")),
            QJsonValue(QStringLiteral("gone.log")));

        // Markdown to a file: still written, still exit 3, problems first.
        const QString out = dir.filePath(QStringLiteral("report.md"));
        const HeadlessRun md = run({ casePath, QStringLiteral("--format=markdown"), QStringLiteral("-o"), out });
        QCOMPARE(md.exitCode, 3);
        QFile report(out);
        QVERIFY(report.open(QIODevice::ReadOnly));
        const QByteArray text = report.readAll();
        QVERIFY(text.indexOf("## Problems reading the evidence") < text.indexOf("## Findings"));
        QVERIFY(!text.contains("No findings. Nothing to do."));
    }

    void devicesAndFifosAreRefusedNotRead()
    {
        QTemporaryDir dir;
        const QString fifo = dir.filePath(QStringLiteral("live.yaml"));
        QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
        const QString casePath = dir.filePath(QStringLiteral("case.yaml"));
        writeFile(casePath, "strata: 1\nevidence:\n  - path: live.yaml\n  - path: /dev/zero\n");
        const HeadlessRun r = run({ casePath }); // would hang or eat memory if either were read
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.err.contains(QStringLiteral("live.yaml: error: cannot read: a FIFO, not a regular file")),
            qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("/dev/zero: error: cannot read: a device")), qPrintable(r.err));
        QCOMPARE(run({ fifo }).exitCode, 2); // a FIFO as the case file
    }

    void outputNeverReplacesWhatItMustNot()
    {
        QTemporaryDir dir;
        const QString casePath = dir.filePath(QStringLiteral("case.yaml"));
        const QByteArray caseText = "strata: 1\nevidence:\n  - path: live.yaml\n";
        writeFile(casePath, caseText);
        writeFile(dir.filePath(QStringLiteral("live.yaml")), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n");
        // The case file and its evidence are input, never output.
        for (const char *target : { "case.yaml", "live.yaml" }) {
            const HeadlessRun r = run({ casePath, QStringLiteral("-o"), dir.filePath(QString::fromLatin1(target)) });
            QCOMPARE(r.exitCode, 2);
            QVERIFY2(r.err.contains(QStringLiteral("does not overwrite its own input")), qPrintable(r.err));
        }
        QCOMPARE(readFile(casePath), caseText);
        // A FIFO stays a FIFO.
        const QString fifo = dir.filePath(QStringLiteral("out.fifo"));
        QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
        const HeadlessRun onFifo = run({ casePath, QStringLiteral("-o"), fifo });
        QCOMPARE(onFifo.exitCode, 2);
        QVERIFY(QFileInfo(fifo).isFile() == false && QFileInfo::exists(fifo));
        // A folder that does not exist: a write error, documented as 1.
        const HeadlessRun missing
            = run({ casePath, QStringLiteral("-o"), dir.filePath(QStringLiteral("no/such/dir/out.json")) });
        QCOMPARE(missing.exitCode, 1);
        QVERIFY(missing.err.contains(QStringLiteral("cannot write")));
    }

    // A write that fails part-way — here because the file-size limit
    // (RLIMIT_FSIZE, as on a full quota) stops it at 4 KiB — is an error
    // with exit status 1 and leaves nothing half-written behind.
    void writeFailuresAreLoudAndLeaveNothingHalfWritten()
    {
        QTemporaryDir dir;
        const auto limited = [](const QStringList &args, const QString &stdoutFile) {
            QProcess p;
            p.setProgram(QStringLiteral(STRATA_BINARY));
            p.setArguments(QStringList { QStringLiteral("analyze") } + args);
            p.setStandardOutputFile(stdoutFile);
            p.setChildProcessModifier([] {
                const rlimit four { 4096, 4096 };
                ::setrlimit(RLIMIT_FSIZE, &four);
                ::signal(SIGXFSZ, SIG_IGN); // the write then fails with EFBIG instead of killing the process
            });
            p.start();
            p.waitForFinished(120000);
            return std::make_pair(p.exitCode(), QString::fromLocal8Bit(p.readAllStandardError()));
        };
        const QByteArray whole = run({ referenceCase(), QStringLiteral("--format"), QStringLiteral("json") }).out;
        QVERIFY2(whole.size() > 4 * 4096, "the report must be larger than the limit");

        // Standard output redirected to a file.
        const QString redirected = dir.filePath(QStringLiteral("stdout.json"));
        const auto [outStatus, outErr]
            = limited({ referenceCase(), QStringLiteral("--format"), QStringLiteral("json") }, redirected);
        QCOMPARE(outStatus, 1);
        QVERIFY2(outErr.contains(QStringLiteral("strata: standard output: cannot write: File too large")),
            qPrintable(outErr));

        // --output: the old report stays whole, and no temporary file is left.
        const QString report = dir.filePath(QStringLiteral("report.json"));
        writeFile(report, "the previous report\n");
        const auto [fileStatus, fileErr] = limited(
            { referenceCase(), QStringLiteral("--format"), QStringLiteral("json"), QStringLiteral("-o"), report },
            dir.filePath(QStringLiteral("ignored")));
        QCOMPARE(fileStatus, 1);
        QVERIFY2(fileErr.contains(report + QStringLiteral(": cannot write")), qPrintable(fileErr));
        QCOMPARE(readFile(report), QByteArray("the previous report\n"));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden, QDir::Name),
            (QStringList { QStringLiteral("ignored"), QStringLiteral("report.json"), QStringLiteral("stdout.json") }));
    }

    // A real full filesystem: an 8 KiB tmpfs in a private mount namespace
    // (gone with the process), where the machine allows one.
    void aFullFilesystemIsAWriteError()
    {
        const QString unshare = QStandardPaths::findExecutable(QStringLiteral("unshare"));
        if (unshare.isEmpty())
            QSKIP("unshare (util-linux) is not installed");
        QTemporaryDir dir;
        const QString mountPoint = dir.filePath(QStringLiteral("full"));
        QVERIFY(QDir().mkpath(mountPoint));
        const QString script = QStringLiteral("mount -t tmpfs -o size=8k tmpfs \"$1\" 2>/dev/null || exit 77; "
                                              "shift; exec \"$@\"");
        QProcess p;
        p.start(unshare,
            { QStringLiteral("--mount"), QStringLiteral("--propagation"), QStringLiteral("private"),
                QStringLiteral("sh"), QStringLiteral("-c"), script, QStringLiteral("sh"), mountPoint,
                QStringLiteral(STRATA_BINARY), QStringLiteral("analyze"), referenceCase(), QStringLiteral("--format"),
                QStringLiteral("json"), QStringLiteral("-o"), mountPoint + QStringLiteral("/report.json") });
        QVERIFY(p.waitForFinished(120000));
        const QString err = QString::fromLocal8Bit(p.readAllStandardError());
        if (p.exitCode() == 77 || (p.exitCode() == 1 && err.contains(QStringLiteral("unshare failed"))))
            QSKIP("this machine does not allow a private tmpfs mount (needs CAP_SYS_ADMIN)");
        QCOMPARE(p.exitCode(), 1);
        QVERIFY2(err.contains(QStringLiteral("report.json: cannot write")), qPrintable(err));
        QVERIFY2(err.contains(QStringLiteral("No space left on device")), qPrintable(err));
    }

    void controlCharactersNeverReachTheTerminal()
    {
        QTemporaryDir dir;
        const QString casePath = dir.filePath(QStringLiteral("case.yaml"));
        // ESC in the title and a value, BEL and CR in a missing evidence path (which stderr quotes).
        writeFile(casePath,
            "strata: 1\ntitle: \"t\\e[31m\"\nevidence:\n  - path: live.yaml\n    role: live\n  - path: "
            "\"gone\\a\\r.yaml\"\n");
        writeFile(dir.filePath(QStringLiteral("live.yaml")),
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  k: \"x\\e[2Jy\"\n");
        for (const char *format : { "markdown", "json" }) {
            const HeadlessRun r = run({ casePath, QStringLiteral("--format"), QLatin1String(format) });
            QCOMPARE(r.exitCode, 3);
            for (char c : { '\x1b', '\a', '\r', '\0' }) {
                QVERIFY2(!r.out.contains(c), format);
                QVERIFY2(!r.err.contains(QLatin1Char(c)), qPrintable(r.err));
            }
            QVERIFY2(r.err.contains(QStringLiteral("gone\\x07\\r.yaml")), qPrintable(r.err));
            if (QByteArrayView(format) == "markdown")
                QVERIFY2(r.out.contains("# `t\\x1b[31m`"), r.out.constData()); // the title, escaped, in a code span
        }
    }

    void brokenEvidenceFileIsNamed()
    {
        QTemporaryDir dir;
        const QString casePath = dir.filePath(QStringLiteral("case.yaml"));
        writeFile(casePath, "strata: 1\nevidence:\n  - path: state.tfstate\n");
        writeFile(dir.filePath(QStringLiteral("state.tfstate")), "{\n  \"version\": 4,\n  \"serial\": oops\n}\n");
        const HeadlessRun r = run({ casePath, QStringLiteral("--format"), QStringLiteral("markdown") });
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.err.contains(QStringLiteral("state.tfstate:3:")), qPrintable(r.err));
    }

    void referenceCaseIsCompleteAndExitsZero()
    {
        const HeadlessRun r = run({ referenceCase() });
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(QJsonDocument::fromJson(r.out).object().value(QStringLiteral("complete")).toBool(false), true);
        const HeadlessRun help = run({ QStringLiteral("--help") });
        QVERIFY(help.out.contains("  3  the analysis ran but is incomplete"));
    }
};

STRATA_TEST_MAIN(TestAnalyzeCli)
#include "tst_analyzecli.moc"
