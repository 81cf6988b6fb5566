// The window in both themes at a small laptop size and a large screen: every
// diff column fits at 1024×700, system labels never sit on boxes, every text
// reaches WCAG AA, components a finding concerns are marked, the theme choice
// is remembered — and a screenshot of each for people to look at.
#include "StrataTestMain.h"
#include "WindowDriver.h"

#include "DiffView.h"
#include "StatusColors.h"
#include "SystemView.h"
#include "Theme.h"
#include "TimelineView.h"

#include "itemmodels/DiffModel.h"

#include <QChart>
#include <QChartView>
#include <QGraphicsItem>
#include <QGraphicsSimpleTextItem>
#include <QGraphicsTextItem>
#include <QHeaderView>
#include <QLabel>
#include <QScrollBar>
#include <QSettings>
#include <QTabWidget>
#include <QTreeView>
#include <QValueAxis>

using namespace WindowDriver;
using strata::DiffModel;

class TestScreenshots : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init() { QSettings().clear(); }
    void cleanup() { Theme::apply(Theme::Choice::System); }

    void eachThemeAndSize_data()
    {
        QTest::addColumn<QString>("theme");
        QTest::addColumn<QSize>("size");
        for (const char *theme : { "light", "dark" }) {
            for (const QSize &size : { QSize(1024, 700), QSize(1600, 1000) })
                QTest::addRow("%s-%dx%d", theme, size.width(), size.height()) << QString::fromLatin1(theme) << size;
        }
    }
    void eachThemeAndSize()
    {
        QFETCH(QString, theme);
        QFETCH(QSize, size);
        MainWindow window;
        window.resize(size);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QAction *themeAction = action(window, theme == QLatin1String("dark") ? "themeDarkAction" : "themeLightAction");
        QVERIFY(themeAction);
        themeAction->trigger();
        QVERIFY(openAndAnalyse(window, MainWindow::referenceCasePath()));
        QCoreApplication::processEvents();
        const QPalette pal = window.palette();
        QCOMPARE(pal.color(QPalette::Base).lightness() < 128, theme == QLatin1String("dark"));

        // Every value column and the status are on screen without scrolling sideways.
        QTreeView *tree = window.findChild<DiffView *>(QStringLiteral("diffView"))->treeView();
        QTRY_VERIFY(tree->isVisible());
        QHeaderView *header = tree->header();
        const int right
            = header->sectionViewportPosition(DiffModel::StatusColumn) + header->sectionSize(DiffModel::StatusColumn);
        QVERIFY2(right <= tree->viewport()->width(),
            qPrintable(QStringLiteral("status ends at %1 of %2").arg(right).arg(tree->viewport()->width())));
        QCOMPARE(tree->horizontalScrollBar()->maximum(), 0);
        for (int c = DiffModel::CodeColumn; c <= DiffModel::ReplicaColumn; ++c)
            QVERIFY2(header->sectionSize(c) >= 70, qPrintable(QString::number(header->sectionSize(c))));

        // The chart's text reads on its background.
        auto *chart = window.findChild<TimelineView *>(QStringLiteral("timelineView"))->chartView()->chart();
        const QColor chartBackground = chart->backgroundBrush().color();
        for (QAbstractAxis *axis : chart->axes())
            QVERIFY2(StatusColors::contrastRatio(axis->labelsColor(), chartBackground) >= 4.5,
                qPrintable(axis->labelsColor().name() + QLatin1Char('/') + chartBackground.name()));
        QVERIFY(saveScreenshot(
            window, QStringLiteral("window-%1-%2x%3.png").arg(theme).arg(size.width()).arg(size.height())));

        // The System view: labels off the boxes, AA text, findings marked.
        window.findChild<QTabWidget *>(QStringLiteral("centralTabs"))
            ->setCurrentWidget(window.findChild<SystemView *>(QStringLiteral("systemView")));
        auto *system = window.findChild<SystemView *>(QStringLiteral("systemView"));
        QTRY_VERIFY(system->isVisible());
        QVERIFY(saveScreenshot(
            window, QStringLiteral("system-%1-%2x%3.png").arg(theme).arg(size.width()).arg(size.height())));
        QList<QRectF> boxes;
        for (QGraphicsItem *item : system->scene()->items()) {
            if (item->type() == QGraphicsRectItem::Type && !item->data(0).toString().isEmpty())
                boxes.append(item->sceneBoundingRect().adjusted(1, 1, -1, -1));
        }
        QVERIFY(boxes.size() >= 5);
        const QColor base = pal.color(QPalette::Base);
        int labels = 0;
        for (QGraphicsItem *item : system->scene()->items()) {
            if (auto *label = dynamic_cast<QGraphicsSimpleTextItem *>(item)) {
                ++labels;
                QVERIFY2(StatusColors::contrastRatio(label->brush().color(), base) >= 4.5, qPrintable(label->text()));
                for (const QRectF &box : std::as_const(boxes))
                    QVERIFY2(!label->sceneBoundingRect().intersects(box), qPrintable(label->text()));
            } else if (auto *text = dynamic_cast<QGraphicsTextItem *>(item)) {
                QVERIFY2(StatusColors::contrastRatio(text->defaultTextColor(), base) >= 4.5,
                    qPrintable(text->toPlainText()));
            }
        }
        QVERIFY(labels > 0);
        // Placeholders are muted but readable.
        auto *sources = window.findChild<QWidget *>(QStringLiteral("sourcesPlaceholder"));
        auto *sentence = sources->findChild<QLabel *>(QStringLiteral("placeholderText"));
        QVERIFY(StatusColors::contrastRatio(
                    sentence->palette().color(QPalette::WindowText), sources->palette().color(QPalette::Window))
            >= 4.5);
        QVERIFY(system->marked().contains(QStringLiteral("etcd")));
        QVERIFY(system->marked().contains(QStringLiteral("object/configmap/platform/feature-flags")));
        // Fitted on open: the whole system is in view.
        QVERIFY(system->mapFromScene(system->sceneRect()).boundingRect().width() <= system->viewport()->width() + 2);
        QVERIFY(saveScreenshot(
            window, QStringLiteral("system-%1-%2x%3.png").arg(theme).arg(size.width()).arg(size.height())));
    }

    void theThemeIsRemembered()
    {
        {
            MainWindow window;
            action(window, "themeDarkAction")->trigger();
            QCOMPARE(Theme::current(), Theme::Choice::Dark);
        }
        Theme::apply(Theme::Choice::System);
        MainWindow again;
        QCOMPARE(Theme::current(), Theme::Choice::Dark);
        QVERIFY(action(again, "themeDarkAction")->isChecked());
        again.show();
        QVERIFY(QTest::qWaitForWindowExposed(&again));
        QVERIFY(again.palette().color(QPalette::Base).lightness() < 128);
    }
};

STRATA_TEST_MAIN(TestScreenshots)
#include "tst_screenshots.moc"
