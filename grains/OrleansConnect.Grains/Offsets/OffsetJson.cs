using System.Globalization;
using System.Text;
using System.Text.Json;
using OrleansConnect.Plugins.Errors;

namespace OrleansConnect.Grains.Offsets;

/// <summary>
/// Source partitions and offsets as canonical JSON (keys sorted, compact), so that equal maps are equal strings and
/// can key the offsets store. Values are strings, integers (read back as long), doubles, booleans and nulls.
/// </summary>
internal static class OffsetJson
{
    public static string Write(IReadOnlyDictionary<string, object?> map)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            foreach (var (key, value) in map.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                writer.WritePropertyName(key);
                WriteValue(writer, key, value);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static IReadOnlyDictionary<string, object?> Read(string json)
    {
        using var document = JsonDocument.Parse(json);
        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            map[property.Name] = property.Value.ValueKind switch
            {
                JsonValueKind.String => property.Value.GetString(),
                JsonValueKind.Number when property.Value.TryGetInt64(out var l) => l,
                JsonValueKind.Number => property.Value.GetDouble(),
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => null,
            };
        }

        return map;
    }

    /// <summary>
    /// The canonical form of a partition or offset given through the REST API, as the store keys it; a 400 naming the
    /// field when it is not a flat object (Kafka's offsets hold only primitive values).
    /// </summary>
    public static string Canonical(string json, string what)
    {
        using (var document = JsonDocument.Parse(json))
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw ConnectRestException.BadRequest($"The {what} must be a JSON object, not {document.RootElement.GetRawText()}");
            }

            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
                {
                    throw ConnectRestException.BadRequest($"The {what} may only contain primitive values (strings, numbers, booleans, nulls), but '{property.Name}' is {property.Value.GetRawText()}");
                }
            }
        }

        return Write(Read(json));
    }

    private static void WriteValue(Utf8JsonWriter writer, string key, object? value)
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
            case sbyte or byte or short or ushort or int or uint or long:
                writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case float or double or decimal:
                writer.WriteNumberValue(Convert.ToDouble(value, CultureInfo.InvariantCulture));
                break;
            default:
                throw new DataException($"Source partition or offset field '{key}' has a value of type {value.GetType().Name}; only strings, numbers, booleans and nulls are allowed");
        }
    }
}
