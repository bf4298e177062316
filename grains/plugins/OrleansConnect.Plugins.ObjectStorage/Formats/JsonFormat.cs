using OrleansConnect.Plugins.Converters;
using OrleansConnect.Plugins.Sink;

namespace OrleansConnect.Plugins.ObjectStorage.Formats;

/// <summary>
/// Confluent's <c>JsonFormat</c>: JSON Lines, each value as the JsonConverter writes it without its schema envelope
/// (<c>schemas.enable=false</c>, decimals as <c>json.decimal.format</c>), then a newline.
/// </summary>
internal sealed class JsonFormat : RecordFormat
{
    private static readonly byte[] LineSeparator = "\n"u8.ToArray();
    private readonly JsonConverter _converter = new();

    public JsonFormat(string extension, string decimalFormat)
    {
        Extension = extension;
        _converter.Configure(
            new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [JsonConverter.SchemasEnableConfig] = "false",
                [JsonConverter.DecimalFormatConfig] = decimalFormat,
            },
            isKey: false);
    }

    public override string Extension { get; }

    public override void Write(Stream output, SinkRecord record)
    {
        output.Write(_converter.FromConnectData(record.Topic, record.Headers, record.ValueSchema, record.Value) ?? "null"u8.ToArray());
        output.Write(LineSeparator);
    }
}
