// Command-line parsing, decided before any window exists.
#include "StrataTestMain.h"

#include "CommandLine.h"

class TestCommandLine : public QObject
{
    Q_OBJECT
private:
    static CommandLineRequest parse(const QStringList &args)
    {
        return CommandLine::parse(QStringList { QStringLiteral("strata") } + args);
    }

private Q_SLOTS:
    void noArgumentsOpensTheReferenceCase()
    {
        const auto r = parse({});
        QCOMPARE(r.action, CommandLineRequest::Action::OpenGui);
        QVERIFY(r.caseFile.isEmpty());
    }

    void fileArgumentOpensIt()
    {
        const auto r = parse({ QStringLiteral("incident.yaml") });
        QCOMPARE(r.action, CommandLineRequest::Action::OpenGui);
        QCOMPARE(r.caseFile, QStringLiteral("incident.yaml"));
        // After "--", a file name may start with a dash.
        QCOMPARE(parse({ QStringLiteral("--"), QStringLiteral("-odd.yaml") }).caseFile, QStringLiteral("-odd.yaml"));
    }

    void versionAndHelp()
    {
        QCOMPARE(parse({ QStringLiteral("--version") }).action, CommandLineRequest::Action::PrintVersion);
        QCOMPARE(parse({ QStringLiteral("-v") }).action, CommandLineRequest::Action::PrintVersion);
        QCOMPARE(parse({ QStringLiteral("--help") }).action, CommandLineRequest::Action::PrintHelp);
        QCOMPARE(parse({ QStringLiteral("-h") }).action, CommandLineRequest::Action::PrintHelp);
        QVERIFY(CommandLine::helpText().startsWith(QStringLiteral("Usage: strata")));
        QVERIFY(CommandLine::versionText().startsWith(QStringLiteral("strata 0.")));
    }

    void unknownOptionIsAUsageError()
    {
        const auto r = parse({ QStringLiteral("--frobnicate") });
        QCOMPARE(r.action, CommandLineRequest::Action::UsageError);
        QVERIFY(r.error.contains(QStringLiteral("--frobnicate")));
        QVERIFY(!r.error.contains(QLatin1Char('\n')));
        QCOMPARE(CommandLine::usageErrorExitCode, 2);
    }

    void twoFilesIsAUsageError()
    {
        const auto r = parse({ QStringLiteral("a.yaml"), QStringLiteral("b.yaml") });
        QCOMPARE(r.action, CommandLineRequest::Action::UsageError);
    }

    void qtOptionsPassThrough()
    {
        const auto r = parse({ QStringLiteral("-platform"), QStringLiteral("offscreen"), QStringLiteral("c.yaml") });
        QCOMPARE(r.action, CommandLineRequest::Action::OpenGui);
        QCOMPARE(r.caseFile, QStringLiteral("c.yaml"));
        QCOMPARE(parse({ QStringLiteral("-style") }).action, CommandLineRequest::Action::UsageError);
    }
};

STRATA_TEST_MAIN(TestCommandLine)
#include "tst_commandline.moc"
