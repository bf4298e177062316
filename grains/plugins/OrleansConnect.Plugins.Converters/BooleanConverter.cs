using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.Data;
using OrleansConnect.Plugins.Errors;
using OrleansConnect.Plugins.Headers;
using OrleansConnect.Plugins.Storage;

namespace OrleansConnect.Plugins.Converters;

/// <summary>
/// A <see cref="bool"/> as one byte, <c>0x01</c> for true and <c>0x00</c> for false, as Kafka's <c>BooleanConverter</c>
/// (KIP-1018) over its <c>BooleanSerializer</c>. Writing requires a null or BOOLEAN schema; reading always returns an
/// optional BOOLEAN schema. Usable as a header converter too.
/// </summary>
[PluginAlias("org.apache.kafka.connect.converters.BooleanConverter")]
public sealed class BooleanConverter : IConverter, IHeaderConverter
{
    private const byte True = 0x01;
    private const byte False = 0x00;

    private static readonly ConfigDef Definition = ConverterConfig.NewConfigDef();

    /// <summary>The converter's keys: only <c>converter.type</c>.</summary>
    public ConfigDef Config => Definition;

    /// <summary>Checks the settings; there is nothing else to configure.</summary>
    /// <param name="configs">The settings, prefix stripped.</param>
    /// <param name="isKey">Unused; keys and values are converted alike.</param>
    /// <exception cref="ConfigException">A setting is invalid.</exception>
    public void Configure(IReadOnlyDictionary<string, string> configs, bool isKey) => _ = new AbstractConfig(Definition, configs);

    /// <summary>Checks the settings as a header converter.</summary>
    /// <param name="configs">The settings, prefix stripped.</param>
    public void Configure(IReadOnlyDictionary<string, string> configs) => Configure(configs, isKey: false);

    /// <summary>Writes the boolean as one byte.</summary>
    /// <param name="topic">Unused.</param>
    /// <param name="headers">Unused.</param>
    /// <param name="schema">Null or a BOOLEAN schema.</param>
    /// <param name="value">A <see cref="bool"/>, or null.</param>
    /// <returns>One byte, or null for null.</returns>
    /// <exception cref="DataException">The schema is not BOOLEAN, or the value is not a <see cref="bool"/>.</exception>
    public byte[]? FromConnectData(string topic, ConnectHeaders? headers, Schema? schema, object? value)
    {
        if (schema is not null && schema.Type != SchemaType.Boolean)
        {
            throw new DataException("Invalid schema type for BooleanConverter: " + schema.Type.GetName().ToUpperInvariant());
        }

        return value switch
        {
            null => null,
            bool b => [b ? True : False],
            _ => throw new DataException("BooleanConverter is not compatible with objects of type " + value.GetType()),
        };
    }

    /// <summary>Reads one byte as a boolean.</summary>
    /// <param name="topic">Unused.</param>
    /// <param name="headers">Unused.</param>
    /// <param name="value">The bytes, or null.</param>
    /// <returns>An optional BOOLEAN schema with the value, or with null for null bytes.</returns>
    /// <exception cref="DataException">Not exactly one byte, or a byte other than 0 and 1.</exception>
    public SchemaAndValue ToConnectData(string topic, ConnectHeaders? headers, byte[]? value)
    {
        if (value is null)
        {
            return new SchemaAndValue(Schema.OptionalBoolean, null);
        }

        // Kafka wraps the deserializer's SerializationException; its message is carried here too, so a log shows it.
        var cause = value.Length != 1 ? "Size of data received by BooleanDeserializer is not 1"
            : value[0] is not (True or False) ? "Unexpected byte received by BooleanDeserializer: " + (sbyte)value[0]
            : null;
        return cause is null
            ? new SchemaAndValue(Schema.OptionalBoolean, value[0] == True)
            : throw new DataException("Failed to deserialize boolean: " + cause, new DataException(cause));
    }

    /// <summary>Writes a header value, as <see cref="FromConnectData"/>.</summary>
    /// <param name="topic">Unused.</param>
    /// <param name="headerKey">Unused.</param>
    /// <param name="schema">Null or a BOOLEAN schema.</param>
    /// <param name="value">The value, or null.</param>
    /// <returns>One byte, or null.</returns>
    /// <exception cref="DataException">The schema is not BOOLEAN, or the value is not a <see cref="bool"/>.</exception>
    public byte[]? FromConnectHeader(string topic, string headerKey, Schema? schema, object? value) => FromConnectData(topic, null, schema, value);

    /// <summary>Reads a header value, as <see cref="ToConnectData"/>.</summary>
    /// <param name="topic">Unused.</param>
    /// <param name="headerKey">Unused.</param>
    /// <param name="value">The bytes, or null.</param>
    /// <returns>An optional BOOLEAN schema with the value or null.</returns>
    /// <exception cref="DataException">Not exactly one byte, or a byte other than 0 and 1.</exception>
    public SchemaAndValue ToConnectHeader(string topic, string headerKey, byte[]? value) => ToConnectData(topic, null, value);
}
