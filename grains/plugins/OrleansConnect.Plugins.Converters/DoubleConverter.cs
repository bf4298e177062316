using System.Buffers.Binary;
using OrleansConnect.Plugins.Data;

namespace OrleansConnect.Plugins.Converters;

/// <summary>
/// A <see cref="double"/> (FLOAT64) as its 8 big-endian IEEE 754 bytes (NaN payloads kept), as Kafka's
/// <c>DoubleConverter</c>; reading always returns an optional FLOAT64 schema. See <see cref="NumberConverter"/>.
/// </summary>
[PluginAlias("org.apache.kafka.connect.converters.DoubleConverter")]
public sealed class DoubleConverter : NumberConverter
{
    /// <summary>Creates the converter.</summary>
    public DoubleConverter()
        : base("double", "Deserializer", Schema.OptionalFloat64, 8)
    {
    }

    private protected override bool TryWrite(object value, Span<byte> destination)
    {
        if (value is not double number)
        {
            return false;
        }

        BinaryPrimitives.WriteDoubleBigEndian(destination, number);
        return true;
    }

    private protected override object Read(ReadOnlySpan<byte> source) => BinaryPrimitives.ReadDoubleBigEndian(source);
}
