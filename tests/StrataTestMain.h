#pragma once

// The one main() every Strata test suite uses: headless unless a display was
// asked for, settings and standard paths isolated from the user's own.

#include <QApplication>
#include <QStandardPaths>
#include <QTest>

#define STRATA_TEST_MAIN(TestClass)                                                                                    \
    int main(int argc, char **argv)                                                                                    \
    {                                                                                                                  \
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))                                                            \
            qputenv("QT_QPA_PLATFORM", "offscreen");                                                                   \
        QStandardPaths::setTestModeEnabled(true);                                                                      \
        QApplication app(argc, argv);                                                                                  \
        QApplication::setOrganizationName(QStringLiteral("StrataTests"));                                              \
        QApplication::setApplicationName(QStringLiteral(#TestClass));                                                  \
        TestClass test;                                                                                                \
        QTEST_SET_MAIN_SOURCE_PATH                                                                                     \
        return QTest::qExec(&test, argc, argv);                                                                        \
    }
