#include "TimelineEvent.h"

namespace strata {

QString TimelineEvent::field(const QString &key) const
{
    for (const auto &[k, v] : fields) {
        if (k == key)
            return v;
    }
    return {};
}

} // namespace strata
