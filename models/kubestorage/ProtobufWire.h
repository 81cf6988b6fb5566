#pragma once

#include <QByteArrayView>
#include <QString>

#include <cstdint>

namespace strata {

// Reads protocol buffers' wire format field by field, without a schema:
// the few message types Strata decodes (kube-apiserver's storage envelope,
// ObjectMeta, ConfigMap, Secret, Namespace) are walked by hand. Every read is
// bounds-checked; a malformed message stops the walk and `error()` says at
// which byte offset (input from etcd is untrusted).
class ProtobufWire
{
public:
    enum class WireType : std::uint8_t { Varint = 0, Fixed64 = 1, Bytes = 2, Fixed32 = 5 };

    struct Field
    {
        std::uint32_t number = 0;
        WireType type = WireType::Varint;
        std::uint64_t varint = 0; // Varint, Fixed64 and Fixed32
        QByteArrayView bytes; // Bytes: the field's payload (a string, bytes or a message)
        qsizetype offset = 0; // where the field's payload starts (its value for the others), in the outermost message
    };

    explicit ProtobufWire(QByteArrayView message, qsizetype baseOffset = 0)
        : m_data(message)
        , m_base(baseOffset)
    {
    }

    // The next field, false at the end or on malformed input (then error() is set).
    bool next(Field *field);
    bool failed() const { return !m_error.isEmpty(); }
    const QString &error() const { return m_error; }

private:
    bool readVarint(std::uint64_t *value);
    void fail(const QString &what);

    QByteArrayView m_data;
    qsizetype m_base = 0;
    qsizetype m_pos = 0;
    QString m_error;
};

} // namespace strata
