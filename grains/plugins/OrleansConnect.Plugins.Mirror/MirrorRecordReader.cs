using System.Buffers.Binary;
using OrleansConnect.Plugins.Errors;

namespace OrleansConnect.Plugins.Mirror;

/// <summary>Reads the fields <see cref="MirrorRecordFormat"/> writes; a short or malformed buffer is a <see cref="DataException"/>.</summary>
internal ref struct MirrorRecordReader(ReadOnlySpan<byte> buffer, string what)
{
    private readonly ReadOnlySpan<byte> _buffer = buffer;
    private int _position;

    public short Int16() => BinaryPrimitives.ReadInt16BigEndian(Take(2));

    public int Int32() => BinaryPrimitives.ReadInt32BigEndian(Take(4));

    public long Int64() => BinaryPrimitives.ReadInt64BigEndian(Take(8));

    public string String()
    {
        var length = Int16();
        if (length < 0)
        {
            throw new DataException($"{what}: a STRING field has the negative length {length}");
        }

        return System.Text.Encoding.UTF8.GetString(Take(length));
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (_position + count > _buffer.Length)
        {
            throw new DataException($"{what}: {_buffer.Length} bytes end before the field at byte {_position} ({count} bytes)");
        }

        var slice = _buffer.Slice(_position, count);
        _position += count;
        return slice;
    }
}
