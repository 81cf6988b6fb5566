#pragma once

#include "etcd/EtcdctlOutput.h"

#include <QByteArray>

namespace strata {

// Reads what people paste from etcdctl (`endpoint status`, `member list`,
// `endpoint health`, `endpoint hashkv`) in table, JSON and simple formats,
// 3.3 to 3.6, with or without `--cluster`, several commands in one file.
// `$ etcdctl ...` lines hint at what follows; tables are read by header name.
// Client warnings, prompts and other noise are skipped and reported as notes.
// Never throws; bad rows become positioned errors and the rest still loads.
// Used by evidence import and the etcd findings.
namespace EtcdctlParser {
EtcdctlOutput parse(const QByteArray &text, const QString &file);
// Cheap check on the start of a file, for telling evidence kinds apart.
bool looksLikeEtcdctl(const QByteArray &text);
} // namespace EtcdctlParser

} // namespace strata
