#include "TimelineView.h"

#include "ChartExport.h"
#include "LeaderBands.h"
#include "TimelineChartView.h"

#include "core/PlainToolTip.h"

#include "itemmodels/TimelineChartData.h"
#include "itemmodels/TimelineModel.h"

#include <QAreaSeries>
#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QCursor>
#include <QDateTimeAxis>
#include <QEvent>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLegendMarker>
#include <QLineSeries>
#include <QMessageBox>
#include <QScatterSeries>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QToolTip>
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

// The colours the theme gives its first `count` series, in order — set on
// each series explicitly, so a member's term line, index line and leader
// band share one colour whatever else the chart holds.
QList<QColor> themeColours(QChart::ChartTheme theme, qsizetype count)
{
    QChart chart;
    chart.setTheme(theme);
    QList<QColor> colours;
    for (qsizetype i = 0; i < count; ++i) {
        auto *series = new QLineSeries;
        chart.addSeries(series);
        colours.append(series->color());
    }
    return colours;
}
} // namespace

TimelineView::TimelineView(QWidget *parent)
    : QWidget(parent)
    , m_model(new TimelineModel(this))
    , m_chartView(new TimelineChartView(this))
    , m_table(new QTableView(this))
    , m_window(new QLabel(this))
    , m_resetButton(new QToolButton(this))
    , m_drawTimer(new QTimer(this))
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
    // Wheel notches and drags arrive faster than a redraw: one draw per turn of the event loop.
    m_drawTimer->setSingleShot(true);
    m_drawTimer->setInterval(0);
    connect(m_drawTimer, &QTimer::timeout, this, &TimelineView::draw);
    connect(m_chartView, &TimelineChartView::zoomRequested, this, [this](qint64 center, double factor) {
        m_zoom.zoomAt(center, factor);
        scheduleDraw();
    });
    connect(m_chartView, &TimelineChartView::panRequested, this, [this](double fraction) {
        m_zoom.pan(fraction);
        scheduleDraw();
    });
    connect(m_chartView, &TimelineChartView::panByRequested, this, [this](qint64 ms) {
        m_zoom.panBy(ms);
        scheduleDraw();
    });
    connect(m_chartView, &TimelineChartView::rangeRequested, this, [this](qint64 from, qint64 to) {
        m_zoom.show(from, to);
        scheduleDraw();
    });
    connect(m_chartView, &TimelineChartView::resetRequested, this, [this] {
        m_zoom.reset();
        scheduleDraw();
    });
    connect(m_chartView, &TimelineChartView::hovered, this, [this](const QPointF &pos, qint64 ms) {
        QStringList lines {
            QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"))
        };
        lines += TimelineChartData::readout(m_shown, ms);
        m_chartView->showCrosshair(pos, lines);
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex &row) {
        // The event's marker: in view (the window moves to it when zoomed elsewhere) and drawn as selected.
        if (row.isValid() && row.row() < m_events.size() && m_events.at(row.row()).time.isValid()) {
            const qint64 at = m_events.at(row.row()).time.toMSecsSinceEpoch();
            if (at < m_zoom.from || at > m_zoom.to) {
                const qint64 half = (m_zoom.to - m_zoom.from) / 2;
                m_zoom.show(at - half, at + half);
            }
        }
        scheduleDraw();
    });

    m_window->setObjectName(QStringLiteral("timelineWindow"));
    m_window->setTextFormat(Qt::PlainText);
    m_window->setForegroundRole(QPalette::PlaceholderText);
    m_resetButton->setObjectName(QStringLiteral("timelineResetZoom"));
    m_resetButton->setText(QStringLiteral("Reset Zoom"));
    m_resetButton->setToolTip(QStringLiteral("Show the whole span (0, Home or a double-click on the chart)"));
    connect(m_resetButton, &QToolButton::clicked, this, [this] {
        m_zoom.reset();
        scheduleDraw();
    });
    auto *exportButton = new QToolButton(this);
    exportButton->setObjectName(QStringLiteral("timelineExport"));
    exportButton->setText(QStringLiteral("Export Chart…"));
    exportButton->setToolTip(QStringLiteral("Save the chart as it shows now, as PNG or SVG"));
    connect(exportButton, &QToolButton::clicked, this, &TimelineView::chooseExportFile);
    auto *tools = new QHBoxLayout;
    tools->setContentsMargins(4, 2, 4, 0);
    tools->addWidget(m_window, 1);
    tools->addWidget(m_resetButton);
    tools->addWidget(exportButton);
    auto *chartPane = new QWidget(this);
    auto *chartLayout = new QVBoxLayout(chartPane);
    chartLayout->setContentsMargins(0, 0, 0, 0);
    chartLayout->setSpacing(0);
    chartLayout->addLayout(tools);
    chartLayout->addWidget(m_chartView, 1);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(chartPane);
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

QChartView *TimelineView::chartView() const
{
    return m_chartView;
}

void TimelineView::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        draw();
}

void TimelineView::scheduleDraw()
{
    m_drawTimer->start();
}

void TimelineView::rebuildChart()
{
    // Binned: at most one point per lane and pixel-wide bin, however many events.
    m_whole = TimelineChartData::build(
        m_events, m_members, std::max(60, m_chartView->width() / 3), m_recordings, m_reportedAt);
    if (m_whole.first.isValid()) {
        const qint64 first = m_whole.first.toMSecsSinceEpoch(), last = m_whole.last.toMSecsSinceEpoch();
        const qint64 spanMs = last - first;
        const qint64 pad = std::max<qint64>(spanMs < 600000 ? 1000 : 60000, spanMs / 20);
        m_zoom.setSpan(first - pad, last + pad);
    }
    draw();
}

bool TimelineView::exportChart(const QString &path, QString *error)
{
    m_chartView->hideCrosshair();
    return ChartExport::save(m_chartView, path, error);
}

void TimelineView::chooseExportFile()
{
    const QString path = QFileDialog::getSaveFileName(this, QStringLiteral("Export Chart"),
        QStringLiteral("timeline.png"), QStringLiteral("PNG image (*.png);;SVG drawing (*.svg)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!exportChart(path, &error))
        QMessageBox::warning(this, QStringLiteral("Export Chart"), error);
}

void TimelineView::setSeriesVisible(const QString &name, bool visible)
{
    if (visible)
        m_hidden.remove(name);
    else
        m_hidden.insert(name);
    for (QAbstractSeries *series : m_chartView->chart()->series()) {
        if (series->name() == name)
            series->setVisible(visible);
    }
    const auto markers = m_chartView->chart()->legend()->markers();
    for (QLegendMarker *marker : markers) {
        if (marker->series()->name() == name && marker->isVisible()) {
            QFont font = marker->font();
            font.setStrikeOut(!visible); // still listed, so it can be shown again
            marker->setFont(font);
        }
    }
}

void TimelineView::selectEventOfMarker(qsizetype lane, const QPointF &point)
{
    // A marker stands for its bin's first event in its lane: that event's row.
    const qint64 at = qint64(point.x());
    for (qsizetype row = 0; row < m_events.size(); ++row) {
        const TimelineEvent &e = m_events.at(row);
        if (!e.time.isValid() || e.time.toMSecsSinceEpoch() != at)
            continue;
        const qsizetype eventLane = m_whole.lanes.indexOf(e.source);
        if (eventLane == lane || (eventLane < 0 && lane == m_whole.lanes.size() - 1)) {
            m_table->selectRow(int(row));
            m_table->scrollTo(m_model->index(int(row), 0));
            return;
        }
    }
}

void TimelineView::draw()
{
    m_drawTimer->stop();
    // Round ticks: the axis reaches out to whole steps around the window, and
    // a zoomed window is binned over all the axis shows (no empty margins).
    const TimelineZoom::Ticks ticks = TimelineZoom::roundTicks(m_zoom.from, m_zoom.to);
    m_shown = m_zoom.isZoomed() ? TimelineChartData::window(
                  m_whole, m_events, m_recordings, std::max(60, m_chartView->width() / 3), ticks.from, ticks.to)
                                : m_whole;
    m_resetButton->setEnabled(m_zoom.isZoomed());
    const TimelineChartData &chartData = m_shown;
    auto *chart = new QChart;
    // The theme picks series colours that show on this background; the palette the rest.
    const QChart::ChartTheme theme = isDark(palette()) ? QChart::ChartThemeDark : QChart::ChartThemeLight;
    chart->setTheme(theme);
    chart->setBackgroundRoundness(0);
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->setBackgroundBrush(palette().color(QPalette::Base));
    chart->setTitleBrush(palette().color(QPalette::Text));
    chart->legend()->setLabelColor(palette().color(QPalette::Text));

    if (!chartData.first.isValid()) {
        chart->legend()->hide();
        chart->setTitle(QStringLiteral("No dated events in the evidence"));
        m_window->clear();
        replaceChart(m_chartView, chart);
        m_chartView->chartReplaced();
        return;
    }
    const QStringList &sources = chartData.lanes;
    auto *timeAxis = new QDateTimeAxis;
    // Labels as fine as the window needs: seconds for a short one, dates for weeks.
    const qint64 spanMs = m_zoom.to - m_zoom.from;
    timeAxis->setFormat(ticks.stepMs < 1000 ? QStringLiteral("HH:mm:ss.zzz")
            : ticks.stepMs < 60000          ? QStringLiteral("HH:mm:ss")
            : spanMs < 2 * 86400000LL       ? QStringLiteral("MM-dd HH:mm")
                                            : QStringLiteral("yyyy-MM-dd"));
    timeAxis->setTickCount(ticks.count);
    timeAxis->setTitleText(QStringLiteral("UTC"));
    const QDateTime from = QDateTime::fromMSecsSinceEpoch(m_zoom.from, Qt::UTC);
    const QDateTime to = QDateTime::fromMSecsSinceEpoch(m_zoom.to, Qt::UTC);
    timeAxis->setRange(
        QDateTime::fromMSecsSinceEpoch(ticks.from, Qt::UTC), QDateTime::fromMSecsSinceEpoch(ticks.to, Qt::UTC));
    m_window->setText(m_zoom.isZoomed()
            ? QStringLiteral("Zoomed: %1 – %2 UTC")
                  .arg(from.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")), to.toString(QStringLiteral("HH:mm:ss")))
            : QStringLiteral("Wheel or drag to zoom; Shift+wheel to pan; double-click to reset"));
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

    // Colours: the lanes' first, then one per recorded member (its term, index, applied index and leader band).
    QStringList members;
    for (const TimelineChartData::MemberSteps &m : chartData.memberTerms)
        members.append(m.member);
    for (const TimelineChartData::LeaderSpan &span : chartData.leaderSpans) {
        if (!span.leader.isEmpty() && !members.contains(span.leader))
            members.append(span.leader);
    }
    const QList<QColor> colours = themeColours(theme, sources.size());
    // Members' colours of their own, distinct from each other whatever the
    // number of lanes (a theme has five and repeats them).
    const auto memberColour = [&](const QString &member) {
        static const QRgb distinct[]
            = { 0x1f77b4, 0xd62728, 0x2ca02c, 0x9467bd, 0xff7f0e, 0x17becf, 0x8c564b, 0xe377c2, 0xbcbd22, 0x7f7f7f };
        const qsizetype m = members.indexOf(member);
        return m < 0 ? palette().color(QPalette::Mid) : QColor(distinct[m % std::size(distinct)]);
    };

    QStringList titles; // what the chart says about itself, in one title
    // Who led, as bands behind everything else (series draw in the order added).
    const QList<QAreaSeries *> bands = LeaderBands::make(chartData.leaderSpans, ticks.from, ticks.to, memberColour);
    if (!bands.isEmpty()) {
        auto *bandAxis = new QValueAxis;
        bandAxis->setRange(0, 1);
        bandAxis->setVisible(false);
        chart->addAxis(bandAxis, Qt::AlignLeft);
        for (QAreaSeries *band : bands) {
            chart->addSeries(band);
            band->attachAxis(timeAxis);
            band->attachAxis(bandAxis);
        }
    } else if (LeaderBands::countIn(chartData.leaderSpans, ticks.from, ticks.to) > 0) {
        titles.append(QStringLiteral("the leader changed more than %1 times in this window: zoom in to see who led")
                          .arg(LeaderBands::maxBands));
    }

    for (qsizetype lane = 0; lane < sources.size(); ++lane) {
        auto *series = new QScatterSeries;
        series->setName(sources.at(lane).isEmpty() ? QStringLiteral("(no source)") : sources.at(lane));
        series->setMarkerSize(11);
        series->append(chartData.points.at(lane)); // in one call: appending point by point is quadratic in QtCharts
        chart->addSeries(series);
        series->setColor(colours.at(lane));
        // Markers of a busy lane overlap: a border of their own colour, not
        // the theme's white, keeps them a band instead of a blank.
        series->setBorderColor(colours.at(lane));
        series->attachAxis(timeAxis);
        series->attachAxis(laneAxis);
        connect(series, &QScatterSeries::clicked, this,
            [this, lane](const QPointF &point) { selectEventOfMarker(lane, point); });
        // What a marker stands for, where it came from (file:line); evidence text shown as text.
        connect(series, &QScatterSeries::hovered, this, [this, lane](const QPointF &point, bool entered) {
            if (!entered) {
                QToolTip::hideText();
                return;
            }
            const QString text = TimelineChartData::markerText(m_shown, m_events, lane, qint64(point.x()));
            if (!text.isEmpty())
                QToolTip::showText(QCursor::pos(), plainToolTip(text), m_chartView);
        });
    }
    // The event selected in the table, drawn over its lane's marker.
    const QModelIndex current = m_table->currentIndex();
    if (current.isValid() && current.row() < m_events.size() && m_events.at(current.row()).time.isValid()) {
        const TimelineEvent &e = m_events.at(current.row());
        const qsizetype lane = sources.indexOf(e.source);
        auto *selected = new QScatterSeries;
        selected->setName(QStringLiteral("selected event"));
        selected->setMarkerShape(QScatterSeries::MarkerShapeRectangle);
        selected->setMarkerSize(16);
        selected->setColor(Qt::transparent);
        selected->setBorderColor(palette().color(QPalette::Highlight));
        QPen pen(palette().color(QPalette::Highlight), 3);
        selected->setPen(pen);
        selected->append(double(e.time.toMSecsSinceEpoch()), double(lane >= 0 ? lane : sources.size() - 1));
        chart->addSeries(selected);
        selected->attachAxis(timeAxis);
        selected->attachAxis(laneAxis);
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
    QList<QLineSeries *> memberTermSeries;
    for (const TimelineChartData::MemberSteps &m : chartData.memberTerms) {
        auto *member = new QLineSeries;
        member->setName(m.member); // the legend's entry for the member: its id, as etcdctl prints it
        member->replace(m.steps);
        termSeries.append(member);
        memberTermSeries.append(member);
    }
    // The colours go on once the series are in the chart (adding one gives it the theme's next colour).
    // The events' term and the reported term are the cluster's, not a member's: the text colour.
    const auto colourMembers = [&] {
        for (QXYSeries *series : std::as_const(termSeries)) {
            QPen pen = series->pen();
            pen.setColor(memberTermSeries.contains(qobject_cast<QLineSeries *>(series))
                    ? memberColour(series->name())
                    : palette().color(QPalette::Text));
            series->setPen(pen);
            if (auto *marker = qobject_cast<QScatterSeries *>(series))
                marker->setColor(palette().color(QPalette::Text));
        }
    };
    if (chartData.reportedTerm > 0 && chartData.reportedAt.isValid()) {
        auto *reported = new QScatterSeries;
        reported->setName(QStringLiteral("term %1 at capture time").arg(chartData.reportedTerm));
        reported->setMarkerShape(QScatterSeries::MarkerShapeRectangle);
        reported->setMarkerSize(9);
        reported->append(double(chartData.reportedAt.toMSecsSinceEpoch()), double(chartData.reportedTerm));
        termSeries.append(reported);
    } else if (chartData.reportedTerm > 0) {
        titles.append(QStringLiteral("members report term %1 (undated: when it began is not in the evidence)")
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
        colourMembers();
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
        // The member's own colour: its term solid, its index dashed, its applied index dotted.
        const auto addIndexLine
            = [&](const TimelineChartData::MemberSteps &m, const QString &prefix, Qt::PenStyle style) {
                  auto *series = new QLineSeries;
                  series->setName(prefix + m.member);
                  series->replace(m.steps);
                  chart->addSeries(series);
                  QPen pen = series->pen();
                  pen.setStyle(style);
                  pen.setColor(memberColour(m.member));
                  series->setPen(pen);
                  series->attachAxis(timeAxis);
                  series->attachAxis(indexAxis);
              };
        for (const TimelineChartData::MemberSteps &m : chartData.memberIndexes)
            addIndexLine(m, QStringLiteral("index · "), Qt::DashLine);
        for (const TimelineChartData::MemberSteps &m : chartData.memberApplied)
            addIndexLine(m, QStringLiteral("applied · "), Qt::DotLine);
    }
    chart->setTitle(titles.join(QStringLiteral("; ")));
    chart->legend()->setVisible(!chartData.memberTerms.isEmpty() || !chartData.memberIndexes.isEmpty()
        || !chartData.termSteps.isEmpty() || chartData.reportedTerm > 0);
    replaceChart(m_chartView, chart);
    m_chartView->chartReplaced();
    // Once the chart is in its view: showing it makes the markers follow their series again.
    // The legend lists one entry per member (its term solid, its index dashed
    // in the same colour), the events' term and the reported term — not the
    // lanes the axis names already. A click hides or shows the entry's lines,
    // remembered across redraws.
    for (QAbstractSeries *series : chart->series())
        m_hidden.contains(series->name()) ? series->hide() : series->show();
    for (QLegendMarker *marker : chart->legend()->markers()) {
        const QString name = marker->series()->name();
        const bool isLine = qobject_cast<QLineSeries *>(marker->series()) != nullptr
            || name.endsWith(QLatin1String("at capture time"));
        const bool memberIndex
            = name.startsWith(QStringLiteral("index · ")) || name.startsWith(QStringLiteral("applied · "));
        marker->setVisible(isLine && !memberIndex);
        if (!isLine || memberIndex)
            continue;
        QStringList names { name };
        for (const TimelineChartData::MemberSteps &m : chartData.memberTerms) {
            if (m.member == name)
                names += { QStringLiteral("index · ") + name, QStringLiteral("applied · ") + name };
        }
        QFont font = marker->font();
        font.setStrikeOut(m_hidden.contains(name));
        marker->setFont(font);
        connect(marker, &QLegendMarker::clicked, this, [this, names] {
            const bool show = m_hidden.contains(names.first());
            for (const QString &n : names)
                setSeriesVisible(n, show);
        });
    }
}
