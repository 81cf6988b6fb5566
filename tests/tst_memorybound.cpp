// Peak memory of a whole `strata analyze` stays within the bound issue 7
// set, 3× the evidence + 200 MB, on a generated case of 5,000 objects in
// four columns (kubectl List YAML and JSON, tfstate, .tf files). Measured as
// the child's peak resident set (getrusage), the figure the benchmarks give;
// an address-space limit (prlimit --as) would count the libraries mapped and
// each malloc arena's reserve, not what is used. The larger figures (20,000
// and 50,000 objects) are benchmarks, in the README.
#include "StrataTestMain.h"

#include "CaseGenerator.h"

#include <QDirIterator>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>

#include <sys/resource.h>

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define STRATA_UNDER_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define STRATA_UNDER_ASAN 1
#endif

class TestMemoryBound : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void analysisStaysWithinThreeTimesItsEvidence()
    {
#ifdef STRATA_UNDER_ASAN
        QSKIP("AddressSanitizer's shadow memory and quarantine multiply the resident set: measured in the "
              "RelWithDebInfo build (ctest --preset dev) and by the benchmarks");
#endif
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString casePath = CaseGenerator::write(dir.path(), 5000);
        QVERIFY(!casePath.isEmpty());
        qint64 evidence = 0;
        QDirIterator files(dir.path(), QDir::Files, QDirIterator::Subdirectories);
        while (files.hasNext()) {
            const QFileInfo f(files.next());
            if (f.fileName() != QLatin1String("case.yaml"))
                evidence += f.size();
        }
        QVERIFY(evidence > 10'000'000); // the case is what the bound is about

        // The only child this test process runs: RUSAGE_CHILDREN's peak is its.
        QProcess strata;
        strata.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        const QString out = dir.filePath(QStringLiteral("out.json"));
        strata.start(QStringLiteral(STRATA_BINARY),
            { QStringLiteral("analyze"), casePath, QStringLiteral("--format"), QStringLiteral("json"),
                QStringLiteral("--output"), out });
        QVERIFY(strata.waitForFinished(300000));
        QCOMPARE(strata.exitStatus(), QProcess::NormalExit);
        QCOMPARE(strata.exitCode(), 0);
        QVERIFY(QFileInfo(out).size() > evidence / 10); // it did the whole analysis

        rusage usage {};
        QCOMPARE(getrusage(RUSAGE_CHILDREN, &usage), 0);
        const qint64 peak = qint64(usage.ru_maxrss) * 1024;
        const qint64 bound = 3 * evidence + 200'000'000;
        qInfo("evidence %lld bytes, peak resident %lld bytes, bound %lld", evidence, peak, bound);
        QVERIFY(peak > 0);
        QVERIFY2(peak <= bound,
            qPrintable(QStringLiteral("peak %1 MB over the bound %2 MB").arg(peak / 1e6).arg(bound / 1e6)));
    }
};

STRATA_TEST_MAIN(TestMemoryBound)
#include "tst_memorybound.moc"
