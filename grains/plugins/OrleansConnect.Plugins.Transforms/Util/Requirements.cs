using System.Collections;
using System.Globalization;
using OrleansConnect.Plugins.Data;
using OrleansConnect.Plugins.Errors;
using OrleansConnect.Plugins.Sink;

namespace OrleansConnect.Plugins.Transforms.Util;

/// <summary>The shape checks every transform makes, with Kafka's <c>Requirements</c> messages.</summary>
internal static class Requirements
{
    public static IDictionary RequireMap(object? value, string purpose) =>
        value as IDictionary ?? throw new DataException($"Only Map objects supported in absence of schema for [{purpose}], found: {ClassName(value)}");

    public static IDictionary? RequireMapOrNull(object? value, string purpose) => value is null ? null : RequireMap(value, purpose);

    public static Struct RequireStruct(object? value, string purpose) =>
        value as Struct ?? throw new DataException($"Only Struct objects supported for [{purpose}], found: {ClassName(value)}");

    public static Struct? RequireStructOrNull(object? value, string purpose) => value is null ? null : RequireStruct(value, purpose);

    public static SinkRecord RequireSinkRecord(ConnectRecord record, string purpose) =>
        record as SinkRecord ?? throw new DataException($"Only SinkRecord supported for [{purpose}], found: {ClassName(record)}");

    /// <summary>A schemaless map as a string-keyed copy the transform may change without touching its input.</summary>
    public static Dictionary<string, object?> CopyMap(IDictionary map)
    {
        var copy = new Dictionary<string, object?>(map.Count, StringComparer.Ordinal);
        foreach (DictionaryEntry e in map)
        {
            copy[KeyString(e.Key)] = e.Value;
        }

        return copy;
    }

    /// <summary>A schemaless map's value for a string key; null when absent, as Java's <c>Map.get</c>.</summary>
    public static object? Get(IDictionary map, string key) => map.Contains(key) ? map[key] : null;

    private static string KeyString(object key) => key as string ?? Convert.ToString(key, CultureInfo.InvariantCulture) ?? string.Empty;

    private static string ClassName(object? value) => value?.GetType().FullName ?? "null";
}
