#pragma once

#include "investigation/AnalysisResult.h"

#include <QByteArray>
#include <QSize>

// The raft timeline chart for an incident report: the Timeline panel's
// chart of the whole span, drawn off screen on a light background whatever
// the window's theme (reports are printed), at three times the pixels of `size`.
// A PNG; empty when the analysis has nothing to chart. Needs a
// QApplication (any platform, offscreen included); the GUI thread only.
namespace ReportChart {
QByteArray png(const strata::AnalysisResult &result, QSize size = QSize(900, 420));
}
