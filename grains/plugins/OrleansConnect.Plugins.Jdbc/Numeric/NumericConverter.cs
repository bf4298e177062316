using Npgsql.Internal;
using OrleansConnect.Plugins.Data;

namespace OrleansConnect.Plugins.Jdbc.Numeric;

/// <summary>Reads <c>numeric</c> as <see cref="PostgresNumeric"/> (every value, NaN and the infinities included).</summary>
internal sealed class NumericConverter : PgBufferedConverter<PostgresNumeric>
{
    public override bool CanConvert(DataFormat format, out BufferRequirements bufferRequirements) =>
        CanConvertBufferedDefault(format, out bufferRequirements);

    public static PostgresNumeric ReadNumeric(PgReader reader)
    {
        var digitCount = reader.ReadInt16();
        var weight = reader.ReadInt16();
        var sign = reader.ReadUInt16();
        var displayScale = reader.ReadInt16();
        Span<short> digits = digitCount <= 64 ? stackalloc short[digitCount] : new short[digitCount];
        for (var i = 0; i < digits.Length; i++)
        {
            digits[i] = reader.ReadInt16();
        }

        return NumericWire.Decode(digitCount, weight, sign, displayScale, digits);
    }

    protected override PostgresNumeric ReadCore(PgReader reader) => ReadNumeric(reader);

    protected override void WriteCore(PgWriter writer, PostgresNumeric value) =>
        throw new NotSupportedException("PostgresNumeric is read only; write a BigDecimal.");
}
