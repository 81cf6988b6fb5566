// libFuzzer target: what a cluster or a user's home folder hands Strata
// before any object is read — a kubeconfig, a discovery APIResourceList, an
// aggregated APIGroupDiscoveryList — must give entries or positioned
// diagnostics, never crash or hang. The first byte picks the reader.
#include "kube/KubeDiscovery.h"
#include "kube/Kubeconfig.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const QByteArray text(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));
    switch (data[0] % 3) {
    case 0: {
        const strata::Kubeconfig config = strata::KubeconfigLoader::parse(text, QStringLiteral("fuzz-kubeconfig"));
        for (const strata::KubeContext &c : config.contexts) {
            if (c.name.isEmpty()) // an entry without a name is skipped with an error, never kept
                __builtin_trap();
            (void)config.cluster(c.cluster);
            (void)config.user(c.user);
        }
        for (const strata::KubeUser &u : config.users)
            (void)u.authKind();
        break;
    }
    case 1:
        for (const strata::KubeResourceType &t : strata::KubeDiscovery::parseResourceList(text))
            (void)t.objectPath(QStringLiteral("ns"), QStringLiteral("name"));
        break;
    default:
        for (const strata::KubeResourceType &t : strata::KubeDiscovery::parseAggregated(text))
            (void)t.objectPath(QString(), QStringLiteral("name"));
        break;
    }
    return 0;
}
