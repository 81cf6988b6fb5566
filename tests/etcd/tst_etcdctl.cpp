// etcdctl output: the real 3.4.23 captures, the reference case, and the
// shapes people paste from tickets (simple format, --cluster, 3.6 columns,
// wrapped ERRORS, warnings, CRLF, ids above 2^63, broken rows).
#include "StrataTestMain.h"
#include "TestFiles.h"

#include "etcd/EtcdctlParser.h"
#include "etcd/EtcdctlValues.h"

#include <QElapsedTimer>
#include <QFile>

using namespace strata;

namespace {

QByteArray fixture(const char *name)
{
    return readFile(QStringLiteral(STRATA_TEST_SOURCE_DIR "/data/") + QLatin1String(name));
}

int count(const QList<Diagnostic> &diagnostics, Diagnostic::Severity severity)
{
    return int(std::count_if(
        diagnostics.cbegin(), diagnostics.cend(), [severity](const Diagnostic &d) { return d.severity == severity; }));
}

} // namespace

class TestEtcdctl : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void values()
    {
        QCOMPARE(EtcdctlValues::parseByteSize(u"20 kB"), quint64(20000));
        QCOMPARE(EtcdctlValues::parseByteSize(u"4.1 MB"), quint64(4100000));
        QCOMPARE(EtcdctlValues::parseByteSize(u"1.2 GiB"), quint64(1288490189));
        QCOMPARE(EtcdctlValues::parseByteSize(u"0 B"), quint64(0));
        QCOMPARE(EtcdctlValues::parseByteSize(u"7MB"), quint64(7000000));
        QCOMPARE(EtcdctlValues::parseByteSize(u"512"), quint64(512));
        QVERIFY(!EtcdctlValues::parseByteSize(u"4 parsecs"));
        QVERIFY(!EtcdctlValues::parseByteSize(u"MB"));
        QVERIFY(!EtcdctlValues::parseByteSize(u"99999999 EiB"));
        QCOMPARE(EtcdctlValues::parseHexId(u"8e9e05c52164694d"), quint64(0x8e9e05c52164694dULL));
        QVERIFY(!EtcdctlValues::parseHexId(u"8e9e05c52164694d0"));
        QCOMPARE(EtcdctlValues::hexId(0x2e1259d415f2a040ULL), QStringLiteral("2e1259d415f2a040"));
        QCOMPARE(EtcdctlValues::hexId(0x1f), QStringLiteral("1f"));
        QCOMPARE(EtcdctlValues::parseUnsigned(u"18446744073709551615"), std::numeric_limits<quint64>::max());
        QVERIFY(!EtcdctlValues::parseUnsigned(u"18446744073709551616"));
        QCOMPARE(EtcdctlValues::parseSigned(u"-1"), qint64(-1));
        QCOMPARE(EtcdctlValues::parseGoDurationSeconds(u"4.691586ms").value_or(-1), 0.004691586);
        QCOMPARE(EtcdctlValues::parseGoDurationSeconds(u"1m30s").value_or(-1), 90.0);
        QVERIFY(!EtcdctlValues::parseGoDurationSeconds(u"soon"));
    }

    void realCaptures()
    {
        const auto out
            = EtcdctlParser::parse(readFile(QStringLiteral(STRATA_SHARED_DIR "/testdata/etcd/etcd-3.4.23-outputs.txt")),
                QStringLiteral("cap.txt"));
        QVERIFY2(!hasErrors(out.diagnostics), qPrintable(diagnosticsText(out.diagnostics)));
        // table + json from etcdctl, plus the gateway's /maintenance/status answer
        QCOMPARE(out.statuses.size(), 3);
        const EtcdEndpointStatus &gateway = out.statuses.at(0);
        QCOMPARE(gateway.endpoint, QString());
        QCOMPARE(gateway.memberId, quint64(3319814642761637952ULL));
        QCOMPARE(gateway.dbSizeBytes, quint64(20480));
        QCOMPARE(gateway.location.line, 3);
        const EtcdEndpointStatus &table = out.statuses.at(1);
        QCOMPARE(table.endpoint, QStringLiteral("http://127.0.0.1:23790"));
        QCOMPARE(table.memberIdHex, QStringLiteral("2e1259d415f2a040"));
        QCOMPARE(table.memberId, quint64(3319814642761637952ULL));
        QCOMPARE(table.version, QStringLiteral("3.4.23"));
        QCOMPARE(table.dbSizeBytes, quint64(20000));
        QCOMPARE(table.dbSizeText, QStringLiteral("20 kB"));
        QVERIFY(table.isLeader);
        QVERIFY(!table.isLearner);
        QCOMPARE(table.raftTerm, quint64(2));
        QCOMPARE(table.raftIndex, quint64(34));
        QCOMPARE(table.raftAppliedIndex, quint64(34));
        QVERIFY(table.errors.isEmpty());
        QCOMPARE(table.location.line, 12);
        const EtcdEndpointStatus &json = out.statuses.at(2);
        QCOMPARE(json.memberId, table.memberId);
        QCOMPARE(json.memberIdHex, table.memberIdHex);
        QCOMPARE(json.dbSizeBytes, quint64(20480));
        QCOMPARE(json.dbSizeInUseBytes, std::optional<quint64>(16384));
        QCOMPARE(json.clusterId, std::optional<quint64>(324952591200643719ULL));
        QCOMPARE(json.revision, std::optional<qint64>(8));
        QVERIFY(json.isLeader);
        QCOMPARE(json.raftIndex, quint64(34));
        QCOMPARE(json.location.line, 15);
        QCOMPARE(json.location.column, 2);

        // gateway member list, table, json
        QCOMPARE(out.members.size(), 3);
        for (const EtcdMember &m : out.members) {
            QCOMPARE(m.id, quint64(3319814642761637952ULL));
            QCOMPARE(m.idHex, QStringLiteral("2e1259d415f2a040"));
            QCOMPARE(m.name, QStringLiteral("r1"));
            QCOMPARE(m.status, QStringLiteral("started"));
            QCOMPARE(m.peerUrls, QStringList { QStringLiteral("http://127.0.0.1:23800") });
            QCOMPARE(m.clientUrls, QStringList { QStringLiteral("http://127.0.0.1:23790") });
            QVERIFY(!m.isLearner);
        }
        QCOMPARE(out.members.at(1).location.line, 20);

        QCOMPARE(out.hashes.size(), 2);
        QCOMPARE(out.hashes.at(0).hash, quint32(3006423610U));
        QCOMPARE(out.hashes.at(0).location.line, 28);
        QVERIFY(!out.hashes.at(0).compactRevision);
        QCOMPARE(out.hashes.at(1).hash, quint32(3006423610U));
        QCOMPARE(out.hashes.at(1).compactRevision, std::optional<qint64>(3));

        QCOMPARE(out.health.size(), 1);
        QVERIFY(out.health.at(0).healthy);
        QCOMPARE(out.health.at(0).took, QStringLiteral("3.459771ms"));
        QVERIFY(out.health.at(0).tookSeconds.has_value());
        QVERIFY(out.errors.isEmpty());
        // the /metrics lines and the gateway hash answer are skipped with notes
        QVERIFY(count(out.diagnostics, Diagnostic::Severity::Note) >= 2);
    }

    void referenceCase()
    {
        const QString path = QStringLiteral(STRATA_SHARED_DIR "/reference-case/artifacts/etcdctl-endpoint-status.txt");
        const QByteArray text = readFile(path);
        QVERIFY(EtcdctlParser::looksLikeEtcdctl(text));
        const auto out = EtcdctlParser::parse(text, path);
        QVERIFY2(out.diagnostics.isEmpty(), qPrintable(diagnosticsText(out.diagnostics)));
        QCOMPARE(out.statuses.size(), 3);
        const QStringList hex { QStringLiteral("8e9e05c52164694d"), QStringLiteral("3a57933972cb8131"),
            QStringLiteral("bf9071f4639c75cc") };
        for (int i = 0; i < 3; ++i) {
            const auto &s = out.statuses.at(i);
            QCOMPARE(s.endpoint, QStringLiteral("https://etcd-%1:2379").arg(i));
            QCOMPARE(s.memberIdHex, hex.at(i));
            QCOMPARE(s.raftTerm, quint64(47));
            QCOMPARE(s.raftIndex, quint64(289341));
            QCOMPARE(s.raftAppliedIndex, quint64(289341));
            QCOMPARE(s.dbSizeBytes, quint64(4100000));
            QCOMPARE(s.isLeader, i == 1);
            QCOMPARE(s.location, (SourceLocation { path, 5 + i, 3 }));
        }
        QCOMPARE(out.statuses.at(0).memberId, quint64(10276657743932975437ULL)); // above 2^63
    }

    void simpleFormatCluster()
    {
        const auto out = EtcdctlParser::parse(fixture("simple-cluster.txt"), QStringLiteral("s.txt"));
        QVERIFY2(out.diagnostics.isEmpty(), qPrintable(diagnosticsText(out.diagnostics)));
        QCOMPARE(out.statuses.size(), 3);
        QVERIFY(out.statuses.at(1).isLeader);
        QCOMPARE(out.statuses.at(2).memberIdHex, QStringLiteral("1234abcd5678ef90"));
        QCOMPARE(out.statuses.at(2).raftAppliedIndex, quint64(5548990));
        QCOMPARE(out.statuses.at(2).dbSizeBytes, quint64(33000000));
        QCOMPARE(out.statuses.at(2).errors,
            (QStringList { QStringLiteral("memberID:1311768467750121360 alarm:NOSPACE"),
                QStringLiteral("memberID:1311768467750121360 alarm:CORRUPT") }));
        QVERIFY(out.statuses.at(0).errors.isEmpty());
        QCOMPARE(out.statuses.at(2).location.line, 4);
        QCOMPARE(out.members.size(), 3);
        QCOMPARE(out.members.at(1).peerUrls.size(), 2);
        QCOMPARE(out.members.at(1).name, QStringLiteral("infra1"));
        QCOMPARE(out.members.at(2).status, QStringLiteral("unstarted"));
        QVERIFY(out.members.at(2).name.isEmpty());
        QVERIFY(out.members.at(2).clientUrls.isEmpty());
        QCOMPARE(out.hashes.size(), 3);
        QCOMPARE(out.hashes.at(2).hash, quint32(901234567));
        QCOMPARE(out.hashes.at(2).location.line, 13);
    }

    void unhealthyMembersAndWarnings()
    {
        const auto out = EtcdctlParser::parse(fixture("unhealthy.txt"), QStringLiteral("u.txt"));
        QVERIFY2(!hasErrors(out.diagnostics), qPrintable(diagnosticsText(out.diagnostics)));
        QCOMPARE(out.health.size(), 3);
        QVERIFY(out.health.at(0).healthy);
        QCOMPARE(out.health.at(0).took, QStringLiteral("12.493862ms"));
        QCOMPARE(out.health.at(1).tookSeconds.value_or(0), 1.2);
        QVERIFY(!out.health.at(2).healthy);
        QCOMPARE(out.health.at(2).endpoint, QStringLiteral("https://10.1.1.3:2379"));
        QCOMPARE(out.health.at(2).error, QStringLiteral("failed to commit proposal: context deadline exceeded"));
        QCOMPARE(out.health.at(2).location.line, 5);
        QCOMPARE(out.errors.size(), 2);
        QCOMPARE(out.errors.at(0).message, QStringLiteral("unhealthy cluster"));
        QCOMPARE(out.errors.at(0).location.line, 6);
        QCOMPARE(out.errors.at(1).endpoint, QStringLiteral("https://10.1.1.3:2379"));
        QCOMPARE(out.errors.at(1).message, QStringLiteral("context deadline exceeded"));
        // the client's retry warning is a note, positioned
        bool sawWarnLog = false;
        for (const Diagnostic &d : out.diagnostics)
            sawWarnLog = sawWarnLog
                || (d.severity == Diagnostic::Severity::Note && d.line == 2
                    && d.message.contains(QLatin1String("retrying of unary invoker failed")));
        QVERIFY2(sawWarnLog, qPrintable(diagnosticsText(out.diagnostics)));
        QCOMPARE(out.statuses.size(), 2);
        QCOMPARE(out.statuses.at(0).memberId, quint64(10276657743932975437ULL));
        QCOMPARE(out.statuses.at(0).memberIdHex, QStringLiteral("8e9e05c52164694d"));
        QVERIFY(out.statuses.at(0).isLeader);
        QCOMPARE(
            out.statuses.at(0).errors, QStringList { QStringLiteral("memberID:10276657743932975437 alarm:NOSPACE") });
        QCOMPARE(out.statuses.at(0).location, (SourceLocation { QStringLiteral("u.txt"), 9, 2 }));
        QVERIFY(!out.statuses.at(1).isLeader);
        QVERIFY(out.statuses.at(1).isLearner);
        QCOMPARE(out.statuses.at(1).raftAppliedIndex, quint64(98));
        QVERIFY(out.statuses.at(1).location.column > 300);
    }

    void wrappedErrorCells()
    {
        const auto out = EtcdctlParser::parse(fixture("wrapped-errors.txt"), QStringLiteral("w.txt"));
        QVERIFY2(out.diagnostics.isEmpty(), qPrintable(diagnosticsText(out.diagnostics)));
        QCOMPARE(out.statuses.size(), 3);
        QCOMPARE(out.statuses.at(0).errors,
            (QStringList { QStringLiteral("memberID:11651542012549490456 alarm:NOSPACE"),
                QStringLiteral("memberID:8903038213291328342 alarm:NOSPACE") }));
        QCOMPARE(out.statuses.at(0).dbSizeBytes, quint64(2100000000));
        QCOMPARE(out.statuses.at(1).errors.size(), 1);
        QCOMPARE(out.statuses.at(1).location.line, 9);
        QCOMPARE(out.statuses.at(2).location.line, 11);
        QCOMPARE(out.statuses.at(2).dbSizeBytes, quint64(1288490189));
        QVERIFY(out.statuses.at(2).isLearner);
    }

    void columnsOf36ByName()
    {
        const auto out = EtcdctlParser::parse(fixture("status-3.6.txt"), QStringLiteral("36.txt"));
        QVERIFY2(out.diagnostics.isEmpty(), qPrintable(diagnosticsText(out.diagnostics)));
        QCOMPARE(out.statuses.size(), 2);
        const auto &a = out.statuses.at(0);
        QCOMPARE(a.storageVersion, QStringLiteral("3.6.0"));
        QCOMPARE(a.dbSizeBytes, quint64(25000000));
        QCOMPARE(a.dbSizeInUseBytes, std::optional<quint64>(12000000));
        QCOMPARE(a.dbSizeQuotaBytes, std::optional<quint64>(8600000000ULL));
        QVERIFY(a.isLeader);
        QCOMPARE(a.raftTerm, quint64(112));
        QCOMPARE(a.raftAppliedIndex, quint64(1048575));
        QVERIFY(!a.downgradeEnabled);
        const auto &b = out.statuses.at(1);
        QCOMPARE(b.memberId, quint64(0x1f));
        QCOMPARE(b.downgradeTargetVersion, QStringLiteral("3.7.0"));
        QVERIFY(b.downgradeEnabled);
    }

    void simpleFormat36()
    {
        const QByteArray text = "https://a:2379, 1f, 3.6.5, 3.6.0, 25 MB, 12 MB, 52%, 8.6 GB, true, false, 7, 10, 9, "
                                "alarm:NOSPACE, , false\n";
        const auto out = EtcdctlParser::parse(text, QStringLiteral("x"));
        QVERIFY2(out.diagnostics.isEmpty(), qPrintable(diagnosticsText(out.diagnostics)));
        QCOMPARE(out.statuses.size(), 1);
        QCOMPARE(out.statuses.at(0).raftAppliedIndex, quint64(9));
        QCOMPARE(out.statuses.at(0).errors, QStringList { QStringLiteral("alarm:NOSPACE") });
        QCOMPARE(out.statuses.at(0).dbSizeQuotaBytes, std::optional<quint64>(8600000000ULL));
    }

    void severalCommandsInOneFile()
    {
        const auto out = EtcdctlParser::parse(fixture("multi-command.txt"), QStringLiteral("m.txt"));
        QVERIFY2(!hasErrors(out.diagnostics), qPrintable(diagnosticsText(out.diagnostics)));
        QCOMPARE(out.members.size(), 4);
        QCOMPARE(out.members.at(0).clientUrls.size(), 2);
        QCOMPARE(out.members.at(1).status, QStringLiteral("unstarted"));
        QVERIFY(out.members.at(1).isLearner);
        QCOMPARE(out.members.at(1).id, quint64(0xffffffffffffff01ULL));
        QCOMPARE(out.members.at(2).id, quint64(18446744073709551361ULL)); // JSON, above 2^63, exact
        QCOMPARE(out.members.at(2).idHex, QStringLiteral("ffffffffffffff01"));
        QCOMPARE(out.members.at(3).id, quint64(10276657743932975437ULL));
        QVERIFY(out.members.at(3).isLearner);
        QCOMPARE(out.health.size(), 2);
        QCOMPARE(out.health.at(1).error, QStringLiteral("failed to commit proposal: context deadline exceeded"));
        QVERIFY(!out.health.at(1).healthy);
        QCOMPARE(out.errors.size(), 1);
        QCOMPARE(out.hashes.size(), 3);
        QCOMPARE(out.hashes.at(2).hash, quint32(4294967295U));
        QCOMPARE(out.hashes.at(2).compactRevision, std::optional<qint64>(-1));
        QCOMPARE(out.hashes.at(2).hashRevision, std::optional<qint64>(90));
        // `etcdctl get` output is not read as anything
        QVERIFY(out.statuses.isEmpty());
    }

    void windowsLineEndings()
    {
        QByteArray text
            = readFile(QStringLiteral(STRATA_SHARED_DIR "/reference-case/artifacts/etcdctl-endpoint-status.txt"));
        text.replace("\n", "\r\n");
        const auto out = EtcdctlParser::parse(text, QStringLiteral("crlf.txt"));
        QVERIFY2(out.diagnostics.isEmpty(), qPrintable(diagnosticsText(out.diagnostics)));
        QCOMPARE(out.statuses.size(), 3);
        QCOMPARE(out.statuses.at(2).raftAppliedIndex, quint64(289341));
        QCOMPARE(out.statuses.at(2).location.line, 7);
        QVERIFY(out.statuses.at(2).errors.isEmpty());
    }

    void malformedRowsArePositionedAndTheRestLoads()
    {
        const auto out = EtcdctlParser::parse(fixture("malformed.txt"), QStringLiteral("bad.txt"));
        QCOMPARE(out.statuses.size(), 4); // etcd-0 and etcd-4 from the table, two from the JSON
        QCOMPARE(out.statuses.at(0).endpoint, QStringLiteral("https://etcd-0:2379"));
        QCOMPARE(out.statuses.at(1).endpoint, QStringLiteral("https://etcd-4:2379"));
        QCOMPARE(out.statuses.at(2).raftTerm, quint64(3));
        QCOMPARE(out.statuses.at(3).raftTerm, quint64(5));
        QList<Diagnostic> errors;
        for (const Diagnostic &d : out.diagnostics) {
            if (d.severity == Diagnostic::Severity::Error)
                errors.append(d);
        }
        QCOMPARE(errors.size(), 4);
        QCOMPARE(errors.at(0).line, 6);
        QCOMPARE(errors.at(0).column, 25); // the ID cell
        QVERIFY(errors.at(0).message.contains(QLatin1String("not-hex-at-all")));
        QCOMPARE(errors.at(1).line, 7);
        QCOMPARE(errors.at(2).line, 8);
        QVERIFY(errors.at(2).message.contains(QLatin1String("4 parsecs")));
        QCOMPARE(errors.at(3).line, 12);
        QVERIFY(errors.at(3).column > 60);
    }

    void unterminatedJsonAndNoise()
    {
        const QByteArray text
            = "$ etcdctl endpoint status -w json\n[{\"Endpoint\":\"a\",\"Status\":{\n"
              "$ etcdctl member list\n8e9e05c52164694d, started, e0, http://a:2380, http://a:2379, false\n"
              "random words here\n[\n[\n";
        const auto out = EtcdctlParser::parse(text, QStringLiteral("t"));
        QCOMPARE(out.members.size(), 1);
        QCOMPARE(out.members.at(0).location.line, 4);
        QVERIFY(hasErrors(out.diagnostics));
        QCOMPARE(out.diagnostics.first().line, 2);
    }

    void notEtcdctl()
    {
        QVERIFY(!EtcdctlParser::looksLikeEtcdctl("apiVersion: v1\nkind: ConfigMap\n"));
        QVERIFY(EtcdctlParser::looksLikeEtcdctl(fixture("simple-cluster.txt")));
        const auto out = EtcdctlParser::parse("apiVersion: v1\nkind: ConfigMap\n", QStringLiteral("cm.yaml"));
        QVERIFY(out.isEmpty());
        QVERIFY(!hasErrors(out.diagnostics));
        QVERIFY(!out.diagnostics.isEmpty());
        const auto empty = EtcdctlParser::parse(QByteArray(), QStringLiteral("e"));
        QVERIFY(empty.isEmpty());
    }

    void largeInputIsLinear()
    {
        QByteArray row
            = "| https://etcd-0:2379 | 8e9e05c52164694d |  3.5.12 |  4.1 MB |     false |      false |        47 "
              "|     289341 |             289341 |        |\n";
        QByteArray text
            = readFile(QStringLiteral(STRATA_SHARED_DIR "/reference-case/artifacts/etcdctl-endpoint-status.txt"));
        text.chop(text.size() - text.indexOf("| https://etcd-0"));
        text.reserve(text.size() + row.size() * 20000);
        for (int i = 0; i < 20000; ++i)
            text += row;
        QElapsedTimer timer;
        timer.start();
        const auto out = EtcdctlParser::parse(text, QStringLiteral("big"));
        QCOMPARE(out.statuses.size(), 20000);
        QVERIFY2(timer.elapsed() < 30000, qPrintable(QString::number(timer.elapsed())));
        // a long run of unbracketed lines starting with '[' stays linear too
        const QByteArray brackets = QByteArray("[x\n").repeated(100000);
        timer.restart();
        const auto noise = EtcdctlParser::parse(brackets, QStringLiteral("n"));
        QVERIFY(noise.isEmpty());
        QVERIFY2(timer.elapsed() < 30000, qPrintable(QString::number(timer.elapsed())));
    }
};

STRATA_TEST_MAIN(TestEtcdctl)
#include "tst_etcdctl.moc"
