// libFuzzer target: a capture folder's manifest from anyone (a bundle from a
// ticket carries captures). The first byte picks the manifest's kind — a
// Kubernetes capture, an etcd capture, an etcd history capture — the rest is
// manifest.json. Read (and the first two imported) as a re-opened case
// would: diagnostics, never a crash or a hang, and for the first two never a
// file read from outside the capture folder (planted files beside it, one of
// each kind, must never reach the evidence). An etcd history manifest is only
// read here: its files are read when a history is shown.
#include "case/CaseFileReader.h"
#include "evidence/CaptureImport.h"
#include "evidence/EtcdCaptureImport.h"
#include "live/CaptureManifest.h"
#include "live/EtcdCaptureManifest.h"
#include "live/EtcdHistoryCapture.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

namespace {

constexpr QByteArrayView planted = "planted-outside-the-capture";

void write(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
        std::abort();
}

struct Fixture
{
    QTemporaryDir dir;
    QString capture;
    strata::CaseFile caseFile;

    Fixture()
    {
        const QString root = dir.path();
        capture = root + QStringLiteral("/captures/20260101T000000Z");
        // What a manifest may name: the capture's own object, and files outside it.
        write(capture + QStringLiteral("/live/0001-configmap.shop.flags.json"),
            "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"flags\",\"namespace\":\"shop\"},"
            "\"data\":{\"a\":\"1\"}}");
        const QByteArray outside = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\""
            + planted.toByteArray() + "\",\"namespace\":\"shop\"},\"data\":{\"a\":\"" + planted.toByteArray() + "\"}}";
        write(root + QStringLiteral("/captures/outside.json"), outside);
        write(root + QStringLiteral("/outside.json"), outside);
        // And what an etcd capture holds: an endpoint's status, as etcdctl prints it.
        const QByteArray status = "[{\"Endpoint\":\"https://" + planted.toByteArray()
            + ":2379\",\"Status\":{\"header\":{\"cluster_id\":1,\"member_id\":2,\"revision\":8,\"raft_term\":2},"
              "\"version\":\"3.5.0\",\"dbSize\":20480,\"leader\":2,\"raftIndex\":34,\"raftTerm\":2,"
              "\"raftAppliedIndex\":34,\"dbSizeInUse\":16384}}]";
        write(root + QStringLiteral("/captures/etcd-outside.json"), status);
        write(root + QStringLiteral("/etcd-outside.json"), status);
        const QByteArray text = "strata: 1\ntitle: fuzz\nresources: [configmap/shop/flags]\nsources:\n  kubernetes:\n"
                                "    contexts: {live: prod, replica: prod-replica}\n  etcd:\n"
                                "    endpoints: [https://127.0.0.1:2379]\n";
        const auto read = strata::CaseFileReader::readText(text, root + QStringLiteral("/case.yaml"));
        if (!read.caseFile)
            std::abort();
        caseFile = *read.caseFile;
    }
};

void mustNotHoldPlanted(const QList<strata::EntryImport> &entries)
{
    for (const strata::EntryImport &e : entries) {
        for (const strata::ColumnObject &o : e.set.objects) {
            if (o.id.name.contains(QLatin1String(planted)))
                __builtin_trap(); // read from outside the capture folder
        }
        for (const strata::EtcdEndpointStatus &s : e.set.etcd.statuses) {
            if (s.endpoint.contains(QLatin1String(planted)))
                __builtin_trap();
        }
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static Fixture fixture;
    if (size < 1)
        return 0;
    const int kind = data[0] % 3;
    const QString manifest = fixture.capture + QStringLiteral("/manifest.json");
    write(manifest, QByteArray(reinterpret_cast<const char *>(data) + 1, qsizetype(size - 1)));
    QString error;
    if (kind == 0) {
        if (const auto m = strata::CaptureManifest::read(fixture.capture, &error))
            mustNotHoldPlanted(strata::CaptureImport::import(fixture.caseFile, *m));
    } else if (kind == 1) {
        if (const auto m = strata::EtcdCaptureManifest::read(fixture.capture, &error))
            mustNotHoldPlanted({ strata::EtcdCaptureImport::import(fixture.caseFile, *m) });
    } else {
        (void)strata::EtcdHistoryManifest::read(fixture.capture, &error);
    }
    return 0;
}
