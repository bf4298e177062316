using Npgsql.Internal;
using OrleansConnect.Plugins.Data;

namespace OrleansConnect.Plugins.Jdbc.Numeric;

/// <summary>Writes (and reads) <c>numeric</c> as <see cref="BigDecimal"/>, without loss in either direction.</summary>
internal sealed class BigDecimalConverter : PgBufferedConverter<BigDecimal>
{
    public override bool CanConvert(DataFormat format, out BufferRequirements bufferRequirements) =>
        CanConvertBufferedDefault(format, out bufferRequirements);

    // The encoding is computed once, here, and handed to WriteCore as the write state.
    public override Size GetSize(SizeContext context, BigDecimal value, ref object? writeState)
    {
        var bytes = NumericWire.Encode(value);
        writeState = bytes;
        return bytes.Length;
    }

    protected override BigDecimal ReadCore(PgReader reader) => NumericConverter.ReadNumeric(reader).ToBigDecimal();

    protected override void WriteCore(PgWriter writer, BigDecimal value) =>
        writer.WriteBytes(writer.Current.WriteState as byte[] ?? NumericWire.Encode(value));
}
