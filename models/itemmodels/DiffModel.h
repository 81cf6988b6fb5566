#pragma once

#include "diff/ResourceDiff.h"

#include <QAbstractItemModel>

namespace strata {

// The four-column diff as a tree: one top-level row per resource, one child
// row per field path. Columns: Field | Code | State | Live | Replica | Status.
// Fed one whole diff at a time (setDiff resets). Colours are the view's
// business: the model exposes statuses and cell kinds as roles.
class DiffModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum ModelColumn { FieldColumn, CodeColumn, StateColumn, LiveColumn, ReplicaColumn, StatusColumn, ColumnCount };
    enum Role {
        StatusesRole = Qt::UserRole + 1, // unsigned FieldStatus bits (field rows); any-difference bits (resource rows)
        IsResourceRole, // bool
        CellPresentRole, // bool, value columns
        CellKindRole, // int FieldValue::Kind, value columns
        LocationRole, // QString file:line:col of the cell's value or the resource
        NoiseRole, // bool
        PathRole, // QString field path
        ResourceIdRole, // QString resource id
        CellStatusRole, // unsigned FieldStatus bits this cell is the odd one out for (value columns);
                        // the row's statuses on the Status column
        CellStateRole, // int CellState, value columns
        FullTextRole, // QString: the whole value (display text may elide), for copying
    };
    Q_ENUM(Role)

    // What a value cell shows, so absent, unknown, secret and "no evidence" never look alike.
    enum class CellState {
        Value, // a value as kubectl prints it
        Absent, // "—": the object is there, the field is not
        Unknown, // "(unknown)": Terraform knows it only after apply
        Secret, // "•••• fingerprint"
        NotInEvidence, // "(not in evidence)": the column's evidence does not hold this object
        NotRead, // "(not read)": the column's evidence could not be read completely
    };
    Q_ENUM(CellState)

    explicit DiffModel(QObject *parent = nullptr);

    void setDiff(const QList<ResourceDiff> &diff);
    const QList<ResourceDiff> &diff() const { return m_diff; }
    // Where each column came from, for the header ("terraform/platform", "feature-flags.live.yaml"),
    // and whether its evidence was read completely.
    // `remarks` follow the origin in the header ("main @ a1b2c3d").
    void setColumns(const std::array<QString, strata::columnCount> &origins, const ColumnCoverage &coverage,
        const std::array<QString, strata::columnCount> &remarks = {});
    const ColumnCoverage &coverage() const { return m_coverage; }

    // The index of a field row, or invalid.
    QModelIndex indexOf(const QString &resourceId, const QString &path, int column = FieldColumn) const;

    static Column valueColumn(int modelColumn) { return Column(modelColumn - CodeColumn); }
    static bool isValueColumn(int modelColumn) { return modelColumn >= CodeColumn && modelColumn <= ReplicaColumn; }
    static CellState cellState(const ResourceDiff &r, const FieldDiff &f, Column c);
    static QString cellText(const ResourceDiff &r, const FieldDiff &f, Column c);

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant roleData(const QModelIndex &index, int role) const;
    QVariant columnHeaderData(int section, Qt::Orientation orientation, int role) const;
    QVariant resourceData(const ResourceDiff &r, int column, int role) const;
    QVariant fieldData(const ResourceDiff &r, const FieldDiff &f, int column, int role) const;

    QList<ResourceDiff> m_diff;
    std::array<QString, strata::columnCount> m_origins;
    std::array<QString, strata::columnCount> m_remarks;
    ColumnCoverage m_coverage {};
};

} // namespace strata
