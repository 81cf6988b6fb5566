// The built `strata` binary as a user runs it: output and exit status.
#include "HeadlessRun.h"
#include "StrataTestMain.h"

#include "core/BuildInfo.h"

class TestCli : public QObject
{
    Q_OBJECT
private:
    static HeadlessRun run(const QStringList &args) { return runHeadless(QStringLiteral(STRATA_BINARY), args); }

private Q_SLOTS:
    void version()
    {
        const HeadlessRun r = run({ QStringLiteral("--version") });
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.outText(), QStringLiteral("strata %1\n").arg(strata::BuildInfo::version()));
        QVERIFY(r.err.isEmpty());
    }

    void help()
    {
        const HeadlessRun r = run({ QStringLiteral("--help") });
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.outText().startsWith(QStringLiteral("Usage: strata")));
        QVERIFY(r.outText().contains(QStringLiteral("--version")));
    }

    void unknownOptionExitsWithTwoAndOneLine()
    {
        const HeadlessRun r = run({ QStringLiteral("--no-such-option") });
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.out.isEmpty());
        QCOMPARE(r.err.count(QLatin1Char('\n')), 1);
        QVERIFY(r.err.startsWith(QStringLiteral("strata: unknown option '--no-such-option'")));
    }
};

STRATA_TEST_MAIN(TestCli)
#include "tst_cli.moc"
