using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.Data;
using OrleansConnect.Plugins.Errors;
using OrleansConnect.Plugins.Headers;
using OrleansConnect.Plugins.Storage;

namespace OrleansConnect.Plugins.Converters;

/// <summary>
/// Passes raw bytes through unchanged, as Kafka's <c>ByteArrayConverter</c>: for records whose keys or values are
/// opaque (already serialized) bytes. Usable as a header converter too.
/// </summary>
[PluginAlias("org.apache.kafka.connect.converters.ByteArrayConverter")]
public sealed class ByteArrayConverter : IConverter, IHeaderConverter
{
    private static readonly ConfigDef Definition = ConverterConfig.NewConfigDef();

    /// <summary>The converter's keys: only <c>converter.type</c>.</summary>
    public ConfigDef Config => Definition;

    /// <summary>Checks the settings; there is nothing to configure.</summary>
    /// <param name="configs">The settings, prefix stripped.</param>
    /// <param name="isKey">Unused.</param>
    public void Configure(IReadOnlyDictionary<string, string> configs, bool isKey) => _ = new AbstractConfig(Definition, configs);

    /// <summary>Checks the settings as a header converter.</summary>
    /// <param name="configs">The settings, prefix stripped.</param>
    public void Configure(IReadOnlyDictionary<string, string> configs) => Configure(configs, isKey: false);

    /// <summary>Returns the bytes.</summary>
    /// <param name="topic">Unused.</param>
    /// <param name="headers">Unused.</param>
    /// <param name="schema">Null or a BYTES schema.</param>
    /// <param name="value">A <c>byte[]</c> (or <see cref="ReadOnlyMemory{T}"/>, <see cref="Memory{T}"/>, <see cref="ArraySegment{T}"/> of bytes, copied), or null.</param>
    /// <returns>The bytes, or null.</returns>
    /// <exception cref="DataException">The schema is not BYTES, or the value is not bytes.</exception>
    public byte[]? FromConnectData(string topic, ConnectHeaders? headers, Schema? schema, object? value)
    {
        if (schema is not null && schema.Type != SchemaType.Bytes)
        {
            throw new DataException("Invalid schema type for ByteArrayConverter: " + schema.Type.GetName().ToUpperInvariant());
        }

        return value switch
        {
            null => null,
            byte[] bytes => bytes,
            ReadOnlyMemory<byte> memory => memory.ToArray(),
            Memory<byte> memory => memory.ToArray(),
            ArraySegment<byte> segment => segment.ToArray(),
            _ => throw new DataException("ByteArrayConverter is not compatible with objects of type " + value.GetType()),
        };
    }

    /// <summary>Returns the bytes.</summary>
    /// <param name="topic">Unused.</param>
    /// <param name="headers">Unused.</param>
    /// <param name="value">The bytes, or null.</param>
    /// <returns>An optional BYTES schema with the same array (not a copy), or with null.</returns>
    public SchemaAndValue ToConnectData(string topic, ConnectHeaders? headers, byte[]? value) => new(Schema.OptionalBytes, value);

    /// <summary>Returns a header value's bytes, as <see cref="FromConnectData"/>.</summary>
    /// <param name="topic">Unused.</param>
    /// <param name="headerKey">Unused.</param>
    /// <param name="schema">Null or a BYTES schema.</param>
    /// <param name="value">The bytes, or null.</param>
    /// <returns>The bytes, or null.</returns>
    /// <exception cref="DataException">The schema is not BYTES, or the value is not bytes.</exception>
    public byte[]? FromConnectHeader(string topic, string headerKey, Schema? schema, object? value) => FromConnectData(topic, null, schema, value);

    /// <summary>Returns a header value's bytes, as <see cref="ToConnectData"/>.</summary>
    /// <param name="topic">Unused.</param>
    /// <param name="headerKey">Unused.</param>
    /// <param name="value">The bytes, or null.</param>
    /// <returns>An optional BYTES schema with the bytes or null.</returns>
    public SchemaAndValue ToConnectHeader(string topic, string headerKey, byte[]? value) => ToConnectData(topic, null, value);
}
