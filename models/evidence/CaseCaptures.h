#pragma once

#include "case/CaseFile.h"

#include <QProcessEnvironment>
#include <QStringList>

namespace strata {

// What a case read live (captures/) and recorded (recordings/) lives beside
// its file, so saving the case in another folder must bring them along, or
// the case re-opened there would have lost what it read. Files are hard
// links where the two folders share a filesystem (captures never change once
// written) and copies where they do not; nothing already at the target is
// replaced, and nothing is removed from where it was.
namespace CaseCaptures {

struct CarryResult
{
    int files = 0; // linked or copied
    QStringList errors; // "path: reason", one per file that could not be brought
    bool ok() const { return errors.isEmpty(); }
};

// Brings `before`'s captures and recordings to where `after` (the same case,
// saved to another file) reads them. A saved case brings its folders whole;
// an unsaved case's captures sit in a cache shared by every unsaved case, so
// only the newest capture of the contexts and endpoints it names comes along
// (what its analysis reads), never another cluster's.
CarryResult carry(const CaseFile &before, const CaseFile &after,
    const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment());

} // namespace CaseCaptures

} // namespace strata
