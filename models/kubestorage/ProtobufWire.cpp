#include "ProtobufWire.h"

#include <QString>

namespace strata {

void ProtobufWire::fail(const QString &what)
{
    if (m_error.isEmpty())
        m_error = QStringLiteral("%1 at byte %2").arg(what).arg(m_base + m_pos);
    m_pos = m_data.size();
}

bool ProtobufWire::readVarint(std::uint64_t *value)
{
    std::uint64_t result = 0;
    for (int shift = 0; shift < 64; shift += 7) {
        if (m_pos >= m_data.size()) {
            fail(QStringLiteral("truncated varint"));
            return false;
        }
        const auto byte = static_cast<std::uint8_t>(m_data[m_pos++]);
        result |= std::uint64_t(byte & 0x7f) << shift;
        if (!(byte & 0x80)) {
            *value = result;
            return true;
        }
    }
    fail(QStringLiteral("varint longer than 10 bytes"));
    return false;
}

bool ProtobufWire::next(Field *field)
{
    if (m_pos >= m_data.size() || failed())
        return false;
    std::uint64_t tag = 0;
    if (!readVarint(&tag))
        return false;
    field->number = static_cast<std::uint32_t>(tag >> 3);
    if (field->number == 0 || (tag >> 3) > 0x1fffffff) {
        fail(QStringLiteral("field number 0 or out of range"));
        return false;
    }
    field->bytes = {};
    field->varint = 0;
    field->offset = m_base + m_pos;
    switch (tag & 7) {
    case 0:
        field->type = WireType::Varint;
        return readVarint(&field->varint);
    case 1:
    case 5: {
        const qsizetype width = (tag & 7) == 1 ? 8 : 4;
        if (m_data.size() - m_pos < width) {
            fail(QStringLiteral("truncated fixed-width field"));
            return false;
        }
        field->type = width == 8 ? WireType::Fixed64 : WireType::Fixed32;
        for (qsizetype i = width - 1; i >= 0; --i)
            field->varint = (field->varint << 8) | static_cast<std::uint8_t>(m_data[m_pos + i]);
        m_pos += width;
        return true;
    }
    case 2: {
        std::uint64_t length = 0;
        if (!readVarint(&length))
            return false;
        if (length > std::uint64_t(m_data.size() - m_pos)) {
            fail(QStringLiteral("length %1 runs past the end").arg(length));
            return false;
        }
        field->type = WireType::Bytes;
        field->offset = m_base + m_pos;
        field->bytes = m_data.sliced(m_pos, qsizetype(length));
        m_pos += qsizetype(length);
        return true;
    }
    default:
        fail(QStringLiteral("unsupported wire type %1").arg(tag & 7));
        return false;
    }
}

} // namespace strata
