// Reading a Terraform folder: the reference case's platform stack, variables
// with tfvars and sensitivity, locals, references between resources,
// count/for_each/dynamic expansion, and what is reported rather than guessed.
#include "StrataTestMain.h"

#include "hcl/HclValues.h"
#include "hcl/TerraformReader.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

using namespace strata;

namespace {

const TerraformResource *findResource(const TerraformConfig &c, const QString &address)
{
    for (const TerraformResource &r : c.resources) {
        if (r.address() == address)
            return &r;
    }
    return nullptr;
}

const TerraformVariable *findVariable(const TerraformConfig &c, const QString &name)
{
    for (const TerraformVariable &v : c.variables) {
        if (v.name == name)
            return &v;
    }
    return nullptr;
}

QString describe(const QList<Diagnostic> &d)
{
    QStringList s;
    for (const Diagnostic &x : d)
        s.append(x.toString());
    return s.join(QLatin1Char('\n'));
}

TerraformConfig readOne(const char *tf)
{
    return TerraformReader::readFiles({ { QStringLiteral("main.tf"), QByteArray(tf) } });
}

// A stack whose folders are held in memory: folder → its files (name → text).
using Folders = QHash<QString, QList<QPair<QString, QByteArray>>>;

TerraformConfig readStack(const Folders &folders, QStringList *asked = nullptr)
{
    const auto files = [&](const QString &folder) {
        QList<TerraformReader::SourceFile> out;
        for (const auto &f : folders.value(folder))
            out.append({ (folder.isEmpty() ? QString() : folder + QLatin1Char('/')) + f.first, f.second });
        return out;
    };
    const TerraformReader::ModuleLoader loader = [&](const QString &caller, const QString &source) {
        if (asked)
            asked->append(caller + QStringLiteral(" + ") + source);
        TerraformReader::ModuleFiles m;
        m.folder = QDir::cleanPath(caller.isEmpty() ? source : caller + QLatin1Char('/') + source);
        if (!folders.contains(m.folder))
            m.error = QStringLiteral("no folder %1").arg(m.folder);
        m.tfFiles = files(m.folder);
        return m;
    };
    return TerraformReader::readFiles(files(QString()), {}, QString(), loader);
}

const Value *bodyField(const TerraformResource *r, int instance, std::initializer_list<QString> path)
{
    if (!r || r->instances.size() <= instance)
        return nullptr;
    return r->instances.at(instance).body.find(path);
}

bool hasDiagnostic(const TerraformConfig &c, const QString &part)
{
    for (const Diagnostic &d : c.diagnostics) {
        if (d.toString().contains(part))
            return true;
    }
    return false;
}

} // namespace

class TestTerraformReader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void referenceCase()
    {
        const QString dir = QStringLiteral(STRATA_TEST_SOURCE_DIR "/../../resources/reference-case/terraform/platform");
        const TerraformConfig c = TerraformReader::readDirectory(dir);
        QVERIFY2(!hasErrors(c.diagnostics), qPrintable(describe(c.diagnostics)));
        QCOMPARE(c.files.size(), 3);
        QVERIFY(c.files.at(0).endsWith(QLatin1String("checkout.tf")));
        QCOMPARE(c.requiredVersion, QStringLiteral(">= 1.6.0"));
        QCOMPARE(c.requiredProviders.size(), 1);
        QCOMPARE(c.requiredProviders.at(0).name, QStringLiteral("kubernetes"));
        QCOMPARE(c.requiredProviders.at(0).source, QStringLiteral("hashicorp/kubernetes"));
        QCOMPARE(c.requiredProviders.at(0).version, QStringLiteral("~> 2.31"));
        QCOMPARE(c.providers.size(), 1);
        QCOMPARE(c.providers.at(0).body.find(QStringLiteral("config_path"))->text(), QStringLiteral("~/.kube/config"));
        QCOMPARE(c.locals.size(), 1);
        QCOMPARE(c.resources.size(), 4);

        const TerraformResource *flags = findResource(c, QStringLiteral("kubernetes_config_map.feature_flags"));
        QVERIFY(flags);
        QCOMPARE(flags->mode, QStringLiteral("managed"));
        QVERIFY(flags->location.file.endsWith(QLatin1String("feature-flags.tf")));
        QCOMPARE(flags->location.line, 1);
        QCOMPARE(flags->instances.size(), 1);
        QVERIFY(flags->instances.at(0).indexKey.isNull());
        const Value &body = flags->instances.at(0).body;
        const Value *enable = body.find({ QStringLiteral("data"), QStringLiteral("enable_new_checkout") });
        QVERIFY(enable);
        QCOMPARE(enable->type(), Value::Type::String);
        QCOMPARE(enable->text(), QStringLiteral("false"));
        QVERIFY(enable->location().file.endsWith(QLatin1String("feature-flags.tf")));
        QCOMPARE(enable->location().line, 8);
        QCOMPARE(enable->location().column, 27);
        QCOMPARE(body.find({ QStringLiteral("data"), QStringLiteral("max_cart_items") })->text(), QStringLiteral("25"));
        QCOMPARE(body.find({ QStringLiteral("data"), QStringLiteral("max_cart_items") })->location().line, 10);
        QCOMPARE(body.find({ QStringLiteral("data"), QStringLiteral("enable_dark_mode") })->location().line, 9);
        const Value *metadata = body.find(QStringLiteral("metadata"));
        QVERIFY(metadata);
        QCOMPARE(metadata->type(), Value::Type::List);
        QCOMPARE(metadata->items().size(), 1);
        QCOMPARE(metadata->items().at(0).find(QStringLiteral("name"))->text(), QStringLiteral("feature-flags"));
        QCOMPARE(metadata->items().at(0).find(QStringLiteral("namespace"))->text(), QStringLiteral("platform"));

        const TerraformResource *settings = findResource(c, QStringLiteral("kubernetes_config_map.checkout_settings"));
        QVERIFY(settings);
        const Value md = settings->instances.at(0).body.find(QStringLiteral("metadata"))->items().at(0);
        QCOMPARE(md.find(QStringLiteral("namespace"))->text(), QStringLiteral("platform"));
        QCOMPARE(md.find(QStringLiteral("namespace"))->location().line, 10);
        QCOMPARE(md.find({ QStringLiteral("labels"), QStringLiteral("app") })->text(), QStringLiteral("checkout"));

        const TerraformVariable *key = findVariable(c, QStringLiteral("checkout_api_key"));
        QVERIFY(key);
        QVERIFY(key->sensitive);
        QCOMPARE(key->typeText, QStringLiteral("string"));
        QVERIFY(key->value.isUnknown());
        const TerraformResource *secret = findResource(c, QStringLiteral("kubernetes_secret.checkout_api"));
        const Value *apiKey = secret->instances.at(0).body.find({ QStringLiteral("data"), QStringLiteral("api_key") });
        QVERIFY(apiKey && apiKey->isUnknown());
        QVERIFY(apiKey->text().contains(QLatin1String("sensitive")));
        QCOMPARE(findVariable(c, QStringLiteral("kubeconfig"))->value.text(), QStringLiteral("~/.kube/config"));
    }

    void tfvarsOverrideDefaultsAndSensitiveStaysHidden()
    {
        QTemporaryDir dir;
        auto write = [&](const char *name, const char *text) {
            QFile f(dir.filePath(QString::fromLatin1(name)));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(text);
        };
        write("vars.tf",
            "variable \"replicas\" {\n  type = number\n  default = 1\n}\nvariable \"env\" { default = \"dev\" }\n"
            "variable \"pw\" {\n  default = \"hunter2\"\n  sensitive = true\n}\nvariable \"region\" {}\n");
        write("main.tf",
            "resource \"x_app\" \"a\" {\n  name = \"app-${var.env}\"\n  replicas = var.replicas\n  password = "
            "var.pw\n}\n");
        write("terraform.tfvars", "replicas = \"3\"\nenv = \"prod\"\n");
        write("b.auto.tfvars", "env = \"staging\"\n");
        write("notes.txt", "not terraform = {");
        const TerraformConfig c = TerraformReader::readDirectory(dir.path());
        QVERIFY2(!hasErrors(c.diagnostics), qPrintable(describe(c.diagnostics)));
        QCOMPARE(c.files.size(), 4);
        QCOMPARE(findVariable(c, QStringLiteral("replicas"))->value.toNumber(), 3.0);
        QCOMPARE(findVariable(c, QStringLiteral("replicas"))->defaultValue.toNumber(), 1.0);
        QCOMPARE(findVariable(c, QStringLiteral("env"))->value.text(), QStringLiteral("staging"));
        QVERIFY(findVariable(c, QStringLiteral("region"))->value.isUnknown());
        const TerraformVariable *pw = findVariable(c, QStringLiteral("pw"));
        QVERIFY(pw->value.isUnknown());
        QVERIFY(pw->defaultValue.isUnknown());
        const Value body = c.resources.at(0).instances.at(0).body;
        QCOMPARE(body.find(QStringLiteral("name"))->text(), QStringLiteral("app-staging"));
        QCOMPARE(body.find(QStringLiteral("replicas"))->toNumber(), 3.0);
        QVERIFY(body.find(QStringLiteral("password"))->isUnknown());
        QVERIFY(!body.find(QStringLiteral("password"))->text().contains(QLatin1String("hunter2")));
    }

    void countForEachAndDynamicExpand()
    {
        const TerraformConfig c = readOne(R"(
locals {
  zones = { a = "eu-1a", b = "eu-1b" }
}
resource "k_ns" "n" {
  count = 2
  name  = "ns-${count.index}"
}
resource "k_cm" "z" {
  for_each = local.zones
  metadata {
    name      = "cm-${each.key}"
    namespace = k_ns.n[1].name
  }
  data = { zone = each.value }
  lifecycle { ignore_changes = [data] }
}
resource "k_set" "s" {
  for_each = toset(["y", "x"])
  v = each.value
}
resource "k_dep" "d" {
  spec {
    dynamic "env" {
      for_each = { A = "1", B = "2" }
      content {
        name  = env.key
        value = env.value
      }
    }
  }
}
)");
        QVERIFY2(!hasErrors(c.diagnostics), qPrintable(describe(c.diagnostics)));
        const TerraformResource *n = findResource(c, QStringLiteral("k_ns.n"));
        QCOMPARE(n->instances.size(), 2);
        QCOMPARE(n->instances.at(1).indexKey.toNumber(), 1.0);
        QCOMPARE(n->instances.at(1).body.find(QStringLiteral("name"))->text(), QStringLiteral("ns-1"));
        QVERIFY(!n->instances.at(1).body.find(QStringLiteral("count")));
        const TerraformResource *z = findResource(c, QStringLiteral("k_cm.z"));
        QCOMPARE(z->instances.size(), 2);
        QCOMPARE(z->instances.at(0).indexKey.text(), QStringLiteral("a"));
        const Value md = z->instances.at(0).body.find(QStringLiteral("metadata"))->items().at(0);
        QCOMPARE(md.find(QStringLiteral("name"))->text(), QStringLiteral("cm-a"));
        QCOMPARE(md.find(QStringLiteral("namespace"))->text(), QStringLiteral("ns-1"));
        QCOMPARE(z->instances.at(1).body.find({ QStringLiteral("data"), QStringLiteral("zone") })->text(),
            QStringLiteral("eu-1b"));
        QVERIFY(!z->instances.at(0).body.find(QStringLiteral("lifecycle")));
        const TerraformResource *s = findResource(c, QStringLiteral("k_set.s"));
        QCOMPARE(s->instances.at(0).indexKey.text(), QStringLiteral("x"));
        const Value env = *findResource(c, QStringLiteral("k_dep.d"))
                               ->instances.at(0)
                               .body.find(QStringLiteral("spec"))
                               ->items()
                               .at(0)
                               .find(QStringLiteral("env"));
        QCOMPARE(env.items().size(), 2);
        QCOMPARE(env.items().at(1).find(QStringLiteral("name"))->text(), QStringLiteral("B"));
        QCOMPARE(env.items().at(1).find(QStringLiteral("value"))->text(), QStringLiteral("2"));
    }

    void computedAndExternalValuesAreUnknown()
    {
        const TerraformConfig c = readOne(R"(
data "k_cluster" "main" {
  name = "prod"
}
resource "k_ns" "n" {
  metadata { name = "x" }
}
resource "k_cm" "c" {
  count = length(data.k_cluster.main.nodes)
  uid   = k_ns.n.metadata[0].uid
  ns_id = k_ns.n.id
  host  = data.k_cluster.main.endpoint
  mod   = module.net.vpc_id
  ws    = terraform.workspace
  self_ref = local.a
}
locals {
  a = local.b
  b = local.a
}
module "net" {
  source = "./net"
}
)");
        const TerraformResource *cm = findResource(c, QStringLiteral("k_cm.c"));
        QCOMPARE(cm->instances.size(), 1);
        QVERIFY(cm->instances.at(0).indexKey.isUnknown());
        const Value &b = cm->instances.at(0).body;
        QVERIFY(b.find(QStringLiteral("uid"))->isUnknown());
        QVERIFY(b.find(QStringLiteral("uid"))->text().contains(QLatin1String("k_ns.n.metadata[0].uid")));
        QVERIFY(b.find(QStringLiteral("ns_id"))->isUnknown());
        QVERIFY(b.find(QStringLiteral("host"))->text().contains(QLatin1String("data.k_cluster.main")));
        QVERIFY(b.find(QStringLiteral("mod"))->isUnknown());
        QVERIFY(b.find(QStringLiteral("ws"))->isUnknown());
        QVERIFY(b.find(QStringLiteral("self_ref"))->isUnknown());
        QCOMPARE(findResource(c, QStringLiteral("data.k_cluster.main"))->mode, QStringLiteral("data"));
        bool moduleNote = false;
        for (const Diagnostic &d : c.diagnostics)
            moduleNote = moduleNote
                || (d.severity == Diagnostic::Severity::Note && d.message.contains(QLatin1String("module.net ")));
        QVERIFY(moduleNote);
        QCOMPARE(c.modules.size(), 1);
        QVERIFY(!c.modules.first().followed);
    }

    void localModulesAreEvaluatedWithTheirArguments()
    {
        QStringList asked;
        const TerraformConfig c = readStack(
            {
                { QString(), { { QStringLiteral("main.tf"), R"(
variable "limit" {
  default = 40
}
module "flags" {
  source = "./modules/flags"
  name   = "shop-flags"
  limit  = var.limit * 2
}
resource "kubernetes_config_map" "consumer" {
  metadata { name = "consumer" }
  data = {
    flags_map = module.flags.name
    where     = module.flags.where
  }
}
)" } } },
                { QStringLiteral("modules/flags"), { { QStringLiteral("flags.tf"), R"(
variable "name" { type = string }
variable "limit" { type = string }
variable "mode" {
  default = "strict"
}
resource "kubernetes_config_map" "this" {
  metadata {
    name      = var.name
    namespace = "shop"
  }
  data = {
    limit = var.limit
    mode  = var.mode
  }
}
module "labels" {
  source = "../labels"
  team   = "payments"
}
output "name" {
  value = kubernetes_config_map.this.metadata[0].name
}
output "where" {
  value = path.module
}
output "team" {
  value = module.labels.team
}
moved {
  from = kubernetes_config_map.flags
  to   = kubernetes_config_map.this
}
)" } } },
                { QStringLiteral("modules/labels"),
                    { { QStringLiteral("labels.tf"),
                        "variable \"team\" {}\noutput \"team\" { value = upper(var.team) }\n" } } },
            },
            &asked);
        QVERIFY2(!hasErrors(c.diagnostics), qPrintable(describe(c.diagnostics)));
        // Nested sources resolve against the calling module's folder.
        QCOMPARE(
            asked, (QStringList { QStringLiteral(" + ./modules/flags"), QStringLiteral("modules/flags + ../labels") }));

        const TerraformResource *inner = findResource(c, QStringLiteral("module.flags.kubernetes_config_map.this"));
        QVERIFY(inner);
        QCOMPARE(inner->module, QStringLiteral("module.flags"));
        QCOMPARE(
            bodyField(inner, 0, { QStringLiteral("data"), QStringLiteral("limit") })->text(), QStringLiteral("80"));
        QCOMPARE(
            bodyField(inner, 0, { QStringLiteral("data"), QStringLiteral("mode") })->text(), QStringLiteral("strict"));
        QCOMPARE(inner->location.file, QStringLiteral("modules/flags/flags.tf"));
        const TerraformResource *consumer = findResource(c, QStringLiteral("kubernetes_config_map.consumer"));
        QCOMPARE(bodyField(consumer, 0, { QStringLiteral("data"), QStringLiteral("flags_map") })->text(),
            QStringLiteral("shop-flags"));
        QCOMPARE(bodyField(consumer, 0, { QStringLiteral("data"), QStringLiteral("where") })->text(),
            QStringLiteral("modules/flags"));

        QCOMPARE(c.modules.size(), 2);
        QCOMPARE(c.modules.at(0).address, QStringLiteral("module.flags"));
        QCOMPARE(c.modules.at(0).folder, QStringLiteral("modules/flags"));
        QCOMPARE(c.modules.at(1).address, QStringLiteral("module.flags.module.labels"));
        QVERIFY(c.modules.at(1).followed);
        QCOMPARE(c.moves.size(), 1);
        QCOMPARE(c.moves.first().from, QStringLiteral("module.flags.kubernetes_config_map.flags"));
        QCOMPARE(c.moves.first().to, QStringLiteral("module.flags.kubernetes_config_map.this"));
    }

    void moduleInstancesFromCountAndForEach()
    {
        const TerraformConfig c = readStack({
            { QString(), { { QStringLiteral("main.tf"), R"(
module "team" {
  for_each = toset(["payments", "search"])
  source   = "./team"
  name     = each.key
}
module "shard" {
  count  = 2
  source = "./team"
  name   = "shard-${count.index}"
}
resource "kubernetes_config_map" "index" {
  metadata { name = "index" }
  data = {
    search = module.team["search"].name
    second = module.shard[1].name
  }
}
)" } } },
            { QStringLiteral("team"), { { QStringLiteral("team.tf"), R"(
variable "name" {}
resource "kubernetes_namespace" "this" {
  metadata { name = var.name }
}
output "name" { value = kubernetes_namespace.this.metadata[0].name }
)" } } },
        });
        QVERIFY2(!hasErrors(c.diagnostics), qPrintable(describe(c.diagnostics)));
        for (const char *address : { "module.team[\"payments\"].kubernetes_namespace.this",
                 "module.team[\"search\"].kubernetes_namespace.this", "module.shard[0].kubernetes_namespace.this",
                 "module.shard[1].kubernetes_namespace.this" })
            QVERIFY2(findResource(c, QString::fromUtf8(address)), address);
        QCOMPARE(bodyField(findResource(c, QStringLiteral("module.shard[1].kubernetes_namespace.this")), 0,
                     { QStringLiteral("metadata") })
                     ->items()
                     .first()
                     .find(QStringLiteral("name"))
                     ->text(),
            QStringLiteral("shard-1"));
        const TerraformResource *index = findResource(c, QStringLiteral("kubernetes_config_map.index"));
        QCOMPARE(bodyField(index, 0, { QStringLiteral("data"), QStringLiteral("search") })->text(),
            QStringLiteral("search"));
        QCOMPARE(bodyField(index, 0, { QStringLiteral("data"), QStringLiteral("second") })->text(),
            QStringLiteral("shard-1"));
    }

    void modulesNotReadAreUnknownWithTheReason()
    {
        const TerraformConfig c = readStack({
            { QString(), { { QStringLiteral("main.tf"), R"(
module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "5.0.0"
}
module "gone" {
  source = "./does-not-exist"
}
module "loop" {
  source = "./loop"
}
module "secret" {
  source = "./secret"
}
module "ping" {
  source = "./ping"
}
module "shards" {
  count  = 1001
  source = "./secret"
}
resource "kubernetes_config_map" "uses" {
  metadata { name = "uses" }
  data = {
    vpc    = module.vpc.vpc_id
    gone   = module.gone.x
    token  = module.secret.token
    public = module.secret.public
  }
}
)" } } },
            { QStringLiteral("loop"),
                { { QStringLiteral("loop.tf"), "module \"again\" {\n  source = \"../loop\"\n}\n" } } },
            { QStringLiteral("ping"),
                { { QStringLiteral("ping.tf"), "module \"pong\" {\n  source = \"../pong\"\n}\n" } } },
            { QStringLiteral("pong"),
                { { QStringLiteral("pong.tf"), "module \"ping\" {\n  source = \"../ping\"\n}\n" } } },
            { QStringLiteral("secret"),
                { { QStringLiteral("s.tf"),
                    "output \"token\" {\n  value = \"hunter2\"\n  sensitive = true\n}\n"
                    "output \"public\" { value = \"visible\" }\n" } } },
        });
        const TerraformResource *uses = findResource(c, QStringLiteral("kubernetes_config_map.uses"));
        const Value *vpc = bodyField(uses, 0, { QStringLiteral("data"), QStringLiteral("vpc") });
        QVERIFY(vpc->isUnknown());
        QVERIFY2(vpc->text().contains(QLatin1String("not downloaded")), qPrintable(vpc->text()));
        const Value *gone = bodyField(uses, 0, { QStringLiteral("data"), QStringLiteral("gone") });
        QVERIFY(gone->isUnknown());
        QVERIFY2(gone->text().contains(QLatin1String("no folder does-not-exist")), qPrintable(gone->text()));
        const Value *token = bodyField(uses, 0, { QStringLiteral("data"), QStringLiteral("token") });
        QVERIFY(token->isUnknown());
        QVERIFY(!token->text().contains(QLatin1String("hunter2")));
        QCOMPARE(bodyField(uses, 0, { QStringLiteral("data"), QStringLiteral("public") })->text(),
            QStringLiteral("visible"));
        QVERIFY(hasDiagnostic(c, QStringLiteral("module.vpc (source \"terraform-aws-modules/vpc/aws\") is not read")));
        QVERIFY(hasDiagnostic(c,
            QStringLiteral("module.loop.module.again (source \"../loop\") is not read: it calls "
                           "itself (loop is already being read)")));
        QVERIFY(hasDiagnostic(c,
            QStringLiteral("module.ping.module.pong.module.ping (source \"../ping\") is not "
                           "read: it calls itself")));
        QVERIFY(
            hasDiagnostic(c, QStringLiteral("more than %1 module instances").arg(TerraformReader::maxModuleInstances)));
        int followed = 0;
        for (const TerraformModuleCall &m : c.modules)
            followed += m.followed ? 1 : 0;
        QCOMPARE(followed, 4); // loop once, ping and pong once each, secret; not the 1,001 shards
    }

    void syntaxErrorsAreReportedAndTheRestIsRead()
    {
        const TerraformConfig c = TerraformReader::readFiles({
            { QStringLiteral("a.tf"), QByteArray("resource \"x\" \"broken\" {\n  a = [1,\n}\n") },
            { QStringLiteral("b.tf"), QByteArray("resource \"x\" \"fine\" {\n  a = 1\n}\n") },
        });
        QVERIFY(hasErrors(c.diagnostics));
        QCOMPARE(c.diagnostics.first().file, QStringLiteral("a.tf"));
        QVERIFY(findResource(c, QStringLiteral("x.fine")));
        QCOMPARE(
            findResource(c, QStringLiteral("x.fine"))->instances.at(0).body.find(QStringLiteral("a"))->toNumber(), 1.0);
    }

    // Locals that double a value reach gigabytes in a few lines (2^30
    // characters from 30 locals). Each runaway stops where it passes the
    // evaluator's limit, with a warning there; the rest of the code is read.
    void valuesThatGrowWithoutBoundStopWhereTheyPassTheLimit()
    {
        QByteArray tf = "locals {\n  s0 = \"abcdefgh\"\n  l0 = [\"a\", \"b\"]\n";
        for (int i = 1; i <= 30; ++i) { // s<i> on line 2 + 2i, l<i> on line 3 + 2i
            tf += "  s" + QByteArray::number(i) + " = \"${local.s" + QByteArray::number(i - 1) + "}${local.s"
                + QByteArray::number(i - 1) + "}\"\n";
            tf += "  l" + QByteArray::number(i) + " = [local.l" + QByteArray::number(i - 1) + ", local.l"
                + QByteArray::number(i - 1) + "]\n";
        }
        tf += "  joined   = join(\"\", [local.s20, local.s20, local.s20])\n" // line 64
              "  replaced = replace(local.s20, \"a\", local.s4)\n" // line 65
              "  encoded  = jsonencode([local.s21, local.s21])\n" // line 66
              "  flat     = flatten([local.l18, local.l18, local.l18])\n" // line 67
              "  both     = concat(local.l18, local.l18)\n" // line 68
              "}\n"
              "resource \"x\" \"r\" {\n"
              "  s = local.s30\n  l = local.l30\n  joined = local.joined\n  replaced = local.replaced\n"
              "  encoded = local.encoded\n  flat = local.flat\n  both = local.both\n"
              "  fine = length(local.s21)\n"
              "}\n";
        const TerraformConfig c = readOne(tf.constData());
        QStringList stopped;
        for (const Diagnostic &d : c.diagnostics) {
            if (d.message.contains(QStringLiteral("past Strata's limit")))
                stopped.append(QStringLiteral("%1:%2").arg(d.line).arg(d.column));
        }
        // s21 is 2^24 characters, exactly the limit; s22 would be twice that.
        // l<i> holds 2^(i+2) - 2 elements (2^(i+1) of them leaves): l18 is
        // below 2^20, l19 above.
        QVERIFY2(stopped.contains(QStringLiteral("46:30")), qPrintable(describe(c.diagnostics))); // s22, 2nd half
        QVERIFY2(stopped.contains(QStringLiteral("41:9")), qPrintable(describe(c.diagnostics))); // l19
        QVERIFY2(stopped.contains(QStringLiteral("64:14")), qPrintable(describe(c.diagnostics))); // join
        QVERIFY2(stopped.contains(QStringLiteral("65:14")), qPrintable(describe(c.diagnostics))); // replace
        QVERIFY2(stopped.contains(QStringLiteral("66:14")), qPrintable(describe(c.diagnostics))); // jsonencode
        QVERIFY2(stopped.contains(QStringLiteral("67:14")), qPrintable(describe(c.diagnostics))); // flatten
        QVERIFY2(stopped.contains(QStringLiteral("68:14")), qPrintable(describe(c.diagnostics))); // concat
        const TerraformResource *r = findResource(c, QStringLiteral("x.r"));
        QVERIFY(r);
        const Value &body = r->instances.at(0).body;
        for (const char *name : { "s", "l", "joined", "replaced", "encoded", "flat", "both" })
            QVERIFY2(HclValues::findUnknown(*body.find(QString::fromLatin1(name))), name); // l: a list of unknowns
        QCOMPARE(body.find(QStringLiteral("fine"))->toNumber(), double(1 << 24));
    }
};

STRATA_TEST_MAIN(TestTerraformReader)
#include "tst_terraformreader.moc"
