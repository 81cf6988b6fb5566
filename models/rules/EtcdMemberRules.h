#pragma once

#include "etcd/EtcdctlOutput.h"
#include "evidence/MetricValue.h"
#include "rules/EtcdMemberSummary.h"
#include "rules/Finding.h"

namespace strata {

// The etcd findings about single members, one problem per finding, each
// naming its member as etcdctl would — name, endpoint, id in hex — and
// quoting the lines it rests on, only from that member's own evidence:
//   member-unhealthy  a member that does not answer or says it is unhealthy
//                     (down, timeout, TLS …), or that the member list names
//                     and no status answered for;
//   member-cut-off    a member without a leader, or at an older raft term
//                     than the others, with how far behind it is;
//   etcd-alarm        one per alarm type (NOSPACE, CORRUPT …), the members
//                     that raised it, the database size against its quota;
//   no-leader         no member (or several) report being the leader, or a
//                     scraped member says it has none.
// A finding's `resource` is the member as the System view names it.
namespace EtcdMemberRules {

// "etcd-0 (https://10.0.0.5:2379, 8e9e05c52164694d)", as much as is known.
QString label(const EtcdMemberSummary &m);
// What an error says in words: "down (connection refused)", "not answering in time", "TLS failure" …
QString reasonInWords(const QString &error);

QList<Finding> evaluate(
    const EtcdctlOutput &etcd, const QList<EtcdMemberSummary> &members, const QList<MetricValue> &metrics);

} // namespace EtcdMemberRules

} // namespace strata
