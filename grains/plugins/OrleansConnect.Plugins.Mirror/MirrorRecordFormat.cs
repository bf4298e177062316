using System.Buffers.Binary;
using System.Text;

namespace OrleansConnect.Plugins.Mirror;

/// <summary>
/// Kafka's protocol encoding of the fixed schemas MirrorMaker 2 writes (<c>org.apache.kafka.common.protocol.types</c>):
/// big-endian INT16/INT32/INT64 and STRING as an INT16 byte length followed by UTF-8, fields back to back with no
/// framing. Kafka's <c>RemoteClusterUtils</c> and <c>MirrorClient</c> read these bytes.
/// </summary>
internal ref struct MirrorRecordFormat
{
    private readonly Span<byte> _buffer;
    private int _position;

    public MirrorRecordFormat(Span<byte> buffer)
    {
        _buffer = buffer;
        _position = 0;
    }

    public static int StringSize(string value) => 2 + Encoding.UTF8.GetByteCount(value);

    /// <summary>Checks that every byte of the buffer was written.</summary>
    public readonly void End()
    {
        if (_position != _buffer.Length)
        {
            throw new InvalidOperationException($"Wrote {_position} bytes of {_buffer.Length}.");
        }
    }

    public void Int16(short value)
    {
        BinaryPrimitives.WriteInt16BigEndian(_buffer[_position..], value);
        _position += 2;
    }

    public void Int32(int value)
    {
        BinaryPrimitives.WriteInt32BigEndian(_buffer[_position..], value);
        _position += 4;
    }

    public void Int64(long value)
    {
        BinaryPrimitives.WriteInt64BigEndian(_buffer[_position..], value);
        _position += 8;
    }

    public void String(string value)
    {
        var length = Encoding.UTF8.GetBytes(value, _buffer[(_position + 2)..]);
        if (length > short.MaxValue)
        {
            throw new ArgumentException($"A Kafka protocol STRING holds at most {short.MaxValue} bytes; this one has {length}.", nameof(value));
        }

        BinaryPrimitives.WriteInt16BigEndian(_buffer[_position..], (short)length);
        _position += 2 + length;
    }
}
