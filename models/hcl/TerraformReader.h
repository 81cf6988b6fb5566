#pragma once

#include "terraform/TerraformConfig.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace strata {

// Reads the Terraform code of one folder (a root module) into a
// TerraformConfig: every `*.tf` file (sorted by name), with variables taken
// from their defaults overridden by `terraform.tfvars` then `*.auto.tfvars`,
// and every resource instance's body evaluated statically (HclEvaluator).
// Used by the case loader and the Terraform → Kubernetes mapping. Never
// throws: syntax errors and evaluation problems are diagnostics.
namespace TerraformReader {

struct SourceFile
{
    QString path; // as the user named it; used in every location
    QByteArray text;
};

TerraformConfig readDirectory(const QString &directory);
// `tfvars` are applied in the order given (terraform.tfvars first, then *.auto.tfvars).
TerraformConfig readFiles(
    const QList<SourceFile> &tfFiles, const QList<SourceFile> &tfvars = {}, const QString &directory = {});

} // namespace TerraformReader

} // namespace strata
