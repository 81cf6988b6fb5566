// libFuzzer target: HCL files must give diagnostics, never crash, hang or
// exhaust memory — parsed, then read as a Terraform folder of one file
// (which evaluates every expression), and parsed again as a lone expression.
#include "hcl/HclParser.h"
#include "hcl/TerraformReader.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray text(reinterpret_cast<const char *>(data), qsizetype(size));
    strata::TerraformReader::readFiles(
        { { QStringLiteral("fuzz.tf"), text } }, { { QStringLiteral("terraform.tfvars"), text } });
    QList<strata::Diagnostic> diagnostics;
    strata::HclParser::parseExpression(QString::fromUtf8(text), QStringLiteral("fuzz.hcl"), &diagnostics);
    return 0;
}
