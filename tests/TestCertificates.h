#pragma once

#include <QString>

// Certificates made with openssl at test time (never checked in): in
// `folder`, ca.crt/ca.key (a CA), server.crt/server.key for 127.0.0.1,
// localhost and api.strata.test (a name only a test proxy resolves), client.crt/client.key for CN=test-user
// (O=system:masters), all EC P-256 keys signed by that CA, valid for two days (the server's for `serverDays`: -1 makes
// one that expired yesterday).
namespace TestCertificates {
bool make(const QString &folder, QString *error, int serverDays = 2);
// After make(): client-rsa.crt/client-rsa.key, an RSA 2048 client
// certificate for CN=test-rsa-user signed by the same CA.
bool makeRsaClient(const QString &folder, QString *error);
} // namespace TestCertificates
