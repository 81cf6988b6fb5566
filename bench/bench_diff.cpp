// Diffing 10,000 resources × 4 columns (code, state, live, replica), each with
// 12 data keys, a few of them drifted. Target: ≤ 1 s on a 2-core machine.
#include "BenchData.h"

#include "diff/DiffEngine.h"

#include <benchmark/benchmark.h>

using namespace strata;

namespace {

QList<ColumnObject> columns(int resources)
{
    QList<ColumnObject> out;
    out.reserve(resources * 4);
    for (int r = 0; r < resources; ++r) {
        for (Column c : allColumns) {
            QList<Value::Entry> data;
            for (int k = 0; k < 12; ++k) {
                QString v = QStringLiteral("value-%1-%2").arg(r).arg(k);
                if (c == Column::Live && k == r % 12)
                    v += QStringLiteral("-changed");
                data.append({ QStringLiteral("key_%1").arg(k), Value::string(v, { QStringLiteral("x"), k + 1, 1 }) });
            }
            ColumnObject o;
            o.column = c;
            o.id = ResourceId { QStringLiteral("configmap"), QStringLiteral("ns-%1").arg(r % 40),
                QStringLiteral("cm-%1").arg(r) };
            o.object = Value::map({ { QStringLiteral("apiVersion"), Value::string(QStringLiteral("v1")) },
                { QStringLiteral("kind"), Value::string(QStringLiteral("ConfigMap")) },
                { QStringLiteral("metadata"),
                    Value::map({ { QStringLiteral("name"), Value::string(o.id.name) },
                        { QStringLiteral("namespace"), Value::string(o.id.ns) } }) },
                { QStringLiteral("data"), Value::map(data) } });
            o.secretDataIsBase64 = c == Column::Live || c == Column::Replica;
            out.append(o);
        }
    }
    return out;
}

void BM_Diff10kResources4Columns(benchmark::State &state)
{
    const QList<ColumnObject> objects = columns(10000);
    for (auto _ : state) {
        auto diff = DiffEngine::diff(objects, {});
        benchmark::DoNotOptimize(diff);
    }
    state.counters["peak_rss_MiB"] = BenchData::peakRssMiB();
}
BENCHMARK(BM_Diff10kResources4Columns)->Unit(benchmark::kMillisecond)->Iterations(5);

} // namespace

BENCHMARK_MAIN();
