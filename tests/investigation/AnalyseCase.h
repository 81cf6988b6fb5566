#pragma once

#include "case/CaseFileReader.h"
#include "investigation/Analyzer.h"

// A case file analysed as `strata analyze --offline` would: only the
// evidence in the case, no network. Stops the suite when the case is unreadable.
inline strata::AnalysisResult analyseOffline(const QString &casePath)
{
    const auto read = strata::CaseFileReader::readFile(casePath);
    if (!read.caseFile)
        qFatal("case not read: %s", qPrintable(casePath));
    strata::AnalyzeOptions options;
    options.offline = true;
    return strata::Analyzer::analyze(*read.caseFile, nullptr, read.diagnostics, options);
}
