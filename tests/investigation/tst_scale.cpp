// The whole analysis on a generated case of many objects (bench/generator):
// every differing object is found with the status its generator gave it, and
// the counts are exact. Behaviour only; the time it takes is a benchmark.
#include "StrataTestMain.h"

#include "CaseGenerator.h"
#include "DiffText.h"
#include "case/CaseFileReader.h"
#include "diff/DiffEngine.h"
#include "evidence/EvidenceImporter.h"
#include "investigation/Analyzer.h"
#include "output/AnalysisJson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

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

        // The JSON's resources are written in parts, one per core: together
        // they hold every object once, in the analysis' order, field by field.
        const QJsonDocument doc = QJsonDocument::fromJson(AnalysisJson::write(result));
        QVERIFY(doc.isObject());
        const QJsonArray resources = doc.object().value(QStringLiteral("resources")).toArray();
        QCOMPARE(resources.size(), result.resources.size());
        for (qsizetype i = 0; i < resources.size(); ++i) {
            const QJsonObject r = resources.at(i).toObject();
            const ResourceDiff &d = result.resources.at(i);
            QCOMPARE(r.value(QStringLiteral("id")).toString(), d.id.toString());
            const QJsonArray fields = r.value(QStringLiteral("fields")).toArray();
            QCOMPARE(fields.size(), d.fields.size());
            for (qsizetype k = 0; k < fields.size(); ++k) {
                const QJsonObject f = fields.at(k).toObject();
                const DiffCell &live = d.fields.at(k).cell(Column::Live);
                QCOMPARE(f.value(QStringLiteral("path")).toString(), d.fields.at(k).path);
                QCOMPARE(f.value(QStringLiteral("live")).toString(), live.value.text);
                const QJsonObject at
                    = f.value(QStringLiteral("locations")).toObject().value(QStringLiteral("live")).toObject();
                QCOMPARE(at.value(QStringLiteral("file")).toString(), live.value.location.file());
                QCOMPARE(at.value(QStringLiteral("line")).toInt(), live.value.location.line());
            }
        }
    }

    // The diff shares a whole case's objects out between threads: on the
    // generated case (every object in four columns, some differing), the
    // same diff as on one thread, row for row and cell for cell.
    void theDiffIsTheSameOnAnyNumberOfThreads()
    {
        QTemporaryDir dir;
        const QString casePath = CaseGenerator::write(dir.path(), 600);
        const auto read = CaseFileReader::readFile(casePath);
        QVERIFY(read.caseFile);
        const EvidenceSet evidence = EvidenceImporter::import(*read.caseFile);
        QCOMPARE(evidence.objects.size(), 4 * 600);
        QList<ResourceId> named;
        for (const QString &r : read.caseFile->resources)
            named.append(*ResourceId::parse(r));
        const QString one = diffText(DiffEngine::diff(evidence.objects, named, {}, std::nullopt, nullptr, {}, 1));
        QVERIFY(one.contains(QStringLiteral("cm-599")));
        QCOMPARE(diffText(DiffEngine::diff(evidence.objects, named, {}, std::nullopt, nullptr, {}, 2)), one);
    }
};

STRATA_TEST_MAIN(TestScale)
#include "tst_scale.moc"
