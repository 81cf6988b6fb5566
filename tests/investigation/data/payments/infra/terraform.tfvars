rate_limit = 25
