using System.Text;
using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.Data;
using OrleansConnect.Plugins.Storage;

namespace OrleansConnect.Plugins.Converters;

/// <summary>
/// The default header converter, as Kafka's <c>SimpleHeaderConverter</c>: writes every header value as UTF-8 text and
/// infers a schema when reading it back.
/// <list type="bullet">
/// <item>Writing: strings as they are; booleans and numbers as Java prints them (<c>true</c>, <c>42</c>, <c>1.5</c>,
/// <c>1.0E20</c>); <c>byte[]</c> as base64; Date <c>yyyy-MM-dd</c>, Time <c>HH:mm:ss.SSSZ</c>, Timestamp
/// <c>yyyy-MM-ddTHH:mm:ss.SSSZ</c> (UTC); arrays <c>[1,2]</c>; maps and structs <c>{"k":v}</c> with quoted strings.</item>
/// <item>Reading: empty text is an empty STRING; <c>null</c> is null; <c>true</c>/<c>false</c> BOOLEAN; integral numbers
/// the smallest of INT8/INT16/INT32/INT64; other numbers FLOAT32 (FLOAT64 beyond float range); the three temporal
/// formats their logical types; <c>[..]</c> an ARRAY and <c>{..}</c> a MAP of the elements' common schema (numbers widen,
/// the schema is null when elements share none); anything else, including malformed brackets, the STRING itself.</item>
/// </list>
/// </summary>
[PluginAlias("org.apache.kafka.connect.storage.SimpleHeaderConverter")]
public sealed class SimpleHeaderConverter : IHeaderConverter
{
    private static readonly ConfigDef Definition = new();

    /// <summary>The converter's keys: none.</summary>
    public ConfigDef Config => Definition;

    /// <summary>Nothing to configure.</summary>
    /// <param name="configs">Ignored.</param>
    public void Configure(IReadOnlyDictionary<string, string> configs)
    {
    }

    /// <summary>Writes a header value as UTF-8 text.</summary>
    /// <param name="topic">Unused.</param>
    /// <param name="headerKey">Unused.</param>
    /// <param name="schema">Unused; the value alone decides the text.</param>
    /// <param name="value">The value, or null.</param>
    /// <returns>The text's bytes, or null for null.</returns>
    /// <exception cref="Errors.DataException">The value is not a Connect value.</exception>
    public byte[]? FromConnectHeader(string topic, string headerKey, Schema? schema, object? value) =>
        value is null ? null : Encoding.UTF8.GetBytes(Values.ConvertToString(value)!);

    /// <summary>Reads a header value, inferring its schema from the text.</summary>
    /// <param name="topic">Unused.</param>
    /// <param name="headerKey">Unused.</param>
    /// <param name="value">The bytes, or null.</param>
    /// <returns>The inferred schema and value; <see cref="SchemaAndValue.Null"/> for null bytes or the text <c>null</c>.</returns>
    public SchemaAndValue ToConnectHeader(string topic, string headerKey, byte[]? value) =>
        value is null ? SchemaAndValue.Null : Values.ParseString(Encoding.UTF8.GetString(value));
}
