#include "TimelineView.h"

#include "itemmodels/TimelineChartData.h"
#include "itemmodels/TimelineModel.h"

#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QDateTimeAxis>
#include <QEvent>
#include <QHeaderView>
#include <QLineSeries>
#include <QScatterSeries>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>
#include <QValueAxis>

#include <cmath>

using namespace strata;

namespace {
// QChartView releases but does not delete the chart it showed before.
void replaceChart(QChartView *view, QChart *chart)
{
    QChart *old = view->chart();
    view->setChart(chart);
    delete old;
}

// Every colour from the palette, so the chart reads in light and dark themes.
void styleAxis(QAbstractAxis *axis, const QPalette &palette)
{
    axis->setLabelsColor(palette.color(QPalette::Text));
    axis->setTitleBrush(palette.color(QPalette::Text));
    axis->setLinePenColor(palette.color(QPalette::Mid));
    axis->setGridLineColor(palette.color(QPalette::Midlight));
}

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightness() < 128;
}
} // namespace

TimelineView::TimelineView(QWidget *parent)
    : QWidget(parent)
    , m_model(new TimelineModel(this))
    , m_chartView(new QChartView(this))
    , m_table(new QTableView(this))
{
    setObjectName(QStringLiteral("timelineView"));
    m_chartView->setObjectName(QStringLiteral("timelineChart"));
    m_chartView->setAccessibleName(QStringLiteral("Timeline chart: etcd raft terms and indices over time"));
    m_chartView->setRenderHint(QPainter::Antialiasing);
    m_chartView->setMinimumHeight(140);
    m_chartView->setMinimumWidth(380);
    m_table->setObjectName(QStringLiteral("timelineTable"));
    m_table->setAccessibleName(QStringLiteral("Timeline events"));
    m_table->setModel(m_model);
    m_table->verticalHeader()->hide();
    m_table->setWordWrap(false);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->horizontalHeader()->setSectionResizeMode(TimelineModel::EventColumn, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(TimelineModel::TimeColumn, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(TimelineModel::SourceColumn, QHeaderView::ResizeToContents);
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_chartView);
    splitter->addWidget(m_table);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);
}

void TimelineView::setTimeline(const QList<TimelineEvent> &events, const QList<EtcdMemberSummary> &members,
    const QList<std::shared_ptr<const EtcdRecordingData>> &recordings, const QDateTime &reportedAt)
{
    m_events = events;
    m_members = members;
    m_recordings = recordings;
    m_reportedAt = reportedAt;
    m_model->setEvents(events);
    rebuildChart();
}

void TimelineView::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        rebuildChart();
}

void TimelineView::rebuildChart()
{
    const QList<TimelineEvent> &events = m_events;
    const QList<EtcdMemberSummary> &members = m_members;
    auto *chart = new QChart;
    // The theme picks series colours that show on this background; the palette the rest.
    chart->setTheme(isDark(palette()) ? QChart::ChartThemeDark : QChart::ChartThemeLight);
    chart->setBackgroundRoundness(0);
    chart->legend()->hide();
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->setBackgroundBrush(palette().color(QPalette::Base));
    chart->setTitleBrush(palette().color(QPalette::Text));
    chart->legend()->setLabelColor(palette().color(QPalette::Text));

    // Binned: at most one point per lane and pixel-wide bin, however many events.
    const TimelineChartData chartData
        = TimelineChartData::build(events, members, std::max(60, m_chartView->width() / 3), m_recordings, m_reportedAt);
    if (!chartData.first.isValid()) {
        chart->setTitle(QStringLiteral("No dated events in the evidence"));
        replaceChart(m_chartView, chart);
        return;
    }
    const QDateTime &first = chartData.first, &last = chartData.last;
    const QStringList &sources = chartData.lanes;
    auto *timeAxis = new QDateTimeAxis;
    // Labels as fine as the span needs: seconds for a short recording, dates for weeks.
    const qint64 spanMs = first.msecsTo(last);
    timeAxis->setFormat(spanMs < 600000 ? QStringLiteral("HH:mm:ss")
            : spanMs < 2 * 86400000LL   ? QStringLiteral("MM-dd HH:mm")
                                        : QStringLiteral("yyyy-MM-dd"));
    timeAxis->setTickCount(4);
    timeAxis->setTitleText(QStringLiteral("UTC"));
    const qint64 pad = std::max<qint64>(spanMs < 600000 ? 1000 : 60000, spanMs / 20);
    timeAxis->setRange(first.addMSecs(-pad), last.addMSecs(pad));
    styleAxis(timeAxis, palette());
    chart->addAxis(timeAxis, Qt::AlignBottom);
    // One lane per source, named on the axis (a legend would crowd a small dock).
    auto *laneAxis = new QCategoryAxis;
    laneAxis->setRange(-0.5, double(sources.size()) - 0.5);
    laneAxis->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    for (qsizetype lane = 0; lane < sources.size(); ++lane)
        laneAxis->append(sources.at(lane).isEmpty() ? QStringLiteral("(none)") : sources.at(lane), double(lane));
    styleAxis(laneAxis, palette());
    chart->addAxis(laneAxis, Qt::AlignLeft);

    for (qsizetype lane = 0; lane < sources.size(); ++lane) {
        auto *series = new QScatterSeries;
        series->setName(sources.at(lane).isEmpty() ? QStringLiteral("(no source)") : sources.at(lane));
        series->setMarkerSize(11);
        series->append(chartData.points.at(lane)); // in one call: appending point by point is quadratic in QtCharts
        chart->addSeries(series); // the theme gives it its colour
        // Markers of a busy lane overlap: a border of their own colour, not
        // the theme's white, keeps them a band instead of a blank.
        series->setBorderColor(series->color());
        series->attachAxis(timeAxis);
        series->attachAxis(laneAxis);
    }

    // Raft terms named by events, each recorded member's sampled term, and
    // the term a status reports where it is dated (a live read's time).
    auto *terms = new QLineSeries;
    terms->setName(QStringLiteral("raft term"));
    terms->replace(chartData.termSteps);
    QList<QXYSeries *> termSeries;
    if (terms->count() > 0)
        termSeries.append(terms);
    else
        delete terms;
    for (const TimelineChartData::MemberSteps &m : chartData.memberTerms) {
        auto *member = new QLineSeries;
        member->setName(QStringLiteral("term · %1").arg(m.member));
        member->replace(m.steps);
        termSeries.append(member);
    }
    if (chartData.reportedTerm > 0 && chartData.reportedAt.isValid()) {
        auto *reported = new QScatterSeries;
        reported->setName(QStringLiteral("term %1 at capture time").arg(chartData.reportedTerm));
        reported->setMarkerShape(QScatterSeries::MarkerShapeRectangle);
        reported->setMarkerSize(9);
        reported->append(double(chartData.reportedAt.toMSecsSinceEpoch()), double(chartData.reportedTerm));
        termSeries.append(reported);
    } else if (chartData.reportedTerm > 0) {
        chart->setTitle(QStringLiteral("members report term %1 (undated: when it began is not in the evidence)")
                            .arg(chartData.reportedTerm));
    }
    const quint64 minTerm = chartData.minTerm, maxTerm = chartData.maxTerm;
    if (!termSeries.isEmpty()) {
        auto *termAxis = new QValueAxis;
        termAxis->setRange(double(minTerm) - 1, double(maxTerm) + 1);
        termAxis->setLabelFormat(QStringLiteral("%d"));
        // Terms are whole numbers: one tick per term while that stays readable.
        const quint64 span = maxTerm - minTerm + 2;
        if (span <= 10)
            termAxis->setTickCount(int(span) + 1);
        else
            termAxis->applyNiceNumbers();
        termAxis->setTitleText(QStringLiteral("raft term"));
        styleAxis(termAxis, palette());
        chart->addAxis(termAxis, Qt::AlignRight);
        for (QXYSeries *series : std::as_const(termSeries)) {
            chart->addSeries(series);
            series->attachAxis(timeAxis);
            series->attachAxis(termAxis);
        }
    }
    // Raft indexes, relative to the lowest recorded, dashed, on their own axis.
    if (!chartData.memberIndexes.isEmpty()) {
        auto *indexAxis = new QValueAxis;
        // Whole entries: one tick each while few, else round numbers.
        const double top = std::ceil(chartData.maxIndexOffset);
        if (top <= 8) {
            indexAxis->setRange(0, top + 1);
            indexAxis->setTickCount(int(top) + 2);
        } else {
            indexAxis->setRange(0, top * 1.05);
            indexAxis->applyNiceNumbers();
        }
        indexAxis->setLabelFormat(QStringLiteral("%.0f"));
        indexAxis->setTitleText(QStringLiteral("raft index − %1").arg(chartData.indexBase));
        styleAxis(indexAxis, palette());
        chart->addAxis(indexAxis, Qt::AlignRight);
        for (const TimelineChartData::MemberSteps &m : chartData.memberIndexes) {
            auto *series = new QLineSeries;
            series->setName(QStringLiteral("index · %1").arg(m.member));
            series->replace(m.steps);
            chart->addSeries(series);
            QPen pen = series->pen();
            pen.setStyle(Qt::DashLine);
            series->setPen(pen);
            series->attachAxis(timeAxis);
            series->attachAxis(indexAxis);
        }
    }
    replaceChart(m_chartView, chart);
}
