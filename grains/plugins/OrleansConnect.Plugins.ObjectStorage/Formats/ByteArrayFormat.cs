using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using OrleansConnect.Plugins.Errors;
using OrleansConnect.Plugins.Sink;

namespace OrleansConnect.Plugins.ObjectStorage.Formats;

/// <summary>
/// Confluent's <c>ByteArrayFormat</c>: each value's bytes as they are, then <c>format.bytearray.separator</c> (its
/// backslash escapes read as Java's: <c>\n</c>, <c>\r\n</c>, <c>\u0000</c>). The value must be bytes: set
/// <c>value.converter</c> to the ByteArrayConverter.
/// </summary>
internal sealed class ByteArrayFormat(string extension, string separator) : RecordFormat
{
    private readonly byte[] _separator = Encoding.UTF8.GetBytes(Regex.Unescape(separator));

    public override string Extension { get; } = extension;

    public override void Write(Stream output, SinkRecord record)
    {
        var bytes = record.Value switch
        {
            byte[] b => b,
            ReadOnlyMemory<byte> m => m.ToArray(),
            _ => throw new DataException(
                $"ByteArrayFormat writes bytes, but the value of {record.Topic}-{record.KafkaPartition?.ToString(CultureInfo.InvariantCulture)}@{record.KafkaOffset.ToString(CultureInfo.InvariantCulture)} "
                + $"is a {record.Value?.GetType().Name ?? "null"}: set value.converter to org.apache.kafka.connect.converters.ByteArrayConverter"),
        };
        output.Write(bytes);
        output.Write(_separator);
    }
}
