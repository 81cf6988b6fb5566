// The built `strata` binary as a user runs it: output and exit status.
#include "StrataTestMain.h"

#include "core/BuildInfo.h"

#include <QProcess>

class TestCli : public QObject
{
    Q_OBJECT
private:
    struct Run
    {
        int exitCode;
        QString out;
        QString err;
    };

    static Run run(const QStringList &args)
    {
        QProcess p;
        p.setProgram(QStringLiteral(STRATA_BINARY));
        p.setArguments(args);
        // No display: these must all work without one.
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("DISPLAY"));
        env.remove(QStringLiteral("WAYLAND_DISPLAY"));
        env.remove(QStringLiteral("QT_QPA_PLATFORM"));
        p.setProcessEnvironment(env);
        p.start();
        if (!p.waitForFinished(60000))
            return { -1, {}, QStringLiteral("timed out") };
        return { p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2,
            QString::fromLocal8Bit(p.readAllStandardOutput()), QString::fromLocal8Bit(p.readAllStandardError()) };
    }

private Q_SLOTS:
    void version()
    {
        const Run r = run({ QStringLiteral("--version") });
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, QStringLiteral("strata %1\n").arg(strata::BuildInfo::version()));
        QVERIFY(r.err.isEmpty());
    }

    void help()
    {
        const Run r = run({ QStringLiteral("--help") });
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.startsWith(QStringLiteral("Usage: strata")));
        QVERIFY(r.out.contains(QStringLiteral("--version")));
    }

    void unknownOptionExitsWithTwoAndOneLine()
    {
        const Run r = run({ QStringLiteral("--no-such-option") });
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.out.isEmpty());
        QCOMPARE(r.err.count(QLatin1Char('\n')), 1);
        QVERIFY(r.err.startsWith(QStringLiteral("strata: unknown option '--no-such-option'")));
    }
};

STRATA_TEST_MAIN(TestCli)
#include "tst_cli.moc"
