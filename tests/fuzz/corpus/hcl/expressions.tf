locals {
  zones = { a = "eu-1a", b = "eu-1b" }
  names = [for k, v in local.zones : "${k}-${upper(v)}" if k != "c"]
  grouped = { for s in ["a", "b", "a"] : s => s... }
  splat = [{ n = 1 }, { n = 2 }][*].n
  attr  = local.zones.*.a
  cond  = length(local.names) > 1 ? format("%s/%03d", "x", 7) : null
  text  = <<-EOT
    %{ for n in local.names ~}
    ${n}
    %{ endfor ~}
    %{if true}yes%{else}no%{endif} $${literal} \u00e9
  EOT
  json = jsondecode(jsonencode({ a = [1, true, null] }))
  try  = try(local.zones.c, lookup(local.zones, "a", "d"))
}
resource "k_cm" "z" {
  for_each = local.zones
  count    = 2
  metadata { name = "cm-${each.key}" }
  dynamic "env" {
    for_each = local.zones
    content { name = env.key }
  }
}
variable "v" {
  type    = map(object({ a = string }))
  default = {}
  sensitive = true
}
