#include "CaseEditCommand.h"

CaseEditCommand::CaseEditCommand(const QString &text, strata::CaseFile before, strata::CaseFile after, Apply apply)
    : QUndoCommand(text)
    , m_before(std::move(before))
    , m_after(std::move(after))
    , m_apply(std::move(apply))
{
}

void CaseEditCommand::undo()
{
    m_apply(m_before);
}

void CaseEditCommand::redo()
{
    m_apply(m_after);
}
