using System.Buffers.Binary;
using OrleansConnect.Plugins.Data;

namespace OrleansConnect.Plugins.Converters;

/// <summary>
/// A <see cref="float"/> (FLOAT32) as its 4 big-endian IEEE 754 bytes (NaN payloads kept), as Kafka's
/// <c>FloatConverter</c>; reading always returns an optional FLOAT32 schema. See <see cref="NumberConverter"/>.
/// </summary>
[PluginAlias("org.apache.kafka.connect.converters.FloatConverter")]
public sealed class FloatConverter : NumberConverter
{
    /// <summary>Creates the converter.</summary>
    public FloatConverter()
        : base("float", "Deserializer", Schema.OptionalFloat32, 4)
    {
    }

    private protected override bool TryWrite(object value, Span<byte> destination)
    {
        if (value is not float number)
        {
            return false;
        }

        BinaryPrimitives.WriteSingleBigEndian(destination, number);
        return true;
    }

    private protected override object Read(ReadOnlySpan<byte> source) => BinaryPrimitives.ReadSingleBigEndian(source);
}
