// libFuzzer target: the whole analysis (import, diff, rules, JSON and
// Markdown) on a small generated case plus one mutated evidence file. The
// first byte picks the file's kind and role; the rest is its content. Any
// input must give diagnostics and a complete document, never a crash or hang.
#include "CaseGenerator.h"
#include "case/CaseFileReader.h"
#include "investigation/Analyzer.h"
#include "output/AnalysisJson.h"
#include "output/AnalysisMarkdown.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdlib>

namespace {

struct Target
{
    const char *kind; // empty: detected from the content
    const char *role;
};
constexpr std::array<Target, 8> targets { { { "kubectl", "live" }, { "kubectl", "replica" }, { "log", "" },
    { "prometheus", "" }, { "etcdctl", "" }, { "terraform-state", "" }, { "", "" }, { "kubectl", "live" } } };

QTemporaryDir &folder()
{
    static QTemporaryDir dir;
    return dir;
}

QString caseFor(const Target &t)
{
    // One generated case (code, state, live, replica of 20 objects), read once.
    static const QString generated = CaseGenerator::write(folder().path(), 20);
    if (generated.isEmpty())
        std::abort();
    QFile base(generated);
    if (!base.open(QIODevice::ReadOnly))
        std::abort();
    QByteArray text = base.readAll();
    text += "  - path: mutated.evidence\n";
    if (*t.kind)
        text += QByteArray("    kind: ") + t.kind + "\n";
    if (*t.role)
        text += QByteArray("    role: ") + t.role + "\n";
    const QString path
        = QDir(folder().path())
              .filePath(QStringLiteral("fuzz-case-%1-%2.yaml").arg(QLatin1String(t.kind), QLatin1String(t.role)));
    QFile out(path);
    if (!out.open(QIODevice::WriteOnly) || out.write(text) != text.size())
        std::abort();
    return path;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const Target &target = targets[data[0] % targets.size()];
    static std::array<QString, targets.size()> cases;
    QString &casePath = cases[data[0] % targets.size()];
    if (casePath.isEmpty())
        casePath = caseFor(target);
    QFile evidence(QDir(folder().path()).filePath(QStringLiteral("mutated.evidence")));
    if (!evidence.open(QIODevice::WriteOnly | QIODevice::Truncate))
        std::abort();
    evidence.write(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));
    evidence.close();

    const auto read = strata::CaseFileReader::readFile(casePath);
    if (!read.caseFile)
        std::abort(); // the case file is ours: it always reads
    const strata::AnalysisResult result = strata::Analyzer::analyze(*read.caseFile, nullptr, read.diagnostics);
    if (result.resources.isEmpty())
        std::abort(); // the generated columns are always there, whatever the mutated file holds
    const QByteArray json = strata::AnalysisJson::write(result);
    const QByteArray markdown = strata::AnalysisMarkdown::write(result);
    if (!json.endsWith("}\n") || markdown.isEmpty())
        std::abort();
    return 0;
}
