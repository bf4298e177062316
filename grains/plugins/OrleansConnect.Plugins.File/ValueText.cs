using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.Json;
using OrleansConnect.Plugins.Data;

namespace OrleansConnect.Plugins.File;

/// <summary>
/// A record value as one line of text: strings as they are, <c>null</c> as Kafka prints it, structured values (structs,
/// maps, arrays) as compact JSON with struct fields in schema order, bytes as base64.
/// </summary>
internal static class ValueText
{
    public static string Format(object? value) => value switch
    {
        null => "null",
        string s => s,
        Struct or IDictionary or IList or byte[] => Json(value),
        _ => Scalar(value),
    };

    private static string Json(object value)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            Write(writer, value);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Write(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string s:
                writer.WriteStringValue(s);
                break;
            case bool b:
                writer.WriteBooleanValue(b);
                break;
            case byte[] bytes:
                writer.WriteBase64StringValue(bytes);
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
            case BigDecimal m:
                writer.WriteRawValue(m.ToString());
                break;
            case Struct s:
                writer.WriteStartObject();
                foreach (var field in s.Schema.Fields)
                {
                    writer.WritePropertyName(field.Name);
                    Write(writer, s.Get(field));
                }

                writer.WriteEndObject();
                break;
            case IDictionary map when map.Keys.Cast<object?>().All(k => k is string):
                writer.WriteStartObject();
                foreach (DictionaryEntry entry in map)
                {
                    writer.WritePropertyName((string)entry.Key);
                    Write(writer, entry.Value);
                }

                writer.WriteEndObject();
                break;
            case IDictionary map:
                // Keys that are not strings cannot be JSON property names: pairs, as Kafka's JsonConverter writes them.
                writer.WriteStartArray();
                foreach (DictionaryEntry entry in map)
                {
                    writer.WriteStartArray();
                    Write(writer, entry.Key);
                    Write(writer, entry.Value);
                    writer.WriteEndArray();
                }

                writer.WriteEndArray();
                break;
            case IList list:
                writer.WriteStartArray();
                foreach (var item in list)
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                writer.WriteStringValue(Scalar(value));
                break;
        }
    }

    private static string Scalar(object value) => value switch
    {
        bool b => b ? "true" : "false",
        DateTimeOffset t => t.ToString("O", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("O", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("O", CultureInfo.InvariantCulture),
        TimeOnly t => t.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "null",
    };
}
