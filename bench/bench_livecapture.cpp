// Live reads against the test API server (tests/kube/TestApiServer, on
// 127.0.0.1 with real TLS): 500 objects from two contexts, and one slow
// object from one context against two, and against ten contexts at once
// (how much reading them all costs over the slowest single read). A plain program: medians of 5
// runs, printed. Needs openssl for the certificates.

#include "../tests/kube/TestApiServer.h"

#include "BenchData.h"
#include "case/CaseFile.h"
#include "kube/KubeClient.h"
#include "kube/Kubeconfig.h"
#include "live/KubeCapture.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <thread>
#include <vector>

using namespace strata;
using BenchData::medianMs;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QTemporaryDir tmp;
    QDir().mkpath(tmp.filePath(QStringLiteral("a")));
    QDir().mkpath(tmp.filePath(QStringLiteral("b")));
    TestApiServer a(tmp.filePath(QStringLiteral("a")));
    TestApiServer b(tmp.filePath(QStringLiteral("b")));
    QString error;
    if (!a.start(&error) || !b.start(&error)) {
        std::fprintf(stderr, "bench_livecapture: %s\n", qPrintable(error));
        return 1;
    }
    const int objects = 500;
    QStringList resources;
    for (TestApiServer *s : { &a, &b }) {
        s->setToken(QStringLiteral("bench-token"));
        for (int i = 0; i < objects; ++i)
            s->addObject(QStringLiteral("/api/v1/namespaces/bench/configmaps/cm-%1").arg(i),
                "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"cm-" + QByteArray::number(i)
                    + "\",\"namespace\":\"bench\",\"resourceVersion\":\"" + QByteArray::number(1000 + i)
                    + "\"},\"data\":{\"key\":\"value-" + QByteArray::number(i) + "\"}}");
    }
    QList<ResourceId> ids;
    for (int i = 0; i < objects; ++i)
        ids.append({ QStringLiteral("configmap"), QStringLiteral("bench"), QStringLiteral("cm-%1").arg(i) });
    QFile config(tmp.filePath(QStringLiteral("kubeconfig")));
    if (!config.open(QIODevice::WriteOnly))
        return 1;
    config.write("apiVersion: v1\nkind: Config\nclusters:\n- name: a\n  cluster:\n    server: " + a.url().toUtf8()
        + "\n    certificate-authority: " + a.caFile().toUtf8() + "\n- name: b\n  cluster:\n    server: "
        + b.url().toUtf8() + "\n    certificate-authority: " + b.caFile().toUtf8()
        + "\nusers:\n- name: u\n  user: {token: bench-token}\ncontexts:\n- name: a\n  context: {cluster: a, user: u}\n"
          "- name: b\n  context: {cluster: b, user: u}\n");
    config.close();

    CaseFile caseFile;
    caseFile.filePath = tmp.filePath(QStringLiteral("case.yaml"));
    KubernetesSource source;
    source.kubeconfigs = { config.fileName() };
    source.liveContext = QStringLiteral("a");
    source.replicaContext = QStringLiteral("b");
    caseFile.kubernetesSource = source;

    const double all = medianMs([&] { KubeCapture::capture(caseFile, ids); });
    std::printf("%d objects from 2 contexts (captured to disk): median %.0f ms\n", objects, all);

    // One object the servers answer after 200 ms: one context, then both.
    const QString slow = QStringLiteral("/api/v1/namespaces/bench/configmaps/cm-0");
    a.delay(slow, 200);
    b.delay(slow, 200);
    const QList<ResourceId> one { ids.first() };
    CaseFile single = caseFile;
    single.kubernetesSource->replicaContext.clear();
    const double oneContext = medianMs([&] { KubeCapture::capture(single, one); });
    const double twoContexts = medianMs([&] { KubeCapture::capture(caseFile, one); });
    std::printf("one slow object (200 ms): 1 context %.0f ms, 2 contexts %.0f ms, ratio %.2f\n", oneContext,
        twoContexts, twoContexts / oneContext);

    // The figure: the same slow object from 10 contexts at once (a
    // case compares two, the Sources dock lists them all), each through its
    // own client as a capture reads a context, against the slowest single read.
    QByteArray tenContexts = "apiVersion: v1\nkind: Config\nclusters:\n- name: a\n  cluster:\n    server: "
        + a.url().toUtf8() + "\n    certificate-authority: " + a.caFile().toUtf8()
        + "\nusers:\n- name: u\n  user: {token: bench-token}\ncontexts:\n";
    for (int c = 0; c < 10; ++c)
        tenContexts += "- name: c" + QByteArray::number(c) + "\n  context: {cluster: a, user: u}\n";
    const Kubeconfig ten = KubeconfigLoader::parse(tenContexts, tmp.filePath(QStringLiteral("ten")));
    const auto readFrom = [&](int contexts) {
        std::vector<std::thread> readers;
        for (int c = 0; c < contexts; ++c)
            readers.emplace_back([&ten, &slow, c] {
                if (!KubeClient(ten, QStringLiteral("c%1").arg(c)).get(slow).ok())
                    std::abort(); // a failed read would measure nothing
            });
        for (std::thread &t : readers)
            t.join();
    };
    const double oneClient = medianMs([&] { readFrom(1); });
    const double tenClients = medianMs([&] { readFrom(10); });
    std::printf("one slow object (200 ms): 1 context %.0f ms, 10 contexts at once %.0f ms, ratio %.2f\n", oneClient,
        tenClients, tenClients / oneClient);
    return 0;
}
