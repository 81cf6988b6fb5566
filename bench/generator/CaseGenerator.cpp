#include "CaseGenerator.h"

#include <QDir>
#include <QFile>

namespace CaseGenerator {

namespace {

// One object in `differenceEvery` differs; which way rotates.
constexpr int differenceEvery = 20;

QByteArray num(qint64 n)
{
    return QByteArray::number(n);
}

QByteArray nameOf(int i)
{
    return "cm-" + num(i);
}

QByteArray namespaceOf(int i)
{
    return "team-" + num(i % 50);
}

QByteArray keyOf(int k)
{
    return "setting_" + num(k);
}

// The agreed value of key `k`; the changed value is what the odd column holds.
QByteArray valueOf(int i, int k, bool changed)
{
    return (changed ? "changed-" : "value-") + num(i) + "-" + num(k) + "-lorem-ipsum-dolor";
}

bool changedIn(int i, int k, Difference column)
{
    return k == 0 && differenceOf(i) == column;
}

QByteArray liveYaml(int objects, int keys)
{
    QByteArray out;
    out.reserve(qsizetype(objects) * (330 + keys * 50));
    out += "apiVersion: v1\nkind: List\nmetadata:\n  resourceVersion: \"\"\nitems:\n";
    for (int i = 0; i < objects; ++i) {
        out += "- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    creationTimestamp: \"2026-11-02T10:00:00Z\"\n"
               "    labels:\n      app.kubernetes.io/managed-by: terraform\n    name: ";
        out += nameOf(i) + "\n    namespace: " + namespaceOf(i) + "\n    resourceVersion: \"" + num(500000 + i)
            + "\"\n    uid: 6a1f0c3e-2b4d-4e8f-9a7b-" + num(i).rightJustified(12, '0') + "\n  data:\n";
        for (int k = 0; k < keys; ++k)
            out += "    " + keyOf(k) + ": " + valueOf(i, k, changedIn(i, k, Difference::Drift)) + "\n";
    }
    return out;
}

QByteArray replicaJson(int objects, int keys)
{
    QByteArray out;
    out.reserve(qsizetype(objects) * (480 + keys * 60));
    out += "{\n    \"apiVersion\": \"v1\",\n    \"items\": [\n";
    for (int i = 0; i < objects; ++i) {
        // The replica follows live (drift included) except where it is stale:
        // there it serves an older version with another value.
        const bool stale = differenceOf(i) == Difference::Stale;
        out += "        {\n            \"apiVersion\": \"v1\",\n            \"data\": {\n";
        for (int k = 0; k < keys; ++k) {
            const bool changed = changedIn(i, k, Difference::Drift) || changedIn(i, k, Difference::Stale);
            out += "                \"" + keyOf(k) + "\": \"" + valueOf(i, k, changed) + "\""
                + (k + 1 < keys ? ",\n" : "\n");
        }
        out += "            },\n            \"kind\": \"ConfigMap\",\n            \"metadata\": {\n"
               "                \"creationTimestamp\": \"2026-11-02T10:00:00Z\",\n"
               "                \"labels\": {\n                    \"app.kubernetes.io/managed-by\": \"terraform\"\n"
               "                },\n                \"name\": \""
            + nameOf(i) + "\",\n                \"namespace\": \"" + namespaceOf(i)
            + "\",\n                \"resourceVersion\": \"" + num(stale ? 400000 + i : 500000 + i)
            + "\",\n                \"uid\": \"6a1f0c3e-2b4d-4e8f-9a7b-" + num(i).rightJustified(12, '0')
            + "\"\n            }\n        }" + (i + 1 < objects ? ",\n" : "\n");
    }
    out += "    ],\n    \"kind\": \"List\",\n    \"metadata\": {\n        \"resourceVersion\": \"\"\n    }\n}\n";
    return out;
}

QByteArray terraformState(int objects, int keys)
{
    QByteArray out;
    out.reserve(qsizetype(objects) * (1100 + keys * 70));
    out += "{\n  \"version\": 4,\n  \"terraform_version\": \"1.9.8\",\n  \"serial\": 4242,\n"
           "  \"lineage\": \"0c9d3f1e-4a2b-4c6d-8e0f-1a2b3c4d5e6f\",\n  \"outputs\": {},\n  \"resources\": [\n";
    for (int i = 0; i < objects; ++i) {
        out += "    {\n      \"mode\": \"managed\",\n      \"type\": \"kubernetes_config_map\",\n      \"name\": \"cm_"
            + num(i)
            + "\",\n      \"provider\": \"provider[\\\"registry.terraform.io/hashicorp/kubernetes\\\"]\",\n"
              "      \"instances\": [\n        {\n          \"schema_version\": 0,\n          \"attributes\": {\n"
              "            \"binary_data\": null,\n            \"data\": {\n";
        for (int k = 0; k < keys; ++k) {
            // State holds what was last applied: the agreed value everywhere.
            out += "              \"" + keyOf(k) + "\": \"" + valueOf(i, k, false) + "\""
                + (k + 1 < keys ? ",\n" : "\n");
        }
        out += "            },\n            \"id\": \"" + namespaceOf(i) + "/" + nameOf(i)
            + "\",\n            \"immutable\": false,\n            \"metadata\": [\n              {\n"
              "                \"annotations\": null,\n                \"generate_name\": \"\",\n"
              "                \"generation\": 0,\n                \"labels\": {\n"
              "                  \"app.kubernetes.io/managed-by\": \"terraform\"\n                },\n"
              "                \"name\": \""
            + nameOf(i) + "\",\n                \"namespace\": \"" + namespaceOf(i)
            + "\",\n                \"resource_version\": \"" + num(500000 + i)
            + "\",\n                \"uid\": \"6a1f0c3e-2b4d-4e8f-9a7b-" + num(i).rightJustified(12, '0')
            + "\"\n              }\n            ]\n          },\n          \"sensitive_attributes\": [],\n"
              "          \"private\": \"bnVsbA==\"\n        }\n      ]\n    }"
            + (i + 1 < objects ? ",\n" : "\n");
    }
    out += "  ],\n  \"check_results\": null\n}\n";
    return out;
}

QByteArray terraformCode(int first, int last, int keys)
{
    QByteArray out;
    for (int i = first; i < last; ++i) {
        out += "resource \"kubernetes_config_map\" \"cm_" + num(i) + "\" {\n  metadata {\n    name      = \""
            + nameOf(i) + "\"\n    namespace = \"" + namespaceOf(i)
            + "\"\n    labels = {\n      \"app.kubernetes.io/managed-by\" = \"terraform\"\n    }\n  }\n\n"
              "  data = {\n";
        for (int k = 0; k < keys; ++k) {
            out += "    " + keyOf(k) + " = \"" + valueOf(i, k, changedIn(i, k, Difference::Pending)) + "\"\n";
        }
        out += "  }\n}\n\n";
    }
    return out;
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(bytes) == bytes.size();
}

} // namespace

Difference differenceOf(int index)
{
    if (index % differenceEvery != differenceEvery - 1)
        return Difference::None;
    switch ((index / differenceEvery) % 3) {
    case 0:
        return Difference::Drift;
    case 1:
        return Difference::Pending;
    default:
        return Difference::Stale;
    }
}

Expected expectedFor(int objects)
{
    Expected e;
    e.objects = objects;
    for (int i = 0; i < objects; ++i) {
        switch (differenceOf(i)) {
        case Difference::Drift:
            ++e.drifted;
            break;
        case Difference::Pending:
            ++e.pending;
            break;
        case Difference::Stale:
            ++e.stale;
            break;
        case Difference::None:
            break;
        }
    }
    return e;
}

QString write(const QString &folder, int objects, int keysPerObject, int investigated)
{
    QDir dir(folder);
    if (!dir.mkpath(QStringLiteral("terraform")))
        return {};
    bool ok = writeFile(dir.filePath(QStringLiteral("live.yaml")), liveYaml(objects, keysPerObject))
        && writeFile(dir.filePath(QStringLiteral("replica.json")), replicaJson(objects, keysPerObject))
        && writeFile(
            dir.filePath(QStringLiteral("terraform/terraform.tfstate")), terraformState(objects, keysPerObject))
        && writeFile(dir.filePath(QStringLiteral("terraform/providers.tf")),
            "provider \"kubernetes\" {\n  config_path = \"~/.kube/config\"\n}\n");
    for (int first = 0; ok && first < objects; first += 100) {
        const QString name = QStringLiteral("terraform/configmaps-%1.tf").arg(first / 100, 4, 10, QLatin1Char('0'));
        ok = writeFile(dir.filePath(name), terraformCode(first, std::min(first + 100, objects), keysPerObject));
    }
    QByteArray caseYaml = "strata: 1\ntitle: Generated case of " + num(objects) + " ConfigMaps\n";
    caseYaml += investigated > 0 ? "resources:\n" : "resources: []\n";
    for (int i = 0; i < std::min(investigated, objects); ++i)
        caseYaml += "  - configmap/" + namespaceOf(i) + "/" + nameOf(i) + "\n";
    caseYaml += "evidence:\n  - path: live.yaml\n    role: live\n  - path: replica.json\n    role: replica\n"
                "  - path: terraform\n    role: code\n  - path: terraform/terraform.tfstate\n    role: state\n";
    const QString casePath = dir.filePath(QStringLiteral("case.yaml"));
    return ok && writeFile(casePath, caseYaml) ? casePath : QString();
}

} // namespace CaseGenerator
