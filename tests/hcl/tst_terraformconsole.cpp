// The static evaluator against Terraform itself: each expression goes
// through `terraform console` and through HclEvaluator, and the two values,
// as JSON, must be the same. Skipped, with a message, where terraform is not
// installed. Terraform runs in an empty temporary folder, with no CLI
// configuration and no version check (it must not reach the network).

#include "StrataTestMain.h"

#include "hcl/HclEvaluator.h"
#include "hcl/HclParser.h"
#include "hcl/HclValues.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>

using namespace strata;

namespace {

// What every row evaluates (tests/hcl/data/console-expressions.txt: a
// `### name` line, then the expression), grouped so one terraform run
// answers them all.
const QList<QPair<QString, QString>> &expressions()
{
    static const QList<QPair<QString, QString>> list = [] {
        QList<QPair<QString, QString>> out;
        QFile f(QStringLiteral(STRATA_TEST_SOURCE_DIR "/data/console-expressions.txt"));
        if (!f.open(QIODevice::ReadOnly))
            qFatal("cannot read console-expressions.txt");
        for (const QString &line : QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'))) {
            if (line.startsWith(QLatin1String("### ")))
                out.append({ line.mid(4), QString() });
            else if (!out.isEmpty())
                out.last().second += line + QLatin1Char('\n');
        }
        for (auto &e : out)
            e.second = e.second.trimmed().startsWith(QLatin1String("<<")) ? e.second : e.second.trimmed();
        return out;
    }();
    return list;
}

// Terraform console prints a string as an HCL quoted literal.
QString unquoteHcl(const QString &printed)
{
    QString s = printed.trimmed();
    if (s.size() < 2 || !s.startsWith(QLatin1Char('"')) || !s.endsWith(QLatin1Char('"')))
        return {};
    s = s.mid(1, s.size() - 2);
    QString out;
    for (qsizetype i = 0; i < s.size(); ++i) {
        const QChar c = s.at(i);
        if (c == QLatin1Char('\\') && i + 1 < s.size()) {
            const QChar n = s.at(++i);
            if (n == QLatin1Char('n'))
                out += QLatin1Char('\n');
            else if (n == QLatin1Char('t'))
                out += QLatin1Char('\t');
            else if (n == QLatin1Char('r'))
                out += QLatin1Char('\r');
            else if (n == QLatin1Char('u') && i + 4 < s.size()) {
                out += QChar(s.mid(i + 1, 4).toUShort(nullptr, 16));
                i += 4;
            } else
                out += n;
        } else if ((c == QLatin1Char('$') || c == QLatin1Char('%'))
            && s.mid(i, 3) == QString(c) + c + QLatin1Char('{')) {
            out += c;
            ++i; // $${ and %%{ stand for ${ and %{
        } else {
            out += c;
        }
    }
    return out;
}

QString terraform()
{
    return QStandardPaths::findExecutable(QStringLiteral("terraform"));
}

// Every expression through one `terraform console` run: jsonencode of a list of them.
QList<QJsonValue> terraformValues(const QString &program, QString *error)
{
    QTemporaryDir dir;
    QFile config(dir.filePath(QStringLiteral("empty.tfrc")));
    config.open(QIODevice::WriteOnly);
    config.close();
    QStringList items;
    for (const auto &e : expressions())
        items.append(e.second);
    // Console evaluates one line at a time, so the list is a local of a
    // configuration in its folder (no provider: nothing to initialise).
    QFile tf(dir.filePath(QStringLiteral("main.tf")));
    tf.open(QIODevice::WriteOnly);
    tf.write((QStringLiteral("locals {\n  all = jsonencode([\n") + items.join(QStringLiteral(",\n"))
        + QStringLiteral("\n  ])\n}\n"))
                 .toUtf8());
    tf.close();
    QProcess p;
    p.setWorkingDirectory(dir.path());
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("TF_CLI_CONFIG_FILE"), config.fileName());
    env.insert(QStringLiteral("CHECKPOINT_DISABLE"), QStringLiteral("1"));
    env.insert(QStringLiteral("TF_IN_AUTOMATION"), QStringLiteral("1"));
    env.insert(QStringLiteral("HOME"), dir.path());
    p.setProcessEnvironment(env);
    p.start(program, { QStringLiteral("console") });
    p.write("local.all\n");
    p.closeWriteChannel();
    if (!p.waitForFinished(60000) || p.exitCode() != 0) {
        *error = QString::fromUtf8(p.readAllStandardError());
        return {};
    }
    const QString printed = QString::fromUtf8(p.readAllStandardOutput());
    const QJsonDocument doc = QJsonDocument::fromJson(unquoteHcl(printed).toUtf8());
    if (!doc.isArray()) {
        *error = QStringLiteral("not a JSON list: ") + printed.left(500);
        return {};
    }
    return doc.array().toVariantList().isEmpty() ? QList<QJsonValue>() : [&] {
        QList<QJsonValue> out;
        for (const QJsonValue &v : doc.array())
            out.append(v);
        return out;
    }();
}

QJsonValue strataValue(const QString &expression, QString *problem)
{
    const HclFile f = HclParser::parse(QByteArray("x = jsonencode(") + expression.toUtf8()
            + (expression.endsWith(QLatin1Char('\n')) ? "" : "\n") + ")\n",
        QStringLiteral("e.tf"));
    if (!f.diagnostics.isEmpty()) {
        *problem = f.diagnostics.first().toString();
        return {};
    }
    HclEvaluator ev;
    const Value v = ev.evaluate(f.body->attributes.at(0).expression);
    if (v.type() != Value::Type::String) {
        *problem = QStringLiteral("not evaluated: ") + v.text();
        return {};
    }
    QJsonParseError e;
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray("[") + v.text().toUtf8() + "]", &e);
    if (e.error != QJsonParseError::NoError) {
        *problem = QStringLiteral("jsonencode gave no JSON: ") + v.text();
        return {};
    }
    return doc.array().at(0);
}

} // namespace

class TestTerraformConsole : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        if (terraform().isEmpty())
            QSKIP("terraform is not installed: the evaluator is not compared with terraform console");
        QString error;
        m_terraform = terraformValues(terraform(), &error);
        QVERIFY2(m_terraform.size() == expressions().size(), qPrintable(QStringLiteral("terraform console: ") + error));
    }

    void sameValueAsTerraform_data()
    {
        QTest::addColumn<int>("row");
        for (int i = 0; i < expressions().size(); ++i)
            QTest::newRow(qPrintable(expressions().at(i).first)) << i;
    }

    void sameValueAsTerraform()
    {
        QFETCH(int, row);
        QString problem;
        const QJsonValue ours = strataValue(expressions().at(row).second, &problem);
        if (expressions().at(row).first.endsWith(QLatin1String(" [unknown]"))) {
            // Not evaluated statically: Strata must say unknown, not guess.
            QVERIFY2(problem.startsWith(QLatin1String("not evaluated")),
                qPrintable(
                    QStringLiteral("expected an unknown value, got %1")
                        .arg(QString::fromUtf8(QJsonDocument(QJsonArray { ours }).toJson(QJsonDocument::Compact)))));
            return;
        }
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        const QJsonValue theirs = m_terraform.at(row);
        QVERIFY2(ours == theirs,
            qPrintable(QStringLiteral("%1\n  terraform: %2\n  strata:    %3")
                           .arg(expressions().at(row).second,
                               QString::fromUtf8(QJsonDocument(QJsonArray { theirs }).toJson(QJsonDocument::Compact)),
                               QString::fromUtf8(QJsonDocument(QJsonArray { ours }).toJson(QJsonDocument::Compact)))));
    }

private:
    QList<QJsonValue> m_terraform;
};

STRATA_TEST_MAIN(TestTerraformConsole)
#include "tst_terraformconsole.moc"
