#pragma once

#include "core/Diagnostic.h"
#include "core/SourceLocation.h"
#include "core/Value.h"

#include <QList>
#include <QString>

namespace strata {

// What the Terraform code of one folder (module) says, statically evaluated.
// Produced by the HCL reader (models/hcl/), consumed by the Terraform →
// Kubernetes mapping (models/terraform/). Values that cannot be known without
// running Terraform are Value::unknown with the reason, never guessed.
//
// Bodies use the provider-schema shape that terraform.tfstate also uses:
// attributes become map entries, nested blocks become a list of maps under the
// block type (`metadata { name = "x" }` → "metadata": [{"name": "x"}]).

struct TerraformInstance
{
    Value indexKey; // null without count/for_each; a number for count, a string for for_each
    Value body; // the evaluated body (a Map)
};

struct TerraformResource
{
    QString mode; // "managed" (resource) or "data"
    QString type; // e.g. "kubernetes_config_map"
    QString name; // e.g. "feature_flags"
    QString module; // "" for the root module, else as state writes it: `module.a["k"].module.b`
    SourceLocation location; // the `resource` keyword
    QList<TerraformInstance> instances; // one unless count/for_each; an unknown count gives one with an unknown key

    // "kubernetes_config_map.feature_flags", "data.x.y", "module.m.x.y".
    QString address() const
    {
        return (module.isEmpty() ? QString() : module + QLatin1Char('.'))
            + (mode == QLatin1String("data") ? QStringLiteral("data.") : QString()) + type + QLatin1Char('.') + name;
    }
};

struct TerraformVariable
{
    QString name;
    QString typeText; // the `type` expression as written, e.g. "string"
    Value defaultValue; // null when none
    Value value; // default, overridden by *.tfvars; unknown when neither gives one
    bool sensitive = false;
    SourceLocation location;
};

struct TerraformLocal
{
    QString name;
    Value value;
    SourceLocation location;
};

struct TerraformProvider
{
    QString name; // "kubernetes"
    QString alias; // empty for the default configuration
    Value body;
    SourceLocation location;
};

struct TerraformRequiredProvider
{
    QString name; // local name, e.g. "kubernetes"
    QString source; // "hashicorp/kubernetes"
    QString version; // constraint as written, e.g. "~> 2.31"
};

// A `module` block: where its code comes from and whether Strata read it.
struct TerraformModuleCall
{
    QString address; // "module.flags", `module.a["k"].module.b` for each instance read
    QString source; // as written: "./modules/flags", "hashicorp/consul/aws"
    QString folder; // where its files were read, as the loader names folders (a tree path); set when followed
    bool followed = false; // read and evaluated (a local module whose files were found)
    QString reason; // why not, when not followed
    SourceLocation location; // the `module` keyword
};

// A `moved` block: the resource once at `from` is now at `to` (addresses in
// the root module's spelling, `module.x.` prefixed inside a module).
struct TerraformMove
{
    QString from;
    QString to;
    SourceLocation location;
};

struct TerraformConfig
{
    QString directory; // as the user named it
    QStringList files; // the .tf (and .tfvars) files read, in order
    QString requiredVersion; // terraform { required_version }
    QList<TerraformRequiredProvider> requiredProviders;
    QList<TerraformProvider> providers;
    QList<TerraformVariable> variables;
    QList<TerraformLocal> locals;
    QList<TerraformResource> resources; // the root module's, then each module's (`module` set)
    QList<TerraformModuleCall> modules; // every module call, nested ones included
    QList<TerraformMove> moves;
    QList<Diagnostic> diagnostics; // syntax errors (file:line:col) and evaluation notes

    // Drops the evaluated bodies and values, keeping what identifies the
    // stack (versions, providers, the list of resources). Called once the
    // objects the diff compares are mapped out of it, like
    // TerraformState::releaseValues.
    void releaseValues()
    {
        for (TerraformResource &r : resources) {
            for (TerraformInstance &i : r.instances)
                i.body = Value();
        }
        for (TerraformLocal &l : locals)
            l.value = Value();
        for (TerraformVariable &v : variables) {
            v.defaultValue = Value();
            v.value = Value();
        }
        for (TerraformProvider &p : providers)
            p.body = Value();
    }
};

} // namespace strata
