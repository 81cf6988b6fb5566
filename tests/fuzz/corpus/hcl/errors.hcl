a { b = "foo", c = "bar" }
a { b = "foo"
}
x = [1,
y = "unterminated
z = <<EOT
no end
