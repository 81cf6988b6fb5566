#pragma once

#include <QString>

namespace strata {

// The user's answers to "run this exec credential plugin?", remembered per
// kubeconfig file and exact command line, in one small file of the user's
// configuration folder ($XDG_CONFIG_HOME/strata/exec-approvals.json). The
// window asks once and records the answer; `strata analyze` never asks and
// runs only what was approved here (or everything with --allow-exec).
namespace ExecApprovals {
QString defaultFile();
// Tests point this at a file of their own.
void setFileForTesting(const QString &path);
bool isApproved(const QString &kubeconfig, const QString &commandLine);
// Records a yes; returns why it could not be saved, else "".
QString approve(const QString &kubeconfig, const QString &commandLine);
// A no is kept until Strata quits (in memory only): a re-read does not ask
// again, and the next start does, so a no given in haste is not for ever.
void decline(const QString &kubeconfig, const QString &commandLine);
bool isDeclined(const QString &kubeconfig, const QString &commandLine);
} // namespace ExecApprovals

} // namespace strata
