#pragma once

#include <QList>
#include <QString>
#include <QStringView>

namespace strata {

// A "key = value" statement found in free text, such as a log message saying
// which setting an application runs with: `Feature flag 'enable_new_checkout'
// = true`, `max_cart_items: 50`, `"key": "value"`, `set foo_bar to 3`.
// Used by the app-observed-value finding to compare what the application saw
// with code, state and cluster.
struct Assignment
{
    QString key; // without quotes
    QString value; // without quotes; trailing punctuation removed
    qsizetype offset = 0; // of the key (or its opening quote) in the message
    bool keyQuoted = false;
    bool valueQuoted = false;
};

// Finds assignments conservatively: prose such as "Error: connection
// refused" or a URL's "https:" is not one. Linear in the message length;
// only the first 64 KiB are read.
QList<Assignment> extractAssignments(QStringView message);

} // namespace strata
