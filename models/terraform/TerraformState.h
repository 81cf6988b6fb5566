#pragma once

#include "core/SourceLocation.h"
#include "core/Value.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace strata {

// A Terraform state file (format version 4) as TerraformStateReader produces
// it and the Terraform → Kubernetes mapping, the diff and the evidence panel
// consume it. Values keep the file:line:col they were read from, so a finding
// can quote "terraform.tfstate:52:13" as its evidence.

// One step of an attribute path, as `sensitive_attributes` writes it:
// get_attr "data" is an Attribute step, index "api_key" / index 0 an Index step.
struct TerraformPathStep
{
    enum class Kind { Attribute, Index };
    Kind kind = Kind::Attribute;
    Value key; // the attribute name (String), or the index (Number for lists, String for maps)
};
using TerraformAttributePath = QList<TerraformPathStep>;

struct TerraformStateOutput
{
    QString name;
    bool sensitive = false;
    Value value; // Value::unknown for sensitive outputs: their value is never kept
    Value type; // the cty type as JSON ("string", ["map","string"], …)
    SourceLocation location;
};

struct TerraformStateInstance
{
    Value indexKey; // null without count/for_each; a Number for count, a String for for_each
    QString status; // "" or "tainted"
    QString deposed; // the deposed key; "" for the current object
    int schemaVersion = 0;
    Value attributes; // a Map in provider-schema shape; null when only attributes_flat is present
    Value attributesFlat; // legacy flat map ("triggers.%": "1"); null in current states
    QList<TerraformAttributePath> sensitiveAttributes;
    QStringList dependencies; // resource addresses
    bool createBeforeDestroy = false;
    SourceLocation location;
};

struct TerraformStateResource
{
    QString module; // "" for the root module, else "module.a[\"k\"].module.b"
    QString mode; // "managed" or "data"
    QString type; // "kubernetes_config_map"
    QString name; // "feature_flags"
    QString each; // "", "list" (count) or "map" (for_each)
    QString provider; // `provider["registry.terraform.io/hashicorp/kubernetes"]`
    QList<TerraformStateInstance> instances;
    SourceLocation location; // the resource's entry in "resources"

    // "module.a.kubernetes_config_map.flags", "data.x.y" (without index key).
    QString address() const;
    // Drops the instances' attribute values (see TerraformState::releaseValues).
    void releaseValues();
};

struct TerraformState
{
    int version = 4;
    QString terraformVersion;
    quint64 serial = 0;
    SourceLocation serialLocation;
    QString lineage;
    QList<TerraformStateOutput> outputs;
    QList<TerraformStateResource> resources;
    QString file; // as the user named it

    // Drops every attribute and output value, keeping what identifies the
    // state (serial, lineage, resources and their instances). Called once the
    // objects the diff compares are mapped out of it: the trees are most of a
    // large state's memory and nothing reads them afterwards.
    void releaseValues();
};

} // namespace strata
