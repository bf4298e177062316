using System.Buffers.Binary;
using OrleansConnect.Plugins.Data;

namespace OrleansConnect.Plugins.Converters;

/// <summary>
/// An <see cref="int"/> (INT32) as 4 big-endian bytes, as Kafka's <c>IntegerConverter</c>; reading always returns an
/// optional INT32 schema. See <see cref="NumberConverter"/>.
/// </summary>
[PluginAlias("org.apache.kafka.connect.converters.IntegerConverter")]
public sealed class IntegerConverter : NumberConverter
{
    /// <summary>Creates the converter.</summary>
    public IntegerConverter()
        : base("integer", "IntegerDeserializer", Schema.OptionalInt32, 4)
    {
    }

    private protected override bool TryWrite(object value, Span<byte> destination)
    {
        if (value is not int number)
        {
            return false;
        }

        BinaryPrimitives.WriteInt32BigEndian(destination, number);
        return true;
    }

    private protected override object Read(ReadOnlySpan<byte> source) => BinaryPrimitives.ReadInt32BigEndian(source);
}
