variable "rate_limit" {
  description = "Requests per second per client"
  type        = number
  default     = 10
}

variable "db_password" {
  type      = string
  sensitive = true
}
