locals {
  ns     = "payments"
  region = "eu-west-1"
  app_settings = {
    timeout_ms = 500
    retries    = 3
  }
}

resource "kubernetes_config_map_v1" "limits" {
  metadata {
    name      = "limits"
    namespace = local.ns
  }
  data = {
    "app.json"   = jsonencode(local.app_settings)
    "rate_limit" = tostring(var.rate_limit)
    region       = local.region
  }
}

resource "kubernetes_secret_v1" "db" {
  metadata {
    name      = "db-creds"
    namespace = local.ns
  }
  data = {
    username = "app"
    password = var.db_password
  }
}
