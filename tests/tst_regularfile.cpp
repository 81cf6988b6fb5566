// Reading files the user named: only regular files, never past a limit,
// whole or a piece at a time (a large scrape is parsed as it is read).
#include "StrataTestMain.h"
#include "TestFiles.h"

#include "core/RegularFile.h"

#include <QTemporaryDir>

#include <sys/stat.h>

using namespace strata;

class TestRegularFile : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void piecesJoinToTheWholeFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("m.prom"));
        QByteArray text;
        for (int i = 0; i < 5000; ++i)
            text += "x{i=\"" + QByteArray::number(i) + "\"} " + QByteArray::number(i * 3) + '\n';
        writeFile(path, text);
        QByteArray joined;
        int pieces = 0;
        const QString error = readRegularFileInPieces(path, 1 << 30, 4096, [&](QByteArrayView p) {
            QVERIFY(p.size() <= 4096);
            joined += p;
            ++pieces;
        });
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(joined, text);
        QVERIFY(pieces >= int(text.size() / 4096)); // never the whole file at once
        QCOMPARE(readRegularFile(path, 1 << 30).bytes, text);
    }

    void fifosAndLimitsAreRefusedBeforeAnyPiece()
    {
        QTemporaryDir dir;
        const QString fifo = dir.filePath(QStringLiteral("pipe.prom"));
        QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
        int pieces = 0;
        const auto count = [&](QByteArrayView) { ++pieces; };
        // Would block for ever if it were opened for reading like a file.
        QCOMPARE(readRegularFileInPieces(fifo, 1 << 30, 4096, count),
            QStringLiteral("a FIFO, not a regular file: Strata reads only regular files"));
        const QString big = dir.filePath(QStringLiteral("big.prom"));
        writeFile(big, QByteArray(10000, 'x'));
        const QString tooBig = readRegularFileInPieces(big, 4096, 1024, count);
        QCOMPARE(tooBig, tooLargeMessage(10000, 4096));
        QCOMPARE(pieces, 0);
        QVERIFY(!readRegularFileInPieces(dir.filePath(QStringLiteral("absent")), 1 << 30, 4096, count).isEmpty());
    }
};

STRATA_TEST_MAIN(TestRegularFile)
#include "tst_regularfile.moc"
