// The whole analysis on a generated case of many objects (bench/generator):
// every differing object is found with the status its generator gave it, and
// the counts are exact. Behaviour only; the time it takes is a benchmark.
#include "StrataTestMain.h"

#include "CaseGenerator.h"
#include "case/CaseFileReader.h"
#include "investigation/Analyzer.h"

#include <QTemporaryDir>

using namespace strata;

class TestScale : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void everyDifferenceIsFoundExactly()
    {
        QTemporaryDir dir;
        constexpr int objects = 2000;
        const QString casePath = CaseGenerator::write(dir.path(), objects);
        QVERIFY(!casePath.isEmpty());
        const auto read = CaseFileReader::readFile(casePath);
        QVERIFY(read.caseFile);
        const AnalysisResult result = Analyzer::analyze(*read.caseFile);
        QVERIFY(result.completeness.isComplete());
        QCOMPARE(result.resources.size(), objects);

        CaseGenerator::Expected found;
        found.objects = int(result.resources.size());
        for (const ResourceDiff &r : result.resources) {
            bool drift = false, pending = false, stale = false;
            for (const FieldDiff &f : r.fields) {
                if (f.noise)
                    continue;
                QVERIFY2(!f.isUnknown(), qPrintable(r.id.toString() + QLatin1Char(' ') + f.path));
                drift = drift || f.has(FieldStatus::Drift);
                pending = pending || f.has(FieldStatus::Pending);
                stale = stale || f.has(FieldStatus::Stale);
            }
            // The generator names objects cm-<index>: each has exactly its own difference.
            const int index = r.id.name.mid(3).toInt();
            const auto expected = CaseGenerator::differenceOf(index);
            QCOMPARE(drift, expected == CaseGenerator::Difference::Drift);
            QCOMPARE(pending, expected == CaseGenerator::Difference::Pending);
            QCOMPARE(stale, expected == CaseGenerator::Difference::Stale);
            found.drifted += drift;
            found.pending += pending;
            found.stale += stale;
        }
        const CaseGenerator::Expected expected = CaseGenerator::expectedFor(objects);
        QCOMPARE(found.drifted, expected.drifted);
        QCOMPARE(found.pending, expected.pending);
        QCOMPARE(found.stale, expected.stale);
        QVERIFY(expected.drifted > 5 && expected.pending > 5 && expected.stale > 5);
    }
};

STRATA_TEST_MAIN(TestScale)
#include "tst_scale.moc"
