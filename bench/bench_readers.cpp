// The JSON readers against jq on the same files (issue 7: within 1.5× of
// jq): the kubectl List as `kubectl get -A -o json` prints it and the
// Terraform state, both written by the case generator (N ConfigMaps,
// default 20,000). Each side reads the file and parses every value: Strata
// its reader (the List into objects, the state into resources), jq `jq
// empty FILE` (parses, prints nothing). Medians of 5 runs, and the ratio.
// A plain program: jq is another process, timed from start to exit.
#include "CaseGenerator.h"

#include "core/RegularFile.h"
#include "kube/KubectlReader.h"
#include "terraform/TerraformStateReader.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <vector>

namespace {

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

double timed(const std::function<bool()> &run, bool *ok)
{
    QElapsedTimer t;
    t.start();
    *ok = run() && *ok;
    return double(t.nsecsElapsed()) / 1e6;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int objects = argc > 1 ? std::atoi(argv[1]) : 20000;
    QTemporaryDir tmp;
    CaseGenerator::write(tmp.path(), objects);
    const QString jq = QStandardPaths::findExecutable(QStringLiteral("jq"));
    if (jq.isEmpty())
        std::printf("jq not found: Strata's times only\n");

    struct Input
    {
        const char *what;
        QString path;
        std::function<bool(const QByteArray &, const QString &)> parse;
    };
    const Input inputs[] = {
        { "kubectl List (replica.json)", tmp.filePath(QStringLiteral("replica.json")),
            [objects](const QByteArray &text, const QString &file) {
                return strata::KubectlReader::read(text, file).objects.size() == objects;
            } },
        { "Terraform state", tmp.filePath(QStringLiteral("terraform/terraform.tfstate")),
            [](const QByteArray &text, const QString &file) {
                return strata::TerraformStateReader::read(text, file).state.has_value();
            } },
    };
    bool ok = true;
    for (const Input &in : inputs) {
        std::vector<double> strataMs, jqMs;
        for (int run = 0; run < 5; ++run) {
            strataMs.push_back(timed(
                [&] {
                    const strata::FileContents f = strata::readRegularFile(in.path, qint64(1) << 32);
                    return f.ok() && in.parse(f.bytes, in.path);
                },
                &ok));
            if (jq.isEmpty())
                continue;
            jqMs.push_back(timed(
                [&] {
                    QProcess p;
                    p.start(jq, { QStringLiteral("empty"), in.path });
                    return p.waitForFinished(-1) && p.exitCode() == 0;
                },
                &ok));
        }
        const double mb = double(QFileInfo(in.path).size()) / 1e6;
        if (jqMs.empty())
            std::printf("%s, %.1f MB: Strata %.0f ms\n", in.what, mb, median(strataMs));
        else
            std::printf("%s, %.1f MB: Strata %.0f ms, jq %.0f ms (medians of 5): %.2f× jq\n", in.what, mb,
                median(strataMs), median(jqMs), median(strataMs) / median(jqMs));
    }
    if (!ok)
        std::fprintf(stderr, "a reader or jq failed on the generated files\n");
    return ok ? 0 : 1;
}
