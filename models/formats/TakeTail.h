#pragma once

#include <QList>

#include <utility>
#include <vector>

namespace strata {

// The readers keep the children of every open list and map in one scratch
// vector, innermost last; a finished collection takes its tail, from
// `base`, as a list of exactly its size (a tree is kept until the diff: no
// room for growth that never comes).
template<typename T> QList<T> takeTail(std::vector<T> &scratch, size_t base)
{
    QList<T> out;
    out.reserve(qsizetype(scratch.size() - base));
    for (size_t i = base; i < scratch.size(); ++i)
        out.append(std::move(scratch[i]));
    scratch.resize(base);
    return out;
}

} // namespace strata
