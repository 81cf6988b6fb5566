// The System view's overview: a whole cluster's objects folded per
// namespace, relations counted, the worst finding carried to the fold.
#include "StrataTestMain.h"

#include "itemmodels/SystemOverview.h"

using namespace strata;

namespace {
Component object(const QString &ns, int i)
{
    const QString name = QStringLiteral("configmap/%1/cm-%2").arg(ns).arg(i);
    return { QStringLiteral("object/") + name, QStringLiteral("kubernetes-object"), name, {}, {} };
}
} // namespace

class TestSystemOverview : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void aFewObjectsAreShownOneByOne()
    {
        QList<Component> components { { QStringLiteral("stack"), QStringLiteral("terraform-stack"),
            QStringLiteral("terraform"), {}, {} } };
        for (int i = 0; i < SystemOverview::foldAbove; ++i)
            components.append(object(QStringLiteral("a"), i));
        const SystemOverview o = SystemOverview::build(components, {}, {});
        QCOMPARE(o.components.size(), components.size());
    }

    void manyObjectsFoldPerNamespace()
    {
        QList<Component> components { { QStringLiteral("stack"), QStringLiteral("terraform-stack"),
            QStringLiteral("terraform"), {}, {} } };
        QList<Relation> relations;
        for (int i = 0; i < 60; ++i) {
            const QString ns = i % 3 == 0 ? QStringLiteral("b") : QStringLiteral("a");
            components.append(object(ns, i));
            relations.append({ QStringLiteral("stack"), components.last().id, QStringLiteral("manages"),
                QStringLiteral("kubernetes_config_map.cm_%1").arg(i), false });
        }
        Finding high;
        high.severity = Severity::High;
        high.resource = QStringLiteral("configmap/b/cm-3");
        Finding low;
        low.severity = Severity::Low;
        low.resource = QStringLiteral("configmap/b/cm-6");
        Finding info;
        info.severity = Severity::Info;
        info.resource = QStringLiteral("configmap/a/cm-1");
        const SystemOverview o = SystemOverview::build(components, relations, { low, high, info });

        QCOMPARE(o.components.size(), 3); // the stack and two namespaces, in order of first appearance
        QCOMPARE(o.components.at(1).id, SystemOverview::groupId(QStringLiteral("b")));
        QCOMPARE(o.components.at(2).name, QStringLiteral("namespace a"));
        QCOMPARE(o.components.at(2).details.first(), QStringLiteral("40 objects: 40 configmap"));
        QCOMPARE(o.components.at(2).details.at(1), QStringLiteral("no findings")); // info is not a problem
        QCOMPARE(o.components.at(1).details.at(1), QStringLiteral("2 with findings"));
        QCOMPARE(o.marked.value(SystemOverview::groupId(QStringLiteral("b"))), Severity::High);
        QVERIFY(!o.marked.contains(SystemOverview::groupId(QStringLiteral("a"))));
        QCOMPARE(o.relations.size(), 2);
        QCOMPARE(o.relations.at(0).to, SystemOverview::groupId(QStringLiteral("b")));
        QCOMPARE(o.relations.at(0).label, QStringLiteral("manages ×20"));
        QCOMPARE(o.relations.at(1).label, QStringLiteral("manages ×40"));
        QVERIFY(!o.relations.at(0).inferred);
        QCOMPARE(SystemOverview::namespaceOfGroup(o.components.at(2).id), std::optional<QString>(QStringLiteral("a")));
        QVERIFY(!SystemOverview::namespaceOfGroup(QStringLiteral("stack")));

        // Opened, a namespace shows its objects and their own relations again.
        const SystemOverview open
            = SystemOverview::build(components, relations, { low, high }, { QStringLiteral("b") });
        QCOMPARE(open.components.size(), 1 + 1 + 20);
        QCOMPARE(open.marked.value(QStringLiteral("object/configmap/b/cm-3")), Severity::High);
        QCOMPARE(open.marked.value(QStringLiteral("object/configmap/b/cm-6")), Severity::Low);
        QCOMPARE(open.relations.size(), 1 + 20);
    }
};

STRATA_TEST_MAIN(TestSystemOverview)
#include "tst_systemoverview.moc"
