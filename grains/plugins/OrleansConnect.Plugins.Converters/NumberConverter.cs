using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.Data;
using OrleansConnect.Plugins.Errors;
using OrleansConnect.Plugins.Headers;
using OrleansConnect.Plugins.Storage;

namespace OrleansConnect.Plugins.Converters;

/// <summary>
/// The base of the number converters, as Kafka's <c>NumberConverter</c>: a value is written in the fixed-size big-endian
/// form of Kafka's matching serializer (<c>ShortSerializer</c>, <c>IntegerSerializer</c>, ...), null as null, and read
/// back with the converter's optional schema whatever the bytes. The schema given when writing is ignored, as in Kafka;
/// the value must be exactly the converter's .NET type (no widening, as Java's cast). Usable as a header converter too.
/// </summary>
public abstract class NumberConverter : IConverter, IHeaderConverter
{
    private static readonly ConfigDef Definition = ConverterConfig.NewConfigDef();

    private readonly string _typeName;
    private readonly string _deserializerName;
    private readonly Schema _schema;
    private readonly int _size;

    private protected NumberConverter(string typeName, string deserializerName, Schema schema, int size)
    {
        _typeName = typeName;
        _deserializerName = deserializerName;
        _schema = schema;
        _size = size;
    }

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

    /// <summary>Writes the number big-endian.</summary>
    /// <param name="topic">Unused.</param>
    /// <param name="headers">Unused.</param>
    /// <param name="schema">Unused, as in Kafka.</param>
    /// <param name="value">A value of the converter's type, or null.</param>
    /// <returns>The bytes, or null for null.</returns>
    /// <exception cref="DataException">The value is of another type.</exception>
    public byte[]? FromConnectData(string topic, ConnectHeaders? headers, Schema? schema, object? value)
    {
        if (value is null)
        {
            return null;
        }

        var bytes = new byte[_size];
        return TryWrite(value, bytes) ? bytes : throw new DataException($"Failed to serialize to {_typeName} (was {value.GetType()}): ");
    }

    /// <summary>Reads a big-endian number.</summary>
    /// <param name="topic">Unused.</param>
    /// <param name="headers">Unused.</param>
    /// <param name="value">The bytes, or null.</param>
    /// <returns>The converter's optional schema with the number, or with null for null bytes (as Kafka).</returns>
    /// <exception cref="DataException">The bytes are not of the type's size.</exception>
    public SchemaAndValue ToConnectData(string topic, ConnectHeaders? headers, byte[]? value)
    {
        if (value is null)
        {
            return new SchemaAndValue(_schema, null);
        }

        if (value.Length != _size)
        {
            // Kafka wraps the deserializer's SerializationException; its message is carried here too, so a log shows it.
            var cause = $"Size of data received by {_deserializerName} is not {_size}";
            throw new DataException($"Failed to deserialize {_typeName}: {cause}", new DataException(cause));
        }

        return new SchemaAndValue(_schema, Read(value));
    }

    /// <summary>Writes a header value, as <see cref="FromConnectData"/>.</summary>
    /// <param name="topic">Unused.</param>
    /// <param name="headerKey">Unused.</param>
    /// <param name="schema">Unused.</param>
    /// <param name="value">The value, or null.</param>
    /// <returns>The bytes, or null.</returns>
    /// <exception cref="DataException">The value is of another type.</exception>
    public byte[]? FromConnectHeader(string topic, string headerKey, Schema? schema, object? value) => FromConnectData(topic, null, schema, value);

    /// <summary>Reads a header value, as <see cref="ToConnectData"/>.</summary>
    /// <param name="topic">Unused.</param>
    /// <param name="headerKey">Unused.</param>
    /// <param name="value">The bytes, or null.</param>
    /// <returns>The converter's optional schema with the number or null.</returns>
    /// <exception cref="DataException">The bytes are not of the type's size.</exception>
    public SchemaAndValue ToConnectHeader(string topic, string headerKey, byte[]? value) => ToConnectData(topic, null, value);

    private protected abstract bool TryWrite(object value, Span<byte> destination);

    private protected abstract object Read(ReadOnlySpan<byte> source);
}
