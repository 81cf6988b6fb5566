#include "BenchData.h"
#include <QElapsedTimer>
#include <algorithm>
#include <vector>

#include <sys/resource.h>

namespace BenchData {

QByteArray terraformState(int resources, int keysPerResource)
{
    QByteArray out;
    out.reserve(qsizetype(resources) * (900 + keysPerResource * 80));
    auto put = [&out](std::initializer_list<QByteArrayView> parts) {
        for (QByteArrayView p : parts)
            out.append(p);
    };
    put({ "{\n  \"version\": 4,\n  \"terraform_version\": \"1.9.8\",\n  \"serial\": 4242,\n"
          "  \"lineage\": \"00000000-1111-2222-3333-444444444444\",\n  \"outputs\": {},\n  \"resources\": [\n" });
    for (int r = 0; r < resources; ++r) {
        const QByteArray n = QByteArray::number(r);
        const QByteArray ns = QByteArray::number(r % 50);
        put({ "    {\n      \"mode\": \"managed\",\n      \"type\": \"kubernetes_config_map\",\n      \"name\": \"cm_",
            n,
            "\",\n      \"provider\": \"provider[\\\"registry.terraform.io/hashicorp/kubernetes\\\"]\",\n"
            "      \"instances\": [\n        {\n          \"schema_version\": 0,\n          \"attributes\": {\n"
            "            \"binary_data\": null,\n            \"data\": {\n" });
        for (int k = 0; k < keysPerResource; ++k) {
            const QByteArray kn = QByteArray::number(k);
            put({ "              \"setting_", kn, "\": \"value-", n, "-", kn,
                "-lorem-ipsum-dolor-sit-amet-consectetur\"", k + 1 < keysPerResource ? ",\n" : "\n" });
        }
        put({ "            },\n            \"id\": \"ns-", ns, "/cm-", n,
            "\",\n            \"immutable\": false,\n            \"metadata\": [\n              {\n"
            "                \"annotations\": null,\n                \"generate_name\": \"\",\n"
            "                \"generation\": 0,\n                \"labels\": {\"app\": \"bench\"},\n"
            "                \"name\": \"cm-",
            n, "\",\n                \"namespace\": \"ns-", ns, "\",\n                \"resource_version\": \"",
            QByteArray::number(100000 + r), "\",\n                \"uid\": \"5d2c9f8e-31a4-4c7b-b0e6-",
            n.rightJustified(12, '0'),
            "\"\n              }\n            ]\n          },\n          \"sensitive_attributes\": [],\n"
            "          \"private\": \"bnVsbA==\"\n        }\n      ]\n    }",
            r + 1 < resources ? ",\n" : "\n" });
    }
    put({ "  ],\n  \"check_results\": null\n}\n" });
    return out;
}

double peakRssMiB()
{
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_maxrss) / 1024.0; // ru_maxrss is in KiB on Linux
}

double medianMs(const std::function<void()> &run, int times)
{
    std::vector<double> ms;
    for (int i = 0; i < times; ++i) {
        QElapsedTimer t;
        t.start();
        run();
        ms.push_back(double(t.nsecsElapsed()) / 1e6);
    }
    std::sort(ms.begin(), ms.end());
    return ms[ms.size() / 2];
}

} // namespace BenchData
