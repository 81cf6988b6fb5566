// Kubeconfig (issue 9): a file of 5,000 contexts — each with its own
// cluster (server, CA data) and user (token) — loaded and merged as kubectl
// would, target ≤ 100 ms. Only the file is read: nothing touches a network.
#include "kube/Kubeconfig.h"

#include <QFile>
#include <QTemporaryDir>

#include <benchmark/benchmark.h>

namespace {

QByteArray kubeconfig(int contexts)
{
    const QByteArray ca
        = QByteArray("-----BEGIN CERTIFICATE-----\n" + QByteArray(900, 'A') + "\n").toBase64().left(120);
    QByteArray clusters = "clusters:\n", users = "users:\n", ctx = "contexts:\n";
    for (int i = 0; i < contexts; ++i) {
        const QByteArray n = QByteArray::number(i);
        clusters += "- name: cluster-" + n + "\n  cluster:\n    server: https://10.0." + QByteArray::number(i / 250)
            + "." + QByteArray::number(i % 250) + ":6443\n    certificate-authority-data: " + ca + "\n";
        users += "- name: user-" + n + "\n  user:\n    token: tok-" + n + "-abcdefghijklmnopqrstuvwxyz\n";
        ctx += "- name: ctx-" + n + "\n  context:\n    cluster: cluster-" + n + "\n    user: user-" + n
            + "\n    namespace: default\n";
    }
    return "apiVersion: v1\nkind: Config\ncurrent-context: ctx-0\n" + clusters + users + ctx;
}

void BM_Load5000Contexts(benchmark::State &state)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("config"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(kubeconfig(5000)) < 0) {
        state.SkipWithError("cannot write the kubeconfig");
        return;
    }
    file.close();
    state.counters["bytes"] = double(QFile(path).size());
    for (auto _ : state) {
        const strata::Kubeconfig config = strata::KubeconfigLoader::load({ path }, true);
        if (config.contexts.size() != 5000 || !config.diagnostics.isEmpty())
            state.SkipWithError("the kubeconfig did not load whole");
        benchmark::DoNotOptimize(config.contexts.size());
    }
}
BENCHMARK(BM_Load5000Contexts)->Unit(benchmark::kMillisecond)->Repetitions(5)->ReportAggregatesOnly(true);

} // namespace

BENCHMARK_MAIN();
