using System.Buffers.Binary;
using OrleansConnect.Plugins.Data;

namespace OrleansConnect.Plugins.Converters;

/// <summary>
/// A <see cref="long"/> (INT64) as 8 big-endian bytes, as Kafka's <c>LongConverter</c>; reading always returns an
/// optional INT64 schema. See <see cref="NumberConverter"/>.
/// </summary>
[PluginAlias("org.apache.kafka.connect.converters.LongConverter")]
public sealed class LongConverter : NumberConverter
{
    /// <summary>Creates the converter.</summary>
    public LongConverter()
        : base("long", "LongDeserializer", Schema.OptionalInt64, 8)
    {
    }

    private protected override bool TryWrite(object value, Span<byte> destination)
    {
        if (value is not long number)
        {
            return false;
        }

        BinaryPrimitives.WriteInt64BigEndian(destination, number);
        return true;
    }

    private protected override object Read(ReadOnlySpan<byte> source) => BinaryPrimitives.ReadInt64BigEndian(source);
}
