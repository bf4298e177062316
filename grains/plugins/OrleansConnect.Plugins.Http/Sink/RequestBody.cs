using System.Buffers;
using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using OrleansConnect.Plugins.Data;
using OrleansConnect.Plugins.Errors;
using OrleansConnect.Plugins.Sink;

namespace OrleansConnect.Plugins.Http.Sink;

/// <summary>
/// Writes the body of one request from its records: <c>batch.prefix</c>, the records joined by
/// <c>batch.separator</c>, <c>batch.suffix</c>; or a JSON array with <c>batch.json.as.array</c>. Stateless.
/// </summary>
internal static class RequestBody
{
    public static string Write(HttpSinkConfig config, IReadOnlyList<SinkRecord> records)
    {
        var json = config.BodyFormat == HttpSinkConfig.FormatJson;
        var values = records.Select(r => json ? Json(r.ValueSchema, r.Value) : Text(r.Value));
        if (json && config.GetBoolean(HttpSinkConfig.BatchJsonAsArrayConfig))
        {
            return "[" + string.Join(",", values) + "]";
        }

        return config.GetString(HttpSinkConfig.BatchPrefixConfig)
            + string.Join(config.GetString(HttpSinkConfig.BatchSeparatorConfig), values)
            + config.GetString(HttpSinkConfig.BatchSuffixConfig);
    }

    /// <summary>A value as text: strings as they are, bytes as UTF-8, anything else as Kafka's <c>Values</c> prints it.</summary>
    public static string Text(object? value) => value switch
    {
        null => "null",
        string s => s,
        byte[] bytes => Encoding.UTF8.GetString(bytes),
        _ => Values.ConvertToString(value)!,
    };

    /// <summary>A value as JSON, as Kafka's JsonConverter with <c>schemas.enable=false</c> writes it (decimals as numbers).</summary>
    public static string Json(Schema? schema, object? value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        // As Jackson writes JSON: only quotes, backslashes and control characters escaped, the rest as UTF-8.
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            WriteJson(writer, schema, value);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteJson(Utf8JsonWriter writer, Schema? schema, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case Struct s:
                writer.WriteStartObject();
                foreach (var field in s.Schema.Fields)
                {
                    writer.WritePropertyName(field.Name);
                    WriteJson(writer, field.Schema, s.Get(field));
                }

                writer.WriteEndObject();
                break;
            case string str:
                writer.WriteStringValue(str);
                break;
            case bool b:
                writer.WriteBooleanValue(b);
                break;
            case byte[] bytes:
                writer.WriteBase64StringValue(bytes);
                break;
            case BigDecimal d:
                writer.WriteRawValue(d.ToString());
                break;
            case DateTimeOffset or DateTime when schema?.Name == Timestamp.LogicalName:
                writer.WriteNumberValue(Timestamp.FromLogical(schema, value));
                break;
            case DateTimeOffset dto:
                writer.WriteNumberValue(dto.ToUnixTimeMilliseconds());
                break;
            case DateOnly when schema?.Name == Date.LogicalName:
                writer.WriteNumberValue(Date.FromLogical(schema, value));
                break;
            case TimeOnly when schema?.Name == Time.LogicalName:
                writer.WriteNumberValue(Time.FromLogical(schema, value));
                break;
            case sbyte or short or int or long:
                writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case float f:
                writer.WriteNumberValue(f);
                break;
            case double d:
                writer.WriteNumberValue(d);
                break;
            case decimal m:
                writer.WriteNumberValue(m);
                break;
            case IDictionary map:
                writer.WriteStartObject();
                foreach (DictionaryEntry entry in map)
                {
                    writer.WritePropertyName(Text(entry.Key));
                    WriteJson(writer, schema?.ValueSchema, entry.Value);
                }

                writer.WriteEndObject();
                break;
            case IEnumerable list:
                writer.WriteStartArray();
                foreach (var element in list)
                {
                    WriteJson(writer, schema?.ValueSchema, element);
                }

                writer.WriteEndArray();
                break;
            default:
                throw new DataException($"Cannot write a {value.GetType().Name} as JSON");
        }
    }
}
