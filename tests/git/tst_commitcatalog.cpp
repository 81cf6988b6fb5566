// What the commit picker and the History panel read from a repository:
// branches and tags (compared with `git for-each-ref`), the log (with `git
// log`), what one commit changed in the stack (with `git show`), with state
// files and private keys kept out; and the two item models that show them.

#include "StrataTestMain.h"
#include "TestFiles.h"
#include "TestRepository.h"

#include "case/CaseFileReader.h"
#include "history/CommitCatalog.h"
#include "itemmodels/CommitListModel.h"
#include "itemmodels/HistoryModel.h"

#include <QAbstractItemModelTester>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>

using namespace strata;

namespace {

QDateTime at(const char *iso)
{
    return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate);
}

CaseFile caseAt(const QString &folder, const QByteArray &extra = {})
{
    const QString path = folder + QStringLiteral("/case.yaml");
    writeFile(path, "strata: 1\nsources:\n  terraform:\n    repo: infra\n    dir: stack\n" + extra);
    return *CaseFileReader::readFile(path).caseFile;
}

QString runGit(const QString &folder, const QStringList &args)
{
    QProcess git;
    git.setWorkingDirectory(folder);
    git.start(QStringLiteral("git"), args);
    git.waitForFinished(30000);
    return QString::fromUtf8(git.readAllStandardOutput());
}

// The changed lines of a patch ("+x", "-y"), without the file headers.
QStringList changedLines(const QString &patch)
{
    QStringList out;
    for (const QString &line : patch.split(QLatin1Char('\n'))) {
        if ((line.startsWith(QLatin1Char('+')) && !line.startsWith(QLatin1String("+++")))
            || (line.startsWith(QLatin1Char('-')) && !line.startsWith(QLatin1String("---"))))
            out.append(line);
    }
    return out;
}

struct Repo
{
    QString c1, c2, c3;
};

Repo build(TestRepository &repo)
{
    Repo r;
    repo.write(QStringLiteral("stack/main.tf"), "locals {\n  limit = 25\n}\n");
    repo.write(
        QStringLiteral("stack/terraform.tfstate"), "{\"version\": 4, \"serial\": 1, \"secret\": \"s3cr3t-one\"}\n");
    r.c1 = repo.commit(QStringLiteral("Stack"), QStringLiteral("Ana Lima"), at("2026-10-01T09:00:00+02:00"));
    repo.write(QStringLiteral("stack/main.tf"),
        "locals {\n  limit = 40\n}\n# -----BEGIN RSA PRIVATE KEY-----\n# MIIEkeymaterial\n# -----END RSA PRIVATE "
        "KEY-----\n");
    repo.write(
        QStringLiteral("stack/terraform.tfstate"), "{\"version\": 4, \"serial\": 2, \"secret\": \"s3cr3t-two\"}\n");
    repo.write(QStringLiteral("docs/README.md"), "not the stack\n");
    r.c2 = repo.commit(QStringLiteral("Raise the limit"), QStringLiteral("Bo Chen"), at("2026-10-02T09:00:00-05:00"));
    repo.lightweightTag(QStringLiteral("v1"), r.c1);
    repo.annotatedTag(QStringLiteral("v2"), r.c2, QStringLiteral("Second release"));
    repo.branch(QStringLiteral("feature"), r.c1);
    repo.write(QStringLiteral("stack/main.tf"), "locals {\n  limit = 50\n}\n");
    r.c3 = repo.commit(QStringLiteral("Fifty"), QStringLiteral("Cy Dee"), at("2026-10-03T09:00:00Z"));
    return r;
}

} // namespace

class TestCommitCatalog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void branchesTagsAndTheLog()
    {
        QTemporaryDir tmp;
        TestRepository repo(tmp.filePath(QStringLiteral("infra")));
        const Repo r = build(repo);
        const CommitCatalog catalog = CommitCatalogs::read(caseAt(tmp.path()));
        QVERIFY2(catalog.error.isEmpty(), qPrintable(catalog.error));
        QStringList refs;
        for (const GitReference &ref : catalog.references)
            refs.append(QStringLiteral("%1 %2 %3%4")
                            .arg(GitReferences::kindName(ref.kind), ref.name, ref.commitId.left(7),
                                ref.isHead ? QStringLiteral(" HEAD") : QString()));
        QCOMPARE(refs,
            (QStringList { QStringLiteral("branch feature ") + r.c1.left(7),
                QStringLiteral("branch main ") + r.c3.left(7) + QStringLiteral(" HEAD"),
                QStringLiteral("tag v1 ") + r.c1.left(7), QStringLiteral("tag v2 ") + r.c2.left(7) }));
        QCOMPARE(catalog.referenced.value(r.c2).subject, QStringLiteral("Raise the limit"));
        QCOMPARE(catalog.current, r.c3);
        QStringList log;
        for (const GitCommit &c : catalog.log)
            log.append(c.id);
        QCOMPARE(log, (QStringList { r.c3, r.c2, r.c1 }));
        QVERIFY(!catalog.more);

        const CommitCatalog limited = CommitCatalogs::read(caseAt(tmp.path()), 2);
        QCOMPARE(limited.log.size(), 2);
        QVERIFY(limited.more);
        const CommitCatalog onTag = CommitCatalogs::read(caseAt(tmp.path(), "    ref: v2\n"));
        QCOMPARE(onTag.current, r.c2); // an annotated tag is peeled to its commit

        if (QStandardPaths::findExecutable(QStringLiteral("git")).isEmpty())
            QSKIP("git is not installed: the comparison with git for-each-ref and git log is skipped");
        const QString folder = tmp.filePath(QStringLiteral("infra"));
        QStringList expected;
        for (const QString &line : runGit(folder,
                 { QStringLiteral("for-each-ref"),
                     QStringLiteral("--format=%(refname:short) %(*objectname)%(objectname)"),
                     QStringLiteral("refs/heads"), QStringLiteral("refs/tags") })
                                       .split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
            // %(*objectname) is the peeled commit of an annotated tag; empty otherwise.
            const QStringList parts = line.split(QLatin1Char(' '));
            expected.append(parts.at(0) + QLatin1Char(' ') + parts.at(1).left(40));
        }
        QStringList ours;
        for (const GitReference &ref : catalog.references)
            ours.append(ref.name + QLatin1Char(' ') + ref.commitId);
        QCOMPARE(ours, expected);
        QCOMPARE(log,
            runGit(folder, { QStringLiteral("log"), QStringLiteral("--format=%H") })
                .split(QLatin1Char('\n'), Qt::SkipEmptyParts));
    }

    void whatACommitChangedInTheStack()
    {
        QTemporaryDir tmp;
        TestRepository repo(tmp.filePath(QStringLiteral("infra")));
        const Repo r = build(repo);
        const CaseFile c = caseAt(tmp.path());

        const GitCommitPatch second = CommitCatalogs::patch(c, r.c2);
        QVERIFY2(second.error.isEmpty(), qPrintable(second.error));
        QCOMPARE(
            second.files, (QStringList { QStringLiteral("stack/main.tf"), QStringLiteral("stack/terraform.tfstate") }));
        QVERIFY(second.text.contains(QLatin1String("-  limit = 25")));
        QVERIFY(second.text.contains(QLatin1String("+  limit = 40")));
        QVERIFY(!second.text.contains(QLatin1String("README"))); // outside the stack's folder
        QVERIFY(!second.text.contains(QLatin1String("s3cr3t"))); // state is never shown
        QVERIFY(second.text.contains(QLatin1String("state file stack/terraform.tfstate changed: not shown")));
        QVERIFY(!second.text.contains(QLatin1String("MIIEkeymaterial")));
        QVERIFY(second.text.contains(QLatin1String("a private key, not shown")));

        const GitCommitPatch root = CommitCatalogs::patch(c, r.c1); // no parent: everything is added
        QVERIFY(root.text.contains(QLatin1String("+  limit = 25")));
        QVERIFY(!changedLines(root.text).join(QLatin1Char('\n')).contains(QLatin1Char('-')));
        QVERIFY(!CommitCatalogs::patch(c, QStringLiteral("0123456789012345678901234567890123456789")).error.isEmpty());

        if (QStandardPaths::findExecutable(QStringLiteral("git")).isEmpty())
            QSKIP("git is not installed: the comparison with git show is skipped");
        // c3 removes the key too: git shows its three lines, Strata masks each.
        const GitCommitPatch third = CommitCatalogs::patch(c, r.c3);
        QStringList fromGit = changedLines(runGit(tmp.filePath(QStringLiteral("infra")),
            { QStringLiteral("show"), QStringLiteral("--format="), r.c3, QStringLiteral("--"),
                QStringLiteral("stack/") }));
        QCOMPARE(fromGit.size(), 5);
        for (int i = 2; i < 5; ++i)
            fromGit[i] = QStringLiteral("-•••• (a private key, not shown)");
        QCOMPARE(changedLines(third.text), fromGit);
    }

    // A hunk that starts inside a key (only its last lines and END are in
    // the context) is masked from its start; state under another name is
    // still state.
    void keysCutByAHunkAndStateByAnyName()
    {
        QTemporaryDir tmp;
        TestRepository repo(tmp.filePath(QStringLiteral("infra")));
        QByteArray key = "# -----BEGIN EC PRIVATE KEY-----\n";
        for (int i = 0; i < 12; ++i)
            key += "# planted-key-line-" + QByteArray::number(i) + "\n";
        key += "# -----END EC PRIVATE KEY-----\n";
        repo.write(QStringLiteral("stack/main.tf"), key + "locals {\n  limit = 25\n}\n");
        repo.write(QStringLiteral("stack/prod-state.json"), "{\"version\": 4, \"secret\": \"s3cr3t-one\"}\n");
        repo.write(QStringLiteral("stack/terraform.tfstate.1700000000.backup"), "{\"secret\": \"s3cr3t-one\"}\n");
        repo.commit(QStringLiteral("One"), QStringLiteral("Ana Lima"), at("2026-10-01T09:00:00Z"));
        repo.write(QStringLiteral("stack/main.tf"), key + "locals {\n  limit = 40\n}\n");
        repo.write(QStringLiteral("stack/prod-state.json"), "{\"version\": 4, \"secret\": \"s3cr3t-two\"}\n");
        repo.write(QStringLiteral("stack/terraform.tfstate.1700000000.backup"), "{\"secret\": \"s3cr3t-two\"}\n");
        const QString two = repo.commit(QStringLiteral("Two"), QStringLiteral("Bo Chen"), at("2026-10-02T09:00:00Z"));
        const GitCommitPatch p = CommitCatalogs::patch(caseAt(tmp.path(), "    state: stack/prod-state.json\n"), two);
        QVERIFY2(p.error.isEmpty(), qPrintable(p.error));
        QVERIFY(p.text.contains(QLatin1String("+  limit = 40")));
        QVERIFY2(!p.text.contains(QLatin1String("planted-key-line")), qPrintable(p.text));
        QVERIFY(p.text.contains(QLatin1String("a private key, not shown")));
        QVERIFY2(!p.text.contains(QLatin1String("s3cr3t")), qPrintable(p.text));
        QCOMPARE(p.text.count(QLatin1String("changed: not shown")), 2);
    }

    void theModelsShowWhatTheyAreGiven()
    {
        FieldChange change;
        change.commit.id = QStringLiteral("a1b2c3d4e5f60718293a4b5c6d7e8f9012345678");
        change.commit.shortId = change.commit.id.left(7);
        change.commit.author = QStringLiteral("Ana <b>Lima</b>\x1b[31m");
        change.commit.time = at("2026-10-01T09:00:00+02:00");
        change.commit.subject = QStringLiteral("Raise");
        change.resource = { QStringLiteral("configmap"), QStringLiteral("shop"), QStringLiteral("flags") };
        change.field = QStringLiteral("data.limit");
        change.before = CellValue { QStringLiteral("25"), {}, CellValue::Kind::Scalar };
        change.after = CellValue { QStringLiteral("40"), {}, CellValue::Kind::Scalar };

        HistoryModel history;
        QAbstractItemModelTester historyTester(&history, QAbstractItemModelTester::FailureReportingMode::QtTest);
        history.appendChanges({ change });
        change.commit.id = QStringLiteral("b") + change.commit.id.mid(1);
        history.appendChanges({ change, change });
        QCOMPARE(history.rowCount(), 3);
        QCOMPARE(history.index(0, HistoryModel::ChangeColumn).data().toString(),
            QStringLiteral("data.limit: \"25\" → \"40\""));
        QCOMPARE(
            history.index(0, HistoryModel::DateColumn).data().toString(), QStringLiteral("2026-10-01 09:00:00 +0200"));
        // Names from a repository are text: no terminal controls, no markup in tooltips.
        QCOMPARE(
            history.index(0, HistoryModel::AuthorColumn).data().toString(), QStringLiteral("Ana <b>Lima</b>\\x1b[31m"));
        QVERIFY(history.index(0, HistoryModel::AuthorColumn)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(QLatin1String("&lt;b&gt;")));
        QCOMPARE(history.index(1, 0).data(HistoryModel::CommitIdRole).toString().left(1), QStringLiteral("b"));
        history.setChanges({});
        QCOMPARE(history.rowCount(), 0);

        CommitListModel list;
        QAbstractItemModelTester listTester(&list, QAbstractItemModelTester::FailureReportingMode::QtTest);
        GitReference main { GitReference::Kind::Branch, QStringLiteral("main"), change.commit.id, true };
        list.setContents({ main }, { change.commit }, { { change.commit.id, change.commit } });
        QCOMPARE(list.rowCount(), 2);
        QCOMPARE(
            list.index(0, CommitListModel::NameColumn).data().toString(), QStringLiteral("main (branch, checked out)"));
        QCOMPARE(list.index(0, 0).data(CommitListModel::RevisionRole).toString(), QStringLiteral("main"));
        QCOMPARE(list.index(1, 0).data(CommitListModel::RevisionRole).toString(), change.commit.id);
        QCOMPARE(list.index(1, CommitListModel::SubjectColumn).data().toString(), QStringLiteral("Raise"));
    }
};

STRATA_TEST_MAIN(TestCommitCatalog)
#include "tst_commitcatalog.moc"
