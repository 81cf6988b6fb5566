// A repository named by URL: cloned once into the cache (XDG, under the test
// mode's own folder), fetched — not cloned — next time, analysed like a local
// one, never keeping a password from the URL, and a failure said without one.
// Remotes are file:// URLs of repositories the test makes: no network.

#include "StrataTestMain.h"
#include "TestFiles.h"
#include "TestRepository.h"

#include "case/CaseFileReader.h"
#include "core/JobRunner.h"
#include "core/RemoteUrl.h"
#include "git/GitCredentials.h"
#include "git/GitRemote.h"
#include "history/FieldHistory.h"
#include "investigation/Analyzer.h"

#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QUrl>

#include <git2.h>

using namespace strata;

namespace {

QDateTime at(const char *iso)
{
    return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate);
}

QByteArray flags(const char *limit)
{
    return QByteArray("resource \"kubernetes_config_map\" \"flags\" {\n  metadata {\n    name      = \"flags\"\n"
                      "    namespace = \"shop\"\n  }\n  data = {\n    limit = \"")
        + limit + "\"\n  }\n}\n";
}

CaseFile caseFor(const QString &folder, const QString &url)
{
    const QString path = folder + QStringLiteral("/case.yaml");
    writeFile(path, "strata: 1\nsources:\n  terraform:\n    repo: " + url.toUtf8() + "\n    dir: stack\n");
    return *CaseFileReader::readFile(path).caseFile;
}

QString codeLimit(const AnalysisResult &r)
{
    for (const ResourceDiff &d : r.resources)
        for (const FieldDiff &f : d.fields)
            if (f.path == QLatin1String("data.limit"))
                return f.cell(Column::Code).value.text;
    return {};
}

} // namespace

class TestGitRemote : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void urlsAndTheirCacheFolders()
    {
        for (const char *url : { "https://github.com/acme/infra.git", "http://git.local/infra", "ssh://git@host/x.git",
                 "git://host/x", "file:///srv/git/infra.git", "git@github.com:acme/infra.git" })
            QVERIFY2(RemoteUrl::isUrl(QString::fromLatin1(url)), url);
        for (const char *path : { "../infra", "/srv/git/infra", "infra", "~/src/infra", "C:/x", "a:b" })
            QVERIFY2(!RemoteUrl::isUrl(QString::fromLatin1(path)), path);
        QCOMPARE(RemoteUrl::redacted(QStringLiteral("https://ana:s3cr3t-token@git.example/acme/infra.git")),
            QStringLiteral("https://git.example/acme/infra.git"));
        QCOMPARE(RemoteUrl::redacted(QStringLiteral("https://ghp_t0ken@github.com/acme/infra.git")),
            QStringLiteral("https://github.com/acme/infra.git")); // a token as the user name
        QCOMPARE(
            RemoteUrl::redacted(QStringLiteral("https://u:p@ss@host/x.git")), QStringLiteral("https://host/x.git"));
        QCOMPARE(
            RemoteUrl::redacted(QStringLiteral("ssh://git:pw@host/x.git")), QStringLiteral("ssh://git@host/x.git"));
        QCOMPARE(RemoteUrl::redacted(QStringLiteral("git@github.com:acme/infra.git")),
            QStringLiteral("git@github.com:acme/infra.git"));
        QCOMPARE(RemoteUrl::redacted(QStringLiteral("https://git.example/acme/infra.git")),
            QStringLiteral("https://git.example/acme/infra.git"));
        const QString withToken
            = RemoteUrl::cacheFolder(QStringLiteral("https://ana:s3cr3t-token@git.example/acme/infra.git"));
        QVERIFY(!withToken.contains(QLatin1String("s3cr3t")));
        QCOMPARE(withToken, RemoteUrl::cacheFolder(QStringLiteral("https://ana@git.example/acme/infra.git")));
        QVERIFY(withToken != RemoteUrl::cacheFolder(QStringLiteral("https://git.example/acme/other.git")));
        QVERIFY(withToken.startsWith(QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation)
            + QStringLiteral("/strata/repositories/")));
    }

    void clonedOnceThenFetched()
    {
        QTemporaryDir tmp;
        TestRepository origin(tmp.filePath(QStringLiteral("origin")));
        origin.write(QStringLiteral("stack/flags.tf"), flags("25"));
        const QString first
            = origin.commit(QStringLiteral("Flags"), QStringLiteral("Ana Lima"), at("2026-10-01T09:00:00Z"));
        origin.lightweightTag(QStringLiteral("v1"), first);
        const QString url = QUrl::fromLocalFile(tmp.filePath(QStringLiteral("origin"))).toString();
        QDir(RemoteUrl::cacheFolder(url)).removeRecursively();
        const CaseFile c = caseFor(tmp.path(), url);
        QCOMPARE(c.repositoryPath(), RemoteUrl::cacheFolder(url));

        JobRunner jobs;
        QList<int> progress;
        connect(&jobs, &JobRunner::jobProgress, this, [&](quint64, int done, int) { progress.append(done); });
        std::optional<AnalysisResult> r;
        jobs.start<AnalysisResult>(
            QStringLiteral("analyse"), [c](const JobContext &context) { return Analyzer::analyze(c, &context); },
            [&r](AnalysisResult result) { r = std::move(result); });
        QTRY_VERIFY_WITH_TIMEOUT(r.has_value(), 60000);
        QVERIFY2(r->completeness.isComplete(), qPrintable(r->diagnostics.value(0).toString()));
        QCOMPARE(codeLimit(*r), QStringLiteral("25"));
        QCOMPARE(r->terraformOrigin->commit.id, first);
        bool cloned = false;
        for (const Diagnostic &d : r->diagnostics)
            cloned = cloned || d.message.contains(QLatin1String("cloned into"));
        QVERIFY(cloned);
        QVERIFY(!progress.isEmpty()); // objects arrived with progress
        QVERIFY(QFileInfo(RemoteUrl::cacheFolder(url) + QStringLiteral("/HEAD")).isFile());
        QVERIFY(!QFileInfo::exists(RemoteUrl::cacheFolder(url) + QStringLiteral("/stack"))); // bare: no work tree

        // Upstream moves on: the next analysis fetches (not clones) and sees it, tags too.
        origin.write(QStringLiteral("stack/flags.tf"), flags("40"));
        const QString second
            = origin.commit(QStringLiteral("Raise"), QStringLiteral("Bo Chen"), at("2026-10-02T09:00:00Z"));
        origin.lightweightTag(QStringLiteral("v2"), second);
        const AnalysisResult again = Analyzer::analyze(c);
        QCOMPARE(codeLimit(again), QStringLiteral("40"));
        QCOMPARE(again.terraformOrigin->commit.id, second);
        bool fetched = false;
        for (const Diagnostic &d : again.diagnostics)
            fetched = fetched || d.message.contains(QLatin1String("fetched into"));
        QVERIFY(fetched);
        writeFile(tmp.filePath(QStringLiteral("case.yaml")),
            "strata: 1\nsources:\n  terraform:\n    repo: " + url.toUtf8() + "\n    ref: v1\n    dir: stack\n");
        const CaseFile atTag = *CaseFileReader::readFile(tmp.filePath(QStringLiteral("case.yaml"))).caseFile;
        QCOMPARE(codeLimit(Analyzer::analyze(atTag)), QStringLiteral("25"));
        // History reads the same copy.
        const HistoryResult h = FieldHistory::run(c,
            { { ResourceId { QStringLiteral("configmap"), QStringLiteral("shop"), QStringLiteral("flags") },
                QStringLiteral("data.limit"), std::nullopt } });
        QCOMPARE(h.changes.size(), 2);
        QDir(RemoteUrl::cacheFolder(url)).removeRecursively();
    }

    void unreachableRemotesAreSaidWithoutTheirPassword()
    {
        QTemporaryDir tmp;
        // Nothing listens there, and nothing is created: the clone fails whole.
        const QString url = QStringLiteral("file://") + tmp.filePath(QStringLiteral("nothing-here"));
        const GitSyncResult missing = GitRemote::sync(url);
        QVERIFY(missing.path.isEmpty());
        QVERIFY(!missing.error.isEmpty());
        QVERIFY(!QFileInfo::exists(RemoteUrl::cacheFolder(url)));
        QVERIFY(!QFileInfo::exists(RemoteUrl::cacheFolder(url) + QStringLiteral(".partial")));
        const AnalysisResult r = Analyzer::analyze(caseFor(tmp.path(), url));
        QVERIFY(!r.completeness.isComplete()); // never a false all-clear

        // A password in an https URL never reaches a message (127.0.0.1:9 discards; nothing answers there).
        const QString secret = QStringLiteral("https://ana:pl4nted-t0ken@127.0.0.1:9/acme/infra.git");
        const AnalysisResult failed = Analyzer::analyze(caseFor(tmp.path(), secret));
        QVERIFY(!failed.completeness.isComplete());
        for (const Diagnostic &d : failed.diagnostics)
            QVERIFY2(!d.toString().contains(QLatin1String("pl4nted")), qPrintable(d.toString()));
        QVERIFY(failed.terraformOrigin);
        QVERIFY(!failed.terraformOrigin->repository.contains(QLatin1String("pl4nted")));
    }

    void cancellingACloneLeavesNothing()
    {
        QTemporaryDir tmp;
        TestRepository origin(tmp.filePath(QStringLiteral("origin")));
        for (int i = 0; i < 20; ++i)
            origin.write(QStringLiteral("stack/f%1.tf").arg(i), flags(QByteArray::number(i).constData()));
        origin.commit(QStringLiteral("Many"), QStringLiteral("Ana Lima"), at("2026-10-01T09:00:00Z"));
        const QString url = QUrl::fromLocalFile(tmp.filePath(QStringLiteral("origin"))).toString();
        QDir(RemoteUrl::cacheFolder(url)).removeRecursively();
        int calls = 0;
        const GitSyncResult r = GitRemote::sync(url, [&calls](qint64, qint64, qint64) { return ++calls < 2; });
        QVERIFY(r.cancelled);
        QVERIFY(r.path.isEmpty());
        QVERIFY(r.error.contains(QLatin1String("cancelled")));
        QVERIFY(!QFileInfo::exists(RemoteUrl::cacheFolder(url)));
        QVERIFY(!QFileInfo::exists(RemoteUrl::cacheFolder(url) + QStringLiteral(".partial")));
    }

    // git's credential helper protocol, with a helper the test writes (no
    // remote asks: the helper is called as libgit2's callback would).
    void credentialsComeFromGitsHelpers()
    {
        QTemporaryDir tmp;
        const QString helper = tmp.filePath(QStringLiteral("git-credential-test"));
        writeFile(helper,
            "#!/bin/sh\n[ \"$1\" = get ] || exit 0\nwhile read -r line; do [ -z \"$line\" ] && break;\n"
            "case \"$line\" in host=*) host=${line#host=};; esac; done\n"
            "[ \"$host\" = git.example ] && printf 'username=ana\\npassword=from-helper\\n'\n");
        QFile::setPermissions(helper, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        // libgit2 reads the global configuration from its search path: this test's folder.
        writeFile(tmp.filePath(QStringLiteral(".gitconfig")),
            "[credential]\n\thelper = " + helper.toUtf8()
                + "\n[credential \"https://scoped.example\"]\n\thelper = !printf "
                  "'username=sc\\\\npassword=scoped-pw\\\\n'\n");
        git_libgit2_init();
        const QByteArray folder = QFile::encodeName(tmp.path());
        git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, GIT_CONFIG_LEVEL_GLOBAL, folder.constData());
        git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, GIT_CONFIG_LEVEL_XDG, folder.constData());
        git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, GIT_CONFIG_LEVEL_SYSTEM, folder.constData());
        QCOMPARE(
            GitCredentials::configuredHelpers(QStringLiteral("https://git.example/x.git")), QStringList { helper });
        QCOMPARE(GitCredentials::configuredHelpers(QStringLiteral("https://scoped.example/x.git")).size(), 2);
        const auto scoped = GitCredentials::fromHelpers(QStringLiteral("https://scoped.example/acme/x.git"), QString());
        const auto c = GitCredentials::fromHelpers(QStringLiteral("https://git.example/acme/infra.git"), QString());
        const auto none = GitCredentials::fromHelpers(QStringLiteral("https://elsewhere.example/x.git"), QString());
        for (int level : { GIT_CONFIG_LEVEL_GLOBAL, GIT_CONFIG_LEVEL_XDG, GIT_CONFIG_LEVEL_SYSTEM })
            git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, level, nullptr); // back to libgit2's defaults
        git_libgit2_shutdown();
        QVERIFY(c.has_value());
        QCOMPARE(c->user, QStringLiteral("ana"));
        QCOMPARE(c->password, QStringLiteral("from-helper"));
        QVERIFY(!none.has_value());
        QVERIFY(scoped.has_value()); // the URL-scoped helper, run through the shell, answers
        QCOMPARE(scoped->password, QStringLiteral("scoped-pw"));
    }
};

STRATA_TEST_MAIN(TestGitRemote)
#include "tst_gitremote.moc"
