#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace strata::ShellWords {

// One word for a POSIX shell (sh, bash, zsh): as it is when it holds only
// characters no shell treats specially, else in single quotes (a quote
// inside as '\''). Names from a cluster or a repository are untrusted: a
// ConfigMap called `$(rm -rf ~)` must reach kubectl as that name, never run.
// An assignment (`KUBE_CTX=…`) keeps its name unquoted, as does a flag
// (`--cacert='<ca.pem>'`). No value for a word with a control character: a
// command holding one cannot be pasted as one line, so it is not offered.
std::optional<QString> quote(const QString &word);

// The words quoted and joined by spaces; no value when one cannot be quoted.
std::optional<QString> join(const QStringList &words);

// A value the case does not know, as a word that fails loudly when pasted
// unfilled ("open <ca.pem>: no such file"), never as `<x>`, which a shell
// would read as redirections: `'<ca.pem>'`.
QString placeholder(const QString &name);

// Whether a word is a placeholder made by placeholder().
bool isPlaceholder(const QString &word);

// Whether untrusted text may stand as a command's argument: not empty, and
// not starting with '-', which a tool would read as one of its options
// (a ConfigMap named `--server=https://evil` must never become a flag).
bool isSafeArgument(const QString &word);

} // namespace strata::ShellWords
