// Value, the node every reader builds: copies share children and keep where
// each node was read, whatever the copy, move or assignment; file names past
// the table kept for the process's life are counted and still right.

#include "StrataTestMain.h"

#include "core/Value.h"

#include <thread>

using namespace strata;

class TestValue : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void assignmentFromItsOwnChildren()
    {
        const SourceLocation at { QStringLiteral("a.yaml"), 3, 5 };
        Value v = Value::map({ { QStringLiteral("k"), Value::string(QStringLiteral("inner"), at) } }, {});
        v = v.entries().first().second; // the source lives inside what is replaced
        QCOMPARE(v.text(), QStringLiteral("inner"));
        QCOMPARE(v.location(), at);
        Value list = Value::list({ Value::list({ Value::string(QStringLiteral("deep"), at) }, at) }, at);
        Value first = list.items().first();
        list = std::move(first);
        QCOMPARE(list.items().first().text(), QStringLiteral("deep"));
        const Value &same = list;
        list = same; // itself
        QCOMPARE(list.items().size(), 1);
    }

    void fileNamesSurviveEveryCopy()
    {
        // More names than are kept for the process's life (a long session's
        // live reads): the rest are counted, and freed with their last node.
        const auto name = [](int i) { return QStringLiteral("captures/t/live/%1.json").arg(i); };
        QList<Value> values;
        for (int i = 0; i < 70000; ++i)
            values.append(Value::string(QStringLiteral("v"), SourceLocation { name(i), i + 1, 2 }));
        const QList<Value> shallow = values;
        Value held;
        for (int i = 0; i < values.size(); i += 997) {
            Value copy = values.at(i);
            held = std::move(copy);
            QCOMPARE(held.location().file, name(i));
            QCOMPARE(held.location().line, i + 1);
            QVERIFY(copy.location().file.isEmpty()); // moved from
        }
        values = QList<Value>();
        QCOMPARE(shallow.last().location().file, name(69999));
        QCOMPARE(shallow.first().withLocation({ QStringLiteral("other.yaml"), 1, 1 }).location().file,
            QStringLiteral("other.yaml"));

        // Threads building values of their own files at once.
        std::vector<std::thread> threads;
        std::vector<QString> seen(4);
        for (int t = 0; t < 4; ++t) {
            threads.emplace_back([t, &seen, &name] {
                Value last;
                for (int i = 0; i < 20000; ++i)
                    last = Value::string(QStringLiteral("x"), SourceLocation { name(100000 + t * 20000 + i), 1, 1 });
                seen[size_t(t)] = last.location().file;
            });
        }
        for (std::thread &t : threads)
            t.join();
        for (int t = 0; t < 4; ++t)
            QCOMPARE(seen[size_t(t)], name(100000 + t * 20000 + 19999));
    }
};

STRATA_TEST_MAIN(TestValue)
#include "tst_value.moc"
