#include "ApplicationRules.h"

#include <algorithm>

#include "logs/Assignment.h"

#include <QHash>
#include <QRegularExpression>
#include <QSet>

#include <optional>

namespace strata::ApplicationRules {

namespace {

QSet<QString> words(const QString &text)
{
    static const QSet<QString> stop
        = { QStringLiteral("enable"), QStringLiteral("enabled"), QStringLiteral("is"), QStringLiteral("flag"),
              QStringLiteral("feature"), QStringLiteral("use"), QStringLiteral("the"), QStringLiteral("total"),
              QStringLiteral("count"), QStringLiteral("seconds"), QStringLiteral("bytes"), QStringLiteral("info") };
    QSet<QString> out;
    static const QRegularExpression split(QStringLiteral("[^A-Za-z0-9]+|(?<=[a-z])(?=[A-Z])"));
    for (const QString &w : text.split(split, Qt::SkipEmptyParts)) {
        const QString lower = w.toLower();
        if (lower.size() >= 3 && !stop.contains(lower))
            out.insert(lower);
    }
    return out;
}

bool sameValue(const QString &observed, const DiffCell &cell)
{
    if (!cell.present || cell.value.kind != FieldValue::Kind::Scalar)
        return false;
    const QString a = observed.trimmed();
    const QString b = cell.value.text.trimmed();
    if (a.compare(b, Qt::CaseInsensitive) == 0)
        return true;
    bool okA = false, okB = false;
    const double x = a.toDouble(&okA);
    const double y = b.toDouble(&okB);
    return okA && okB && x == y;
}

QString quoted(const DiffCell &cell)
{
    return cell.present ? QLatin1Char('"') + cell.value.text + QLatin1Char('"') : QStringLiteral("(absent)");
}

} // namespace

QString leafKey(const QString &path)
{
    if (path.endsWith(QLatin1String("\"]"))) {
        const qsizetype open = path.lastIndexOf(QStringLiteral("[\""));
        if (open >= 0)
            return path.mid(open + 2, path.size() - open - 4).replace(QStringLiteral("\\\""), QStringLiteral("\""));
    }
    const qsizetype dot = path.lastIndexOf(QLatin1Char('.'));
    return dot >= 0 ? path.mid(dot + 1) : path;
}

namespace {

// A data field in plain text: what the rule compares with logs and metrics.
bool comparedField(const QString &path, bool noise, bool secret)
{
    return !noise && !secret && path.startsWith(QStringLiteral("data"));
}

bool comparedKey(const FieldDiff &f)
{
    return comparedField(f.path, f.noise, f.secret);
}

// A metric's name and its suffixes after an '_' that still hold one: what
// Observations matches keys against (a one-word suffix would claim every
// exporter's `*_limit`).
template<typename Note> void metricNameKeys(const QString &name, Note note)
{
    note(name);
    for (qsizetype u = name.indexOf(QLatin1Char('_')); u >= 0; u = name.indexOf(QLatin1Char('_'), u + 1)) {
        const QString suffix = name.mid(u + 1);
        if (suffix.contains(QLatin1Char('_')))
            note(suffix);
    }
}

// What the logs and metrics say about each compared key, read once: a
// whole cluster's keys against a million log lines must not be a product.
class Observations
{
public:
    Observations(
        const QList<ResourceDiff> &diffs, const QList<TimelineEvent> &events, const QList<MetricValue> &metrics)
    {
        QSet<QString> keys; // case-folded: a log line's key matches in any case
        for (const ResourceDiff &d : diffs) {
            for (const FieldDiff &f : d.fields) {
                if (comparedKey(f))
                    keys.insert(leafKey(f.path).toCaseFolded());
            }
        }
        if (keys.isEmpty())
            return;
        for (const TimelineEvent &e : events) {
            // In one line the last statement of a key wins; a later line wins over an earlier one.
            QHash<QString, QString> inLine;
            for (const Assignment &a : extractAssignments(e.text)) {
                const QString key = a.key.toCaseFolded();
                if (keys.contains(key))
                    inLine.insert(key, a.value);
            }
            for (auto it = inLine.cbegin(); it != inLine.cend(); ++it) {
                if (!it.value().isEmpty())
                    m_logged.insert(it.key(), { it.value(), &e });
            }
        }
        // A metric named after the key (`max_cart_items`, `shop_max_cart_items`): the first in evidence order.
        // A one-word key ("limit", "mode") only by the whole name: as a suffix it
        // would claim every exporter's `*_limit` (etcd's own os_fd_limit) as the application's value.
        for (qsizetype i = 0; i < metrics.size(); ++i) {
            const QString &name = metrics.at(i).name;
            const auto note = [&](const QString &key) {
                if (keys.contains(key.toCaseFolded()) && !m_named.contains(key))
                    m_named.insert(key, &metrics.at(i));
            };
            metricNameKeys(name, note);
        }
        for (const MetricValue &m : metrics) {
            if (m.value != 1)
                continue;
            QString labelText;
            for (const auto &[k, v] : m.labels)
                labelText += QLatin1Char(' ') + v;
            m_active.append({ &m, words(m.name + labelText) });
        }
    }

    struct Logged
    {
        QString value;
        const TimelineEvent *event = nullptr;
    };
    // The latest log line that states `key`, or nothing.
    std::optional<Logged> logged(const QString &key) const
    {
        const auto it = m_logged.constFind(key.toCaseFolded());
        return it == m_logged.cend() ? std::nullopt : std::optional<Logged>(*it);
    }
    // The first metric named `key` or ending in `_key` (names match exactly).
    const MetricValue *named(const QString &key) const { return m_named.value(key, nullptr); }
    // Series with value 1 (an active choice), with the words of their name and labels.
    const QList<std::pair<const MetricValue *, QSet<QString>>> &active() const { return m_active; }

private:
    QHash<QString, Logged> m_logged;
    QHash<QString, const MetricValue *> m_named;
    QList<std::pair<const MetricValue *, QSet<QString>>> m_active;
};

} // namespace

QSet<QString> observedKeys(const QList<TimelineEvent> &events, const QList<MetricValue> &metrics)
{
    QSet<QString> keys;
    for (const TimelineEvent &e : events) {
        for (const Assignment &a : extractAssignments(e.text)) {
            if (!a.value.isEmpty())
                keys.insert(a.key.toCaseFolded());
        }
    }
    for (const MetricValue &m : metrics)
        metricNameKeys(m.name, [&keys](const QString &key) { keys.insert(key.toCaseFolded()); });
    return keys;
}

bool mayBeObserved(const FieldValue &field, const QSet<QString> &keys)
{
    return comparedField(field.path, field.noise, field.kind == FieldValue::Kind::Secret)
        && keys.contains(leafKey(field.path).toCaseFolded());
}

QList<Finding> evaluate(
    const QList<ResourceDiff> &diffs, const QList<TimelineEvent> &events, const QList<MetricValue> &metrics)
{
    QList<Finding> findings;
    const Observations observations(diffs, events, metrics);
    for (const ResourceDiff &d : diffs) {
        for (const FieldDiff &f : d.fields) {
            if (!comparedKey(f))
                continue;
            const QString key = leafKey(f.path);
            QList<EvidenceRef> evidence;
            QString observed;
            const TimelineEvent *seenIn = nullptr;
            if (const auto logged = observations.logged(key)) {
                observed = logged->value;
                seenIn = logged->event;
            }
            const MetricValue *named = nullptr;
            if (!seenIn) {
                named = observations.named(key);
                if (named)
                    observed = QString::number(named->value, 'g', 15);
            }
            if (!seenIn && !named)
                continue;

            QStringList matches, differs;
            for (Column c : allColumns) {
                if (!d.identity(c).present)
                    continue;
                (sameValue(observed, f.cell(c)) ? matches : differs).append(columnName(c));
            }
            Finding finding;
            finding.id = QStringLiteral("app-observed-value");
            finding.resource = d.id.toString();
            finding.paths = { f.path };
            QString source;
            if (seenIn) {
                source = seenIn->source.isEmpty() ? QStringLiteral("A log line")
                                                  : QStringLiteral("The %1 log").arg(seenIn->source);
                if (seenIn->time.isValid())
                    source += QStringLiteral(" at %1").arg(seenIn->time.toUTC().toString(Qt::ISODate));
                evidence.append({ seenIn->location, seenIn->text });
            } else {
                source = QStringLiteral("The metric %1").arg(named->name);
                evidence.append(
                    { named->location, QStringLiteral("%1%2 %3").arg(named->name, named->labelText(), observed) });
            }
            QString detail = QStringLiteral("%1 shows the application running with %2 = %3").arg(source, key, observed);
            if (!matches.isEmpty())
                detail += QStringLiteral(", which matches %1").arg(matches.join(QStringLiteral(" and ")));
            if (!differs.isEmpty())
                detail += (matches.isEmpty() ? QStringLiteral(", which matches none of the columns (%1)")
                                             : QStringLiteral(", not %1"))
                              .arg(differs.join(QStringLiteral(", ")));
            detail += QLatin1Char('.');
            QStringList columnValues;
            for (Column c : allColumns) {
                if (d.identity(c).present)
                    columnValues.append(QStringLiteral("%1 %2").arg(columnName(c), quoted(f.cell(c))));
            }
            detail += QStringLiteral(" (%1.)").arg(columnValues.join(QStringLiteral(", ")));

            // Corroboration: active series whose name and labels share at least two of the key's words.
            const QSet<QString> keyWords = words(key);
            for (const auto &[m, metricWords] : observations.active()) {
                if (m == named || keyWords.size() < 2)
                    continue;
                const QSet<QString> shared = metricWords & keyWords;
                if (shared.size() >= 2) {
                    // In the key's own order: a set's order changes from run to run.
                    QStringList sharedWords(shared.cbegin(), shared.cend());
                    const QString lowerKey = key.toLower();
                    std::sort(sharedWords.begin(), sharedWords.end(), [&lowerKey](const QString &a, const QString &b) {
                        return lowerKey.indexOf(a) < lowerKey.indexOf(b);
                    });
                    detail += QStringLiteral(
                        " The metric %1%2 = 1 points the same way: the series named for %3 is the active one.")
                                  .arg(m->name, m->labelText(), sharedWords.join(QStringLiteral("/")));
                    evidence.append({ m->location, QStringLiteral("%1%2 1").arg(m->name, m->labelText()) });
                }
            }
            finding.detail = detail;
            finding.evidence = evidence;
            const bool runsOnDrift = matches.contains(QStringLiteral("live"))
                && !matches.contains(QStringLiteral("code")) && d.identity(Column::Code).present;
            finding.severity = runsOnDrift ? Severity::Medium : Severity::Info;
            finding.title = runsOnDrift
                ? QStringLiteral("The application runs with the live %1 = %2, not the code's value").arg(key, observed)
                : QStringLiteral("The application runs with %1 = %2").arg(key, observed);
            if (runsOnDrift)
                finding.recommend(
                    { QStringLiteral("Ask the owners of the application whether %1 = %2 is intended before "
                                     "anything reverts it; a Terraform apply would change the running behaviour.")
                            .arg(key, observed) },
                    {});
            findings.append(finding);
        }
    }
    return findings;
}

} // namespace strata::ApplicationRules
