#include "ImportedEvidence.h"

namespace strata {

QString evidenceStateName(EvidenceState state)
{
    switch (state) {
    case EvidenceState::Read:
        return QStringLiteral("read");
    case EvidenceState::PartlyRead:
        return QStringLiteral("partly read");
    case EvidenceState::Failed:
        return QStringLiteral("failed");
    }
    return {};
}

EvidenceState ImportedEvidence::state() const
{
    if (!loaded)
        return EvidenceState::Failed;
    return hasErrors(diagnostics) ? EvidenceState::PartlyRead : EvidenceState::Read;
}

} // namespace strata
