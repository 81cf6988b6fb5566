// Triage without the mouse: the diff's commands fire from every dock, Ctrl+1…6
// and Esc move between views, Tab visits every dock and comes back, and Help ▸
// Keyboard Shortcuts lists what the keys really do.
#include "StrataTestMain.h"
#include "WindowDriver.h"

#include "DiffView.h"
#include "FindingsView.h"
#include "ShortcutsDialog.h"
#include "ViewNavigator.h"

#include "itemmodels/DiffModel.h"

#include <QApplication>
#include <QDockWidget>
#include <QLineEdit>
#include <QSettings>
#include <QTabBar>
#include <QTabWidget>
#include <QTreeView>
#include <QTreeWidget>

using namespace WindowDriver;
using strata::DiffModel;

namespace {
// Which part of the window holds `w`: a dock's object name, or "central".
QString areaOf(const QWidget *w)
{
    for (; w; w = w->parentWidget()) {
        if (auto *dock = qobject_cast<const QDockWidget *>(w))
            return dock->objectName();
        if (w->objectName() == QLatin1String("centralTabs"))
            return QStringLiteral("central");
    }
    return QString();
}

void press(QKeyCombination key)
{
    QWidget *target = QApplication::focusWidget();
    QVERIFY2(target, "nothing has the keyboard focus");
    QTest::keyClick(target, key.key(), key.keyboardModifiers());
}
} // namespace

class TestKeyboard : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<MainWindow> m_window;
    DiffView *m_diff = nullptr;

    QTreeView *diffTree() const { return m_diff->treeView(); }

private Q_SLOTS:
    void init()
    {
        QSettings().clear();
        m_window = std::make_unique<MainWindow>();
        m_window->resize(1280, 800);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        QVERIFY(openAndAnalyse(*m_window, MainWindow::referenceCasePath()));
        m_diff = m_window->findChild<DiffView *>(QStringLiteral("diffView"));
        QVERIFY(m_diff);
    }
    void cleanup() { m_window.reset(); }

    void f7FromTheFindingsDockMovesTheDiffSelection()
    {
        press(Qt::CTRL | Qt::Key_3);
        auto *findings = m_window->findChild<FindingsView *>(QStringLiteral("findingsView"));
        QTRY_VERIFY(findings->treeView()->hasFocus());
        diffTree()->setCurrentIndex({});
        press(QKeyCombination(Qt::Key_F7));
        const QModelIndex first = diffTree()->currentIndex();
        QVERIFY(first.isValid());
        QVERIFY(first.parent().isValid()); // a field row, not a resource
        QVERIFY(first.data(DiffModel::StatusesRole).toUInt() != unsigned(strata::FieldStatus::Same));
        QVERIFY(findings->treeView()->hasFocus()); // the user stays where they were
        press(QKeyCombination(Qt::Key_F7));
        const QModelIndex second = diffTree()->currentIndex();
        QVERIFY(second.isValid());
        QVERIFY(second != first);
        press(Qt::SHIFT | Qt::Key_F7);
        QCOMPARE(diffTree()->currentIndex(), first);
    }

    void ctrlDFromTheEvidenceDockTogglesDifferencesOnly()
    {
        press(Qt::CTRL | Qt::Key_5);
        QTRY_COMPARE(areaOf(QApplication::focusWidget()), QStringLiteral("evidenceDock"));
        auto countFieldRows = [this]() {
            int rows = 0;
            QAbstractItemModel *model = diffTree()->model();
            for (int r = 0; r < model->rowCount(); ++r)
                rows += model->rowCount(model->index(r, 0));
            return rows;
        };
        const int all = countFieldRows();
        press(Qt::CTRL | Qt::Key_D);
        QVERIFY(m_diff->differencesOnlyAction()->isChecked());
        const int differing = countFieldRows();
        QVERIFY2(differing > 0 && differing < all, qPrintable(QStringLiteral("%1 of %2").arg(differing).arg(all)));
        press(Qt::CTRL | Qt::Key_D);
        QVERIFY(!m_diff->differencesOnlyAction()->isChecked());
        QCOMPARE(countFieldRows(), all);
    }

    void ctrlNumberFocusesEachViewAndEscReturnsToTheDiff()
    {
        const QList<QPair<Qt::Key, QString>> expected = {
            { Qt::Key_3, QStringLiteral("findingsDock") },
            { Qt::Key_4, QStringLiteral("timelineDock") },
            { Qt::Key_5, QStringLiteral("evidenceDock") },
            { Qt::Key_6, QStringLiteral("sourcesDock") },
            { Qt::Key_2, QStringLiteral("central") },
            { Qt::Key_1, QStringLiteral("central") },
        };
        for (const auto &[key, area] : expected) {
            press(Qt::CTRL | key);
            QTRY_COMPARE(areaOf(QApplication::focusWidget()), area);
        }
        QVERIFY(diffTree()->hasFocus()); // Ctrl+1 is the diff itself, not the System tab
        press(Qt::CTRL | Qt::Key_2);
        auto *tabs = m_window->findChild<QTabWidget *>(QStringLiteral("centralTabs"));
        QTRY_COMPARE(tabs->currentIndex(), 1);
        QCOMPARE(tabs->tabBar()->currentIndex(), 1);
        press(Qt::CTRL | Qt::Key_1);
        QTRY_COMPARE(tabs->currentIndex(), 0);
        press(Qt::CTRL | Qt::Key_3);
        QTRY_COMPARE(areaOf(QApplication::focusWidget()), QStringLiteral("findingsDock"));
        press(QKeyCombination(Qt::Key_Escape));
        QTRY_VERIFY(diffTree()->hasFocus());
    }

    void switchingToTheSystemTabStaysThere()
    {
        // Focus in the diff: hiding it moves the focus on, and that must not
        // select a finding and pull the window back to the diff.
        press(Qt::CTRL | Qt::Key_1);
        QTRY_VERIFY(diffTree()->hasFocus());
        auto *tabs = m_window->findChild<QTabWidget *>(QStringLiteral("centralTabs"));
        auto *system = m_window->findChild<QWidget *>(QStringLiteral("systemView"));
        tabs->setCurrentWidget(system);
        QCOMPARE(tabs->currentIndex(), tabs->indexOf(system));
        QCOMPARE(tabs->currentWidget(), system);
        QTest::qWait(0);
        QCOMPARE(tabs->currentIndex(), tabs->indexOf(system));
    }

    void tabVisitsEveryDockAndComesBack()
    {
        press(Qt::CTRL | Qt::Key_1);
        QTRY_VERIFY(diffTree()->hasFocus());
        QSet<QString> visited;
        bool back = false;
        for (int i = 0; i < 60 && !back; ++i) {
            press(QKeyCombination(Qt::Key_Tab));
            visited.insert(areaOf(QApplication::focusWidget()));
            back = diffTree()->hasFocus();
        }
        QVERIFY2(back, "Tab never came back to the diff");
        for (const char *area : { "central", "findingsDock", "timelineDock", "evidenceDock", "sourcesDock" })
            QVERIFY2(visited.contains(QString::fromLatin1(area)), area);
    }

    void ctrlFTypesIntoTheFilterAndItNarrowsTheRows()
    {
        press(Qt::CTRL | Qt::Key_3); // from another dock
        press(Qt::CTRL | Qt::Key_F);
        QTRY_VERIFY(m_diff->filterEdit()->hasFocus());
        QAbstractItemModel *model = diffTree()->model();
        const int resources = model->rowCount();
        QVERIFY(resources > 1);
        QTest::keyClicks(m_diff->filterEdit(), QStringLiteral("max_cart"));
        QCOMPARE(model->rowCount(), 1);
        const QModelIndex only = model->index(0, 0);
        QCOMPARE(model->rowCount(only), 1);
        QCOMPARE(model->index(0, 0, only).data().toString(), QStringLiteral("data.max_cart_items"));
        press(QKeyCombination(Qt::Key_Escape)); // back to the diff, the filter kept
        QTRY_VERIFY(diffTree()->hasFocus());
        QCOMPARE(model->rowCount(), 1);
        m_diff->filterEdit()->clear();
        QCOMPARE(model->rowCount(), resources);
    }

    void theShortcutListShowsTheRealKeys()
    {
        action(*m_window, "shortcutsAction")->trigger();
        auto *dialog = m_window->findChild<ShortcutsDialog *>(QStringLiteral("shortcutsDialog"));
        QVERIFY(dialog);
        QStringList rows;
        for (QTreeWidgetItemIterator it(dialog->list()); *it; ++it)
            rows << (*it)->text(0) + QLatin1Char('|') + (*it)->text(1);
        for (QAction *a : m_window->findChildren<QAction *>()) {
            if (a->shortcut().isEmpty() || a->objectName().startsWith(QLatin1String("copy")))
                continue;
            const QString key = a->shortcut().toString(QKeySequence::NativeText);
            QVERIFY2(std::any_of(rows.cbegin(), rows.cend(),
                         [&](const QString &r) {
                             return r.section(QLatin1Char('|'), 0, 0).split(QStringLiteral(", ")).contains(key);
                         }),
                qPrintable(QStringLiteral("%1 (%2) is not listed").arg(a->text(), key)));
        }
        QVERIFY(rows.contains(QStringLiteral("F7|Next Difference")));
        dialog->close();
    }

    void everyViewHasAnAccessibleName()
    {
        for (const char *name : { "diffTree", "diffFilter", "findingsTree", "evidenceView", "problemsList",
                 "systemView", "sourcesPlaceholder", "timelineChart" }) {
            auto *w = m_window->findChild<QWidget *>(QString::fromLatin1(name));
            QVERIFY2(w, name);
            QVERIFY2(!w->accessibleName().isEmpty(), name);
        }
    }
};

STRATA_TEST_MAIN(TestKeyboard)
#include "tst_keyboard.moc"
