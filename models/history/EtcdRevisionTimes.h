#pragma once

#include "etcd/EtcdRecording.h"

#include <QList>
#include <QString>

#include <memory>
#include <optional>
#include <vector>

namespace strata {

// When etcd revisions were written, as far as recordings show. Each sample
// carries the store's revision at its time, so revision R was written after
// the last sample below R and at the latest by the first sample at or above
// it — dated to the sampling interval, never more precisely than that.
class EtcdRevisionTimes
{
public:
    EtcdRevisionTimes() = default;
    explicit EtcdRevisionTimes(const QList<std::shared_ptr<const EtcdRecordingData>> &recordings);

    struct Bounds
    {
        qint64 afterMs = 0; // the last sample that had not seen it
        qint64 byMs = 0; // the first sample that had
    };
    // Nothing when no recording saw the store both below and at or above R.
    std::optional<Bounds> of(qint64 revision) const;
    // " (written between 10:02:03 and 10:02:04 UTC, by the etcd recording)", or "" when not dated.
    QString describe(qint64 revision) const;

private:
    // Each time the highest revision seen rose: to what, when, and the time
    // of the sample before (that had not seen it; -1 for a recording's first).
    struct Rise
    {
        qint64 revision = 0;
        qint64 seenMs = 0;
        qint64 beforeMs = -1;
    };
    std::vector<Rise> m_rises; // ascending in revision and time
};

} // namespace strata
