#include "ChartExport.h"

#include <QChartView>
#include <QFileInfo>
#include <QPainter>
#include <QSaveFile>
#include <QSvgGenerator>

bool ChartExport::save(QChartView *view, const QString &path, QString *error)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix != QLatin1String("png") && suffix != QLatin1String("svg")) {
        *error = QStringLiteral("%1: give the file a .png or .svg name").arg(path);
        return false;
    }
    // Written whole or not at all (an export over an older one never leaves half a file).
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = QStringLiteral("%1: %2").arg(path, file.errorString());
        return false;
    }
    if (suffix == QLatin1String("svg")) {
        QSvgGenerator svg;
        svg.setOutputDevice(&file);
        svg.setSize(view->size());
        svg.setViewBox(QRect(QPoint(0, 0), view->size()));
        svg.setTitle(QStringLiteral("Strata timeline"));
        QPainter painter(&svg);
        view->render(&painter);
        painter.end();
    } else if (!view->grab().save(&file, "PNG")) {
        *error = QStringLiteral("%1: the image could not be encoded").arg(path);
        file.cancelWriting();
        return false;
    }
    if (!file.commit()) {
        *error = QStringLiteral("%1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}
