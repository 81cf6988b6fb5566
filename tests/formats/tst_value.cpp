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

    // A node holds its text or its children in the same bytes, and its type
    // in its location's spare bits: every way a value is copied, moved or
    // given a new place keeps the three together.
    void everyTypeSurvivesEveryCopyMoveAndNewPlace()
    {
        const SourceLocation at { QStringLiteral("t.json"), 7, 9 };
        const SourceLocation elsewhere { QStringLiteral("u.yaml"), 2, 4 };
        const QList<Value> values {
            Value::null(at),
            Value::boolean(true, at),
            Value::number(1e3, QStringLiteral("1e3"), at),
            Value::string(QStringLiteral("text"), at),
            Value::list({ Value::string(QStringLiteral("a"), at), Value::number(2, {}, at) }, at),
            Value::map({ { QStringLiteral("k"), Value::boolean(false, at) } }, at),
            Value::unknown(QStringLiteral("computed"), at),
        };
        const auto same = [&](const Value &v, const Value &original, const SourceLocation &where) {
            QCOMPARE(v.type(), original.type());
            QVERIFY(v.sameAs(original));
            QCOMPARE(v.text(), original.text());
            QCOMPARE(v.toBool(), original.toBool());
            QCOMPARE(v.toNumber(), original.toNumber());
            QCOMPARE(v.items().size(), original.items().size());
            QCOMPARE(v.entries().size(), original.entries().size());
            QCOMPARE(v.displayText(), original.displayText());
            QCOMPARE(v.location(), where);
        };
        for (const Value &original : values) {
            Value copy(original);
            same(copy, original, at);
            Value moved(std::move(copy));
            same(moved, original, at);
            QCOMPARE(copy.type(), Value::Type::Null); // NOLINT(bugprone-use-after-move): what a moved-from value is
            QVERIFY(copy.text().isEmpty());
            same(original.withLocation(elsewhere), original, elsewhere);
            for (const Value &before : values) {
                Value assigned = before;
                assigned = original;
                same(assigned, original, at);
                Value moveAssigned = before;
                Value source = original;
                moveAssigned = std::move(source);
                same(moveAssigned, original, at);
                QCOMPARE(source.type(), Value::Type::Null); // NOLINT(bugprone-use-after-move)
            }
        }
        // Only a List's items, only a Map's entries, only a Bool's truth, only a Number's value.
        QVERIFY(values[3].items().isEmpty() && values[3].entries().isEmpty());
        QVERIFY(values[4].text().isEmpty() && values[4].entries().isEmpty() && values[4].items().size() == 2);
        QVERIFY(values[5].text().isEmpty() && values[5].items().isEmpty() && values[5].find(QStringLiteral("k")));
        QCOMPARE(values[2].toBool(), false);
        QCOMPARE(values[1].toNumber(), 0.0);
        QCOMPARE(values[2].toNumber(), 1000.0);
    }

    void locationSpareBitsBelongToTheirHolder()
    {
        PackedLocation a(SourceLocation { QStringLiteral("a.tf"), 1, 2 });
        a.setSpare(5);
        QCOMPARE(a.spare(), 5u);
        QCOMPARE(a.file(), QStringLiteral("a.tf"));
        PackedLocation copied(a);
        QCOMPARE(copied.spare(), 0u); // not copied with the place
        QVERIFY(copied == a); // and not part of it
        PackedLocation b(SourceLocation { QStringLiteral("b.tf"), 3, 4 });
        b.setSpare(2);
        b = a; // the place changes, the holder's bits stay
        QCOMPARE(b.spare(), 2u);
        QCOMPARE(b.file(), QStringLiteral("a.tf"));
        QCOMPARE(b.line(), 1);
        b = PackedLocation(SourceLocation { QStringLiteral("c.tf"), 5, 6 });
        QCOMPARE(b.spare(), 2u);
        QCOMPARE(b.toString(), SourceLocation({ QStringLiteral("c.tf"), 5, 6 }).toString());
        PackedLocation none;
        none.setSpare(7);
        QVERIFY(!none.isValid());
        QVERIFY(none.file().isEmpty());
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
