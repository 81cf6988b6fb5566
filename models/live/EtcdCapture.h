#pragma once

#include "case/CaseFile.h"
#include "live/EtcdCaptureManifest.h"

#include <QProcessEnvironment>

namespace strata {

class JobContext;

struct EtcdCaptureOptions
{
    // Where ETCDCTL_* come from (tests give their own).
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    bool metrics = true; // scrape /metrics on every endpoint that answered
};

// One round of reads of the endpoints `sources.etcd` names (or, with
// `cluster: true`, every member's client URLs from the member list): each
// endpoint's status and /metrics at the same time, then the member list,
// the alarms and HashKV at one revision common to all, through etcd's JSON
// gateway. What the servers answered is written into the case folder in the
// shapes `etcdctl -w json` and a /metrics scrape have —
// captures/etcd/<UTC>/endpoint-status.txt (a "Failed to get the status of
// endpoint …" line for each endpoint that did not answer, as etcdctl
// prints it), member-list.json, alarm-list.txt, endpoint-hashkv.json,
// metrics/NN-host_port.prom — and a manifest; the evidence importer then
// reads that folder like any pasted etcdctl output, so a capture re-opened
// offline gives the same analysis. Off the GUI thread; a cancelled read
// leaves no capture behind.
namespace EtcdCapture {
EtcdCaptureManifest capture(
    const CaseFile &caseFile, const EtcdCaptureOptions &options = {}, const JobContext *job = nullptr);
// captures/etcd under the case's captures folder.
QString capturesRoot(const CaseFile &caseFile);
} // namespace EtcdCapture

} // namespace strata
