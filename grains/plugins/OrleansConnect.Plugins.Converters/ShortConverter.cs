using System.Buffers.Binary;
using OrleansConnect.Plugins.Data;

namespace OrleansConnect.Plugins.Converters;

/// <summary>
/// A <see cref="short"/> (INT16) as 2 big-endian bytes, as Kafka's <c>ShortConverter</c>; reading always returns an
/// optional INT16 schema. See <see cref="NumberConverter"/>.
/// </summary>
[PluginAlias("org.apache.kafka.connect.converters.ShortConverter")]
public sealed class ShortConverter : NumberConverter
{
    /// <summary>Creates the converter.</summary>
    public ShortConverter()
        : base("short", "ShortDeserializer", Schema.OptionalInt16, 2)
    {
    }

    private protected override bool TryWrite(object value, Span<byte> destination)
    {
        if (value is not short number)
        {
            return false;
        }

        BinaryPrimitives.WriteInt16BigEndian(destination, number);
        return true;
    }

    private protected override object Read(ReadOnlySpan<byte> source) => BinaryPrimitives.ReadInt16BigEndian(source);
}
