#pragma once

#include "terraform/TerraformConfig.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <functional>

namespace strata {

// Reads the Terraform code of one folder (a root module) into a
// TerraformConfig: every `*.tf` file (sorted by name), with variables taken
// from their defaults overridden by `terraform.tfvars` then `*.auto.tfvars`,
// and every resource instance's body evaluated statically (HclEvaluator).
// Local modules are read through a ModuleLoader and evaluated with the
// arguments their `module` block passes (count and for_each included); their
// resources are addressed `module.<name>.<type>.<label>` as state names them,
// and `module.<name>.<output>` is the output's value. A module from a
// registry, git or an archive is not downloaded: noted, its outputs unknown.
// Used by the case loader and the Terraform → Kubernetes mapping. Never
// throws: syntax errors and evaluation problems are diagnostics.
namespace TerraformReader {

struct SourceFile
{
    QString path; // as the user named it; used in every location
    QByteArray text;
};

// The files of a local module (`source = "./modules/flags"`): its folder,
// as a path the loader understands again for the modules it calls, and its
// `.tf` files; or why they could not be read.
struct ModuleFiles
{
    QString folder;
    QList<SourceFile> tfFiles;
    QString error; // "no such folder", "outside the repository"; empty when read
};
// Reads the module that `source` names, relative to the folder of the module
// that calls it ("" for the root module's folder).
using ModuleLoader = std::function<ModuleFiles(const QString &callerFolder, const QString &source)>;

// Local modules are followed as Terraform would, at most this deep, and at
// most this many module instances in one stack (count and for_each multiply).
constexpr int maxModuleDepth = 16;
constexpr int maxModuleInstances = 1000;

TerraformConfig readDirectory(const QString &directory);
// `tfvars` are applied in the order given (terraform.tfvars first, then
// *.auto.tfvars). Without a loader, module calls are noted and not followed;
// `loaderFolder` is the root module's folder as the loader names folders.
TerraformConfig readFiles(const QList<SourceFile> &tfFiles, const QList<SourceFile> &tfvars = {},
    const QString &directory = {}, const ModuleLoader &loader = {}, const QString &loaderFolder = {});

} // namespace TerraformReader

} // namespace strata
