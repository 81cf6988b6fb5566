#pragma once

#include "case/CaseFile.h"

#include <QUndoCommand>

#include <functional>

// One undoable edit of the open case. The case is a plain value, so the
// command keeps it before and after and hands one or the other to the window.
class CaseEditCommand : public QUndoCommand
{
public:
    using Apply = std::function<void(const strata::CaseFile &)>;
    CaseEditCommand(const QString &text, strata::CaseFile before, strata::CaseFile after, Apply apply);

    void undo() override;
    void redo() override;

private:
    strata::CaseFile m_before;
    strata::CaseFile m_after;
    Apply m_apply;
};
