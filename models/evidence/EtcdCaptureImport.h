#pragma once

#include "case/CaseFile.h"
#include "evidence/EntryImport.h"
#include "live/EtcdCaptureManifest.h"

#include <QProcessEnvironment>

namespace strata {

// Reads a capture of the case's etcd endpoints (EtcdCapture) as evidence:
// its files with the etcdctl and Prometheus readers every pasted file goes
// through, as one entry; an endpoint that did not answer, a member list or
// alarm list that could not be read, are errors (the analysis is then
// incomplete). The same code reads a capture just made and one re-opened offline.
namespace EtcdCaptureImport {
// The newest capture of the endpoints the case names now (any, when it
// names none and ETCDCTL_ENDPOINTS filled them in) — also when some endpoint
// failed in it: that is the latest known state of the cluster.
std::optional<EtcdCaptureManifest> newestFor(
    const CaseFile &caseFile, const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment());
EntryImport import(const CaseFile &caseFile, const EtcdCaptureManifest &manifest);
// An entry that says why there is nothing to read (offline, no capture yet).
EntryImport unavailable(const CaseFile &caseFile, const QString &reason);
} // namespace EtcdCaptureImport

} // namespace strata
