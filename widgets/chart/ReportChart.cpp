#include "ReportChart.h"

#include "TimelineView.h"

#include <QApplication>
#include <QBuffer>
#include <QChart>
#include <QChartView>
#include <QGraphicsScene>
#include <QImage>
#include <QPainter>
#include <QScopeGuard>
#include <QTableView>

namespace ReportChart {

namespace {
QtMessageHandler previousHandler = nullptr;
void withoutSizeHintWarning(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (!message.contains(QLatin1String("propagateSizeHints")) && previousHandler)
        previousHandler(type, context, message);
}
} // namespace

QByteArray png(const strata::AnalysisResult &r, QSize size)
{
    if (r.timeline.isEmpty() && r.recordings.isEmpty()) // as the window: no chart without dated events
        return {};
    // The offscreen platform warns that it cannot hint window sizes: not the user's concern.
    previousHandler = qInstallMessageHandler(withoutSizeHintWarning);
    const auto restore = qScopeGuard([] { qInstallMessageHandler(previousHandler); });
    TimelineView view;
    view.setAttribute(Qt::WA_DontShowOnScreen);
    QPalette paper = view.palette(); // printed: dark text on white, whatever the theme
    for (const QPalette::ColorRole role : { QPalette::Base, QPalette::Window })
        paper.setColor(role, Qt::white);
    for (const QPalette::ColorRole role : { QPalette::Text, QPalette::WindowText })
        paper.setColor(role, QColor(0x1a, 0x1a, 0x1a));
    view.setPalette(paper);
    view.tableView()->hide(); // the chart alone, the whole width
    view.resize(size);
    view.show();
    QCoreApplication::sendPostedEvents();
    // Laid out first, so the chart is binned for the width it is drawn at.
    view.setTimeline(r.timeline, r.etcdMembers, r.recordings, r.etcdCapture ? r.etcdCapture->time : QDateTime());
    QCoreApplication::sendPostedEvents();

    // The chart's scene, not the widget: drawn at three times the pixels from its vector shapes.
    QChart *chart = view.chartView()->chart();
    const QRectF area = chart->geometry();
    constexpr qreal scale = 3; // sharp when printed at the width of a page
    QImage image((area.size() * scale).toSize(), QImage::Format_RGB32);
    image.fill(Qt::white);
    {
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setRenderHint(QPainter::TextAntialiasing);
        chart->scene()->render(&painter, QRectF(QPointF(0, 0), image.size()), area);
    }
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    if (!image.save(&buffer, "PNG"))
        return {};
    return bytes;
}

} // namespace ReportChart
