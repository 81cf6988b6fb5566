// The incident report in every format: HTML that shows hostile values as
// text, JSON that is the analysis document plus the investigator's sections
// (against its reviewed golden copy), a PDF whose text pdftotext reads, with
// page numbers, A4 or Letter pages and table headers repeated on every page
// a table spans (the painted difference tables too, rows whole), and the evidence bundle — unpacked, checked against
// its manifest and re-analysed to the same findings — with no planted secret in any of them.
#include "AnalyseCase.h"
#include "StrataTestMain.h"
#include "TestFiles.h"

#include "ReportChart.h"
#include "core/BuildInfo.h"
#include "diff/SecretFingerprint.h"
#include "report/ReportBundle.h"
#include "report/ReportExport.h"
#include "report/ReportHtml.h"
#include "report/ReportJson.h"

#include <QCryptographicHash>
#include <QDirIterator>
#include <QImage>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <nlohmann/json.hpp>
#include <zip.h>

using namespace strata;

namespace {

const QDateTime generated = QDateTime::fromString(QStringLiteral("2026-12-05T10:00:00Z"), Qt::ISODate);

// Values planted in the evidence that no report may show.
const QList<QByteArray> planted { "planted-password-1", QByteArray("planted-password-1").toBase64(), "planted-token-2",
    "planted-annotation-3", "plantedbearertoken4", "planted-key-5",
    "super-secret-value" /* the reference case's kubernetes_secret in the state */,
    QByteArray("super-secret-value").toBase64(), "planted-password-6", "planted-password-7", "planted-token-8" };

// The reference case, with a Secret (data, stringData, last-applied), a
// bearer token in a log and a private key in another, and a hostile
// ConfigMap value in the live column.
QString plantedCase(const QTemporaryDir &dir)
{
    copyFolder(QStringLiteral(STRATA_SHARED_DIR "/reference-case"), dir.path());
    writeFile(dir.filePath(QStringLiteral("artifacts/secret.live.yaml")),
        "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n  namespace: platform\n  annotations:\n"
        "    kubectl.kubernetes.io/last-applied-configuration: "
        "'{\"stringData\":{\"token\":\"planted-annotation-3\"}}'\n"
        "type: Opaque\ndata:\n  password: "
            + QByteArray("planted-password-1").toBase64() + "\nstringData:\n  token: planted-token-2\n");
    writeFile(dir.filePath(QStringLiteral("artifacts/proxy.log")),
        "2024-12-15T03:22:20Z proxy forwarding with header Authorization: Bearer plantedbearertoken4\n"
        "2024-12-15T03:22:20Z app login {\"user\":\"ana\",\"password\":\"planted-password-6\"}\n");
    // The state's kubernetes_secret, live with the same value: equal, so no finding, here or re-opened.
    writeFile(dir.filePath(QStringLiteral("artifacts/checkout-api.live.yaml")),
        "apiVersion: v1\nkind: Secret\nmetadata:\n  name: checkout-api\n  namespace: platform\ntype: Opaque\n"
        "data:\n  api_key: "
            + QByteArray("super-secret-value").toBase64() + "\n");
    writeFile(dir.filePath(QStringLiteral("terraform/platform/secrets.auto.tfvars")),
        "# kept out of git\ndb_password = \"planted-password-7\"\nregion = \"eu-west-1\"\n");
    writeFile(dir.filePath(QStringLiteral("terraform/platform/.env")), "TOKEN=planted-token-8\n");
    writeFile(dir.filePath(QStringLiteral("artifacts/keys.log")),
        "2024-12-15T03:22:21Z vault wrote a key\n-----BEGIN RSA PRIVATE KEY-----\nplanted-key-5\n"
        "-----END RSA PRIVATE KEY-----\n");
    QByteArray live = readFile(dir.filePath(QStringLiteral("artifacts/feature-flags.live.yaml")));
    live.replace("max_cart_items: \"50\"", "max_cart_items: \"<img src=x onerror=alert(1)>\"");
    writeFile(dir.filePath(QStringLiteral("artifacts/feature-flags.live.yaml")), live);
    QByteArray text = readFile(dir.filePath(QStringLiteral("case.yaml")));
    text.replace("resources:\n", "resources:\n  - secret/platform/db\n  - secret/platform/checkout-api\n");
    text.replace("evidence:\n",
        "evidence:\n  - path: artifacts/secret.live.yaml\n    role: live\n"
        "  - path: artifacts/checkout-api.live.yaml\n    role: live\n"
        "  - path: artifacts/proxy.log\n  - path: artifacts/keys.log\n");
    text += "report:\n  impact: \"<script>alert('impact')</script> | `x` # not a heading\"\n";
    writeFile(dir.filePath(QStringLiteral("case.yaml")), text);
    return dir.filePath(QStringLiteral("case.yaml"));
}

QString noPlantedSecret(const QByteArray &bytes, const QString &where)
{
    for (const QByteArray &p : planted) {
        if (bytes.contains(p))
            return QStringLiteral("%1 shows %2").arg(where, QString::fromLatin1(p));
    }
    return {};
}

// pdftotext's text of a PDF file; "" (and the test skipped) without poppler-utils.
QString pdfText(const QString &path, const QStringList &extra = {})
{
    QProcess p;
    p.start(QStringLiteral("pdftotext"), extra + QStringList { path, QStringLiteral("-") });
    if (!p.waitForFinished(60000) || p.exitCode() != 0)
        return {};
    return QString::fromUtf8(p.readAllStandardOutput());
}

bool havePoppler()
{
    return !QStandardPaths::findExecutable(QStringLiteral("pdftotext")).isEmpty()
        && !QStandardPaths::findExecutable(QStringLiteral("pdftoppm")).isEmpty();
}

void compareWithGolden(const QString &goldenName, const QString &text)
{
    const QString goldenPath = QStringLiteral(STRATA_TEST_SOURCE_DIR "/golden/") + goldenName;
    if (qEnvironmentVariableIsSet("STRATA_UPDATE_GOLDEN"))
        writeFile(goldenPath, text.toUtf8());
    const QStringList got = text.split(QLatin1Char('\n'));
    const QStringList want = QString::fromUtf8(readFile(goldenPath)).split(QLatin1Char('\n'));
    for (qsizetype i = 0; i < std::min(got.size(), want.size()); ++i) {
        if (got.at(i) != want.at(i))
            QFAIL(qPrintable(QStringLiteral("%1 line %2 differs:\n got: %3\nwant: %4\n(STRATA_UPDATE_GOLDEN=1 "
                                            "rewrites it; review the diff)")
                                 .arg(goldenName)
                                 .arg(i + 1)
                                 .arg(got.at(i), want.at(i))));
    }
    QCOMPARE(got.size(), want.size());
}

QStringList findingKeys(const AnalysisResult &r)
{
    QStringList keys;
    for (const Finding &f : r.findings)
        keys.append(f.id + QLatin1Char('|') + f.resource + QLatin1Char('|') + f.title);
    return keys;
}

} // namespace

class TestReportFormats : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { SecretFingerprint::setKeyForTesting("report-formats-test-key"); }

    void htmlShowsHostileValuesAsText()
    {
        QTemporaryDir dir;
        const AnalysisResult r = analyseOffline(plantedCase(dir));
        ReportOptions options { generated, {}, ReportChart::png(r), QPageSize::A4 };
        QVERIFY(!options.chartPng.isEmpty());
        const QString html = QString::fromUtf8(ReportHtml::write(r, options));
        // The hostile value and the investigator's text, escaped; the only tags are ours.
        QVERIFY2(html.contains(QStringLiteral("&lt;img src=x onerror=alert(1)&gt;")), "the live value is missing");
        QVERIFY(html.contains(QStringLiteral("&lt;script&gt;alert(&#x27;impact&#x27;)&lt;/script&gt;"))
            || html.contains(QStringLiteral("&lt;script&gt;alert('impact')&lt;/script&gt;")));
        QCOMPARE(html.count(QStringLiteral("<img")), 1); // the chart
        QVERIFY(html.contains(QStringLiteral("<img class=\"chart\"")));
        QVERIFY(!html.contains(QStringLiteral("<script")));
        QVERIFY(!html.contains(QStringLiteral("onerror=alert(1)>")));
        // Self-contained: the chart embedded, no file or network reference.
        QVERIFY(html.contains(QStringLiteral("src=\"data:image/png;base64,")));
        QVERIFY(!html.contains(QStringLiteral("http://")) && !html.contains(QStringLiteral("<link")));
        const qsizetype at = html.indexOf(QStringLiteral("base64,")) + 7;
        const QByteArray png = QByteArray::fromBase64(html.mid(at, html.indexOf(QLatin1Char('"'), at) - at).toLatin1());
        QVERIFY(!QImage::fromData(png, "PNG").isNull());
        // The postmortem's order, as the Markdown report.
        qsizetype pos = 0;
        for (const char *heading : { "<h2>Summary", "<h2>Impact", "<h2>Timeline", "<h2>Findings",
                 "<h2>Where the system disagrees", "<h2>etcd members", "<h2>Raft timeline", "<h2>Root cause",
                 "<h2>Action items", "<h2>Lessons learned", "<h2>Appendix: sources" }) {
            const qsizetype next = html.indexOf(QLatin1String(heading), pos);
            QVERIFY2(next >= pos, heading);
            pos = next;
        }
        QVERIFY2(noPlantedSecret(html.toUtf8(), QStringLiteral("HTML")).isEmpty(),
            qPrintable(noPlantedSecret(html.toUtf8(), QStringLiteral("HTML"))));
    }

    void jsonIsTheAnalysisPlusTheReport()
    {
        const AnalysisResult r = analyseOffline(QStringLiteral(STRATA_SHARED_DIR "/reference-case/case.yaml"));
        const QByteArray bytes = ReportJson::write(r, { generated, {}, {}, QPageSize::A4 });
        const nlohmann::json doc = nlohmann::json::parse(bytes.constBegin(), bytes.constEnd());
        QCOMPARE(doc["strata"].get<int>(), 2);
        QCOMPARE(doc["findings"].size(), size_t(r.findings.size()));
        QCOMPARE(doc["report"]["findings"].size(), size_t(r.findings.size()));
        QCOMPARE(doc["report"]["status"].get<std::string>(), std::string("draft"));
        QCOMPARE(doc["report"]["sources"].size(), size_t(9)); // 5 artifacts, 3 .tf files, the state
        QString text = QString::fromUtf8(bytes);
        // Where the checkout is differs between machines: the case's path as given, then its folder.
        text.replace(r.caseFile.filePath, QStringLiteral("<case file>"));
        text.replace(r.caseFile.baseDirectory(), QStringLiteral("<case folder>"));
        text.replace(BuildInfo::version(), QStringLiteral("<version>"));
        compareWithGolden(QStringLiteral("reference-case-report.json"), text);
    }

    void pdfHasPagesNumbersAndRepeatedHeaders_data()
    {
        QTest::addColumn<int>("pageSize");
        QTest::addColumn<QString>("pdfinfoSize");
        QTest::newRow("A4") << int(QPageSize::A4) << QStringLiteral("(A4)");
        QTest::newRow("Letter") << int(QPageSize::Letter) << QStringLiteral("(letter)");
    }
    void pdfHasPagesNumbersAndRepeatedHeaders()
    {
        if (!havePoppler())
            QSKIP("pdftotext/pdftoppm (poppler-utils) not installed: scripts/install-deps.sh installs them");
        QFETCH(int, pageSize);
        QFETCH(QString, pdfinfoSize);
        QTemporaryDir dir;
        const QString casePath = plantedCase(dir);
        // 300 dated log lines: a timeline table longer than a page.
        QByteArray log;
        for (int i = 0; i < 300; ++i)
            log += QStringLiteral("2024-12-15T04:%1:%2Z worker line %3 of a long log\n")
                       .arg(i / 60, 2, 10, QLatin1Char('0'))
                       .arg(i % 60, 2, 10, QLatin1Char('0'))
                       .arg(i)
                       .toUtf8();
        writeFile(dir.filePath(QStringLiteral("artifacts/long.log")), log);
        QByteArray text = readFile(casePath);
        text.replace("evidence:\n", "evidence:\n  - path: artifacts/long.log\n");
        writeFile(casePath, text);
        const AnalysisResult r = analyseOffline(casePath);
        ReportOptions options { generated, {}, ReportChart::png(r), QPageSize::PageSizeId(pageSize) };
        const QString pdf = dir.filePath(QStringLiteral("out/report.pdf"));
        QDir().mkpath(dir.filePath(QStringLiteral("out")));
        const ReportExport::Result written = ReportExport::write(r, options, pdf);
        QVERIFY2(written.ok(), qPrintable(written.error));

        QProcess info;
        info.start(QStringLiteral("pdfinfo"), { pdf });
        QVERIFY(info.waitForFinished(60000));
        const QString infoText = QString::fromUtf8(info.readAllStandardOutput());
        QVERIFY2(infoText.contains(pdfinfoSize), qPrintable(infoText));
        QVERIFY(infoText.contains(QStringLiteral("Title:           The cluster that disagrees with itself")));

        const QString all = pdfText(pdf);
        const QStringList pages = all.split(QLatin1Char('\f'), Qt::SkipEmptyParts);
        QVERIFY2(pages.size() >= 4, qPrintable(QString::number(pages.size())));
        for (qsizetype i = 0; i < pages.size(); ++i)
            QVERIFY2(pages.at(i).contains(QStringLiteral("Page %1 of %2").arg(i + 1).arg(pages.size())),
                qPrintable(QStringLiteral("page %1 has no number").arg(i + 1)));
        QVERIFY(all.contains(QStringLiteral("Where the system disagrees with itself")));
        QVERIFY(all.contains(QStringLiteral("<img src=x onerror=alert(1)>"))); // text, as written
        // The timeline table spans pages: its header row is on each of them, above its rows.
        const QStringList laidOut = pdfText(pdf, { QStringLiteral("-layout") }).split(QLatin1Char('\f'));
        static const QRegularExpression header(QStringLiteral("time \\(UTC\\)\\s+source\\s+event\\s+where"));
        int pagesWithWorkerLines = 0, pagesWithHeader = 0;
        for (const QString &page : laidOut) {
            const qsizetype firstRow = page.indexOf(QStringLiteral("worker line"));
            if (firstRow < 0)
                continue;
            ++pagesWithWorkerLines;
            const auto m = header.match(page);
            if (m.hasMatch() && m.capturedStart() < firstRow)
                ++pagesWithHeader;
        }
        QVERIFY2(pagesWithWorkerLines >= 3, qPrintable(QString::number(pagesWithWorkerLines)));
        QCOMPARE(pagesWithHeader, pagesWithWorkerLines);
        QVERIFY2(noPlantedSecret(all.toUtf8(), QStringLiteral("PDF")).isEmpty(),
            qPrintable(noPlantedSecret(all.toUtf8(), QStringLiteral("PDF"))));

        // Page 1 rendered: a page of the right shape with ink on it.
        QProcess ppm;
        ppm.start(QStringLiteral("pdftoppm"),
            { QStringLiteral("-r"), QStringLiteral("40"), QStringLiteral("-png"), QStringLiteral("-f"),
                QStringLiteral("1"), QStringLiteral("-l"), QStringLiteral("1"), pdf,
                dir.filePath(QStringLiteral("page")) });
        QVERIFY(ppm.waitForFinished(60000) && ppm.exitCode() == 0);
        const QStringList pngs = QDir(dir.path()).entryList({ QStringLiteral("page*.png") });
        QCOMPARE(pngs.size(), 1);
        const QImage page(dir.filePath(pngs.first()));
        QVERIFY(!page.isNull());
        QVERIFY(page.height() > page.width());
        int dark = 0;
        for (int y = 0; y < page.height(); y += 2)
            for (int x = 0; x < page.width(); x += 2)
                dark += qGray(page.pixel(x, y)) < 128;
        QVERIFY2(dark > 200, qPrintable(QString::number(dark)));
    }

    // The disagreeing fields' tables are painted by the PDF itself: a table
    // longer than a page repeats its heading (continued) and header row on
    // each page; a value taller than a page goes on, line by line, on the
    // next ones with nothing lost; every row is in the text, in order.
    void pdfPaintsLongDifferenceTablesWhole()
    {
        if (!havePoppler())
            QSKIP("pdftotext/pdftoppm (poppler-utils) not installed: scripts/install-deps.sh installs them");
        AnalysisResult r = analyseOffline(QStringLiteral(STRATA_SHARED_DIR "/reference-case/case.yaml"));
        ResourceDiff drifted;
        for (const ResourceDiff &d : r.resources) {
            if (d.hasDifferences())
                drifted = d;
        }
        FieldDiff row;
        for (const FieldDiff &f : drifted.fields) {
            if (!f.noise && f.isDifference())
                row = f;
        }
        QVERIFY(!row.path.isEmpty());
        ResourceDiff many = drifted;
        many.id.name = QStringLiteral("many-rows");
        many.fields.clear();
        for (int i = 0; i < 150; ++i) {
            FieldDiff f = row;
            f.path = QStringLiteral("data.row_%1").arg(i, 3, 10, QLatin1Char('0'));
            many.fields.append(f);
        }
        ResourceDiff tall = drifted;
        tall.id.name = QStringLiteral("one-tall-value");
        tall.fields = { row };
        QStringList words;
        for (int i = 0; i < 2500; ++i)
            words.append(QStringLiteral("w%1").arg(i, 4, 10, QLatin1Char('0')));
        tall.fields.first().cells.make(size_t(columnIndex(Column::Live))).value.text = words.join(QLatin1Char(' '));
        r.resources = { many, tall };

        QTemporaryDir dir;
        const QString pdf = dir.filePath(QStringLiteral("long.pdf"));
        const ReportExport::Result written = ReportExport::write(r, { generated, {}, {}, QPageSize::A4 }, pdf);
        QVERIFY2(written.ok(), qPrintable(written.error));
        const QStringList pages = pdfText(pdf).split(QLatin1Char('\f'), Qt::SkipEmptyParts);
        static const QRegularExpression rowName(QStringLiteral("data\\.row_(\\d{3})"));
        static const QRegularExpression word(QStringLiteral("\\bw(\\d{4})\\b"));
        int continued = 0, tallPages = 0;
        int nextRow = 0, nextWord = 0;
        for (const QString &page : pages) {
            if (page.contains(QStringLiteral("(continued)"))) {
                ++continued;
                QVERIFY2(page.contains(QStringLiteral("replica")) && page.contains(QStringLiteral("status")),
                    qPrintable(page.left(400)));
            }
            // Rows and words in order, each once, across the pages.
            for (auto it = rowName.globalMatch(page); it.hasNext();)
                QCOMPARE(it.next().captured(1).toInt(), nextRow++);
            tallPages += word.match(page).hasMatch();
            for (auto it = word.globalMatch(page); it.hasNext();)
                QCOMPARE(it.next().captured(1).toInt(), nextWord++);
        }
        QCOMPARE(nextRow, 150);
        QCOMPARE(nextWord, 2500);
        QVERIFY2(tallPages >= 2, qPrintable(QString::number(tallPages)));
        QVERIFY2(continued >= 3, qPrintable(QString::number(continued)));
    }

    void bundleReopensToTheSameAnalysis()
    {
        QTemporaryDir dir;
        const QString casePath = plantedCase(dir);
        const AnalysisResult r = analyseOffline(casePath);
        ReportOptions options { generated, {}, ReportChart::png(r), QPageSize::A4 };
        QTemporaryDir out;
        const QString zip = out.filePath(QStringLiteral("incident.zip"));
        const ReportExport::Result written = ReportExport::write(r, options, zip);
        QVERIFY2(written.ok(), qPrintable(written.error));

        const ReportBundle::Unpacked unpacked = ReportBundle::unpack(zip, out.filePath(QStringLiteral("unpacked")));
        QVERIFY2(unpacked.error.isEmpty(), qPrintable(unpacked.error));
        const AnalysisResult again = analyseOffline(unpacked.caseFile);
        QVERIFY2(findingKeys(again) == findingKeys(r),
            qPrintable(findingKeys(again).join(QLatin1Char('\n')) + QStringLiteral("\n--- want\n")
                + findingKeys(r).join(QLatin1Char('\n'))));
        QCOMPARE(again.completeness.isComplete(), r.completeness.isComplete());
        QCOMPARE(again.resources.size(), r.resources.size());

        // The manifest: every file's hash; the Secret's copy marked redacted with the original's hash.
        const QByteArray manifestBytes = readFile(out.filePath(QStringLiteral("unpacked/manifest.json")));
        const nlohmann::json manifest = nlohmann::json::parse(manifestBytes.constBegin(), manifestBytes.constEnd());
        QStringList redacted, paths;
        for (const auto &f : manifest["files"]) {
            paths.append(QString::fromStdString(f["path"].get<std::string>()));
            if (f["redacted"].get<bool>())
                redacted.append(QString::fromStdString(f["path"].get<std::string>()));
        }
        for (const char *p : { "report/report.md", "report/report.html", "report/report.pdf", "report/report.json",
                 "report/report.chart.png", "case/case.yaml", "case/artifacts/events.log",
                 "case/terraform/platform/feature-flags.tf" })
            QVERIFY2(paths.contains(QLatin1String(p)), p);
        redacted.sort();
        QVERIFY(!paths.contains(QStringLiteral("case/artifacts/keys.log"))); // refused as evidence: not copied
        QVERIFY(!paths.contains(QStringLiteral("case/terraform/platform/.env"))); // not a file Terraform reads
        // Redacted lines keep their shape: HCL still parses, other lines are untouched.
        const QByteArray tfvars
            = readFile(out.filePath(QStringLiteral("unpacked/case/terraform/platform/secrets.auto.tfvars")));
        QVERIFY2(tfvars.contains("db_password = \"<redacted>\"\nregion = \"eu-west-1\"\n"), tfvars.constData());
        QVERIFY(manifestBytes.contains("\"path\": \"artifacts/keys.log\""));
        const QStringList wantRedacted { QStringLiteral("case/artifacts/checkout-api.live.yaml"),
            QStringLiteral("case/artifacts/proxy.log"), QStringLiteral("case/artifacts/secret.live.yaml"),
            QStringLiteral("case/terraform/platform/secrets.auto.tfvars"),
            QStringLiteral("case/terraform/platform/terraform.tfstate") }; // a kubernetes_secret's data
        QVERIFY2(redacted == wantRedacted, qPrintable(redacted.join(QStringLiteral(", "))));

        // No planted secret in any file of the bundle (the PDF by its text).
        QDirIterator it(out.filePath(QStringLiteral("unpacked")), QDir::Files, QDirIterator::Subdirectories);
        int files = 0;
        while (it.hasNext()) {
            const QString path = it.next();
            ++files;
            const QByteArray bytes
                = path.endsWith(QLatin1String(".pdf")) && havePoppler() ? pdfText(path).toUtf8() : readFile(path);
            const QString leak = noPlantedSecret(bytes, path);
            QVERIFY2(leak.isEmpty(), qPrintable(leak));
        }
        QCOMPARE(files, paths.size() + 1); // and the manifest

        // Opened again, the folder is unpacked whole from the zip: a file changed there is replaced.
        writeFile(out.filePath(QStringLiteral("unpacked/case/artifacts/events.log")), "changed\n");
        const ReportBundle::Unpacked checked = ReportBundle::unpack(zip, out.filePath(QStringLiteral("unpacked")));
        QVERIFY2(checked.error.isEmpty(), qPrintable(checked.error));
        QVERIFY(readFile(out.filePath(QStringLiteral("unpacked/case/artifacts/events.log"))) != "changed\n");
    }

    void noPlantedSecretInAnyFormat()
    {
        QTemporaryDir dir;
        const AnalysisResult r = analyseOffline(plantedCase(dir));
        const ReportOptions options { generated, {}, {}, QPageSize::A4 };
        for (const ReportFormat format : { ReportFormat::Markdown, ReportFormat::Html, ReportFormat::Json }) {
            QString error;
            const QByteArray bytes = ReportExport::bytes(format, r, options, &error);
            QVERIFY(error.isEmpty() && !bytes.isEmpty());
            const QString leak = noPlantedSecret(bytes, ReportExport::formatName(format));
            QVERIFY2(leak.isEmpty(), qPrintable(leak));
        }
    }

    void hostileBundlesAreRefused()
    {
        QTemporaryDir dir;
        const auto makeZip = [&](const QString &name, const QList<QPair<QByteArray, QByteArray>> &entries) {
            const QString path = dir.filePath(name);
            int code = 0;
            zip_t *z = zip_open(QFile::encodeName(path).constData(), ZIP_CREATE | ZIP_TRUNCATE, &code);
            for (const auto &[entry, bytes] : entries) {
                zip_source_t *s = zip_source_buffer(z, bytes.constData(), zip_uint64_t(bytes.size()), 0);
                zip_file_add(z, entry.constData(), s, ZIP_FL_ENC_UTF_8);
            }
            zip_close(z);
            return path;
        };
        const QByteArray evil = "x";
        const QString hash = QString::fromLatin1(QCryptographicHash::hash(evil, QCryptographicHash::Sha256).toHex());
        const QByteArray manifest = QStringLiteral("{\"strataBundle\":1,\"case\":\"case/case.yaml\",\"files\":["
                                                   "{\"path\":\"case/case.yaml\",\"sha256\":\"%1\"},"
                                                   "{\"path\":\"../escaped\",\"sha256\":\"%1\"}]}")
                                        .arg(hash)
                                        .toUtf8();
        const QString traversal = makeZip(QStringLiteral("traversal.zip"),
            { { "manifest.json", manifest }, { "case/case.yaml", evil }, { "../escaped", evil } });
        ReportBundle::Unpacked u = ReportBundle::unpack(traversal, dir.filePath(QStringLiteral("t")));
        QVERIFY2(u.error.contains(QStringLiteral("outside")), qPrintable(u.error));
        QVERIFY(u.caseFile.isEmpty());
        QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("escaped"))));

        const QString noManifest = makeZip(QStringLiteral("plain.zip"), { { "case/case.yaml", evil } });
        u = ReportBundle::unpack(noManifest, dir.filePath(QStringLiteral("p")));
        QVERIFY2(u.error.contains(QStringLiteral("not a Strata evidence bundle")), qPrintable(u.error));

        const QString tampered = makeZip(QStringLiteral("tampered.zip"),
            { { "manifest.json", manifest.left(manifest.indexOf(",{\"path\":\"../")) + "]}" },
                { "case/case.yaml", "y" } });
        u = ReportBundle::unpack(tampered, dir.filePath(QStringLiteral("m")));
        QVERIFY2(u.error.contains(QStringLiteral("does not match its SHA-256")), qPrintable(u.error));

        // A case that names evidence outside the bundle: refused, not read as verified.
        const QByteArray outsideCase = "strata: 1\nevidence:\n  - path: /etc/hostname\n";
        const QString outsideHash
            = QString::fromLatin1(QCryptographicHash::hash(outsideCase, QCryptographicHash::Sha256).toHex());
        const QString outside = makeZip(QStringLiteral("outside.zip"),
            { { "manifest.json",
                  QStringLiteral("{\"strataBundle\":1,\"case\":\"case/case.yaml\",\"files\":[{\"path\":\"case/"
                                 "case.yaml\",\"sha256\":\"%1\"}]}")
                      .arg(outsideHash)
                      .toUtf8() },
                { "case/case.yaml", outsideCase } });
        u = ReportBundle::unpack(outside, dir.filePath(QStringLiteral("o")));
        QVERIFY2(u.error.contains(QStringLiteral("names evidence outside the bundle")), qPrintable(u.error));
        QVERIFY(u.caseFile.isEmpty());

        writeFile(dir.filePath(QStringLiteral("notzip.zip")), "PK but not really");
        u = ReportBundle::unpack(dir.filePath(QStringLiteral("notzip.zip")), dir.filePath(QStringLiteral("n")));
        QVERIFY2(u.error.contains(QStringLiteral("not a readable zip")), qPrintable(u.error));
    }
};

STRATA_TEST_MAIN(TestReportFormats)
#include "tst_reportformats.moc"
