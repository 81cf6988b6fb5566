#pragma once

#include <QString>

class QChartView;

// Writes what a chart view shows to a file for a report: PNG (the pixels as
// on screen) or SVG (vector, by the file's suffix). False with the reason
// when it cannot be written.
namespace ChartExport {
bool save(QChartView *view, const QString &path, QString *error);
}
