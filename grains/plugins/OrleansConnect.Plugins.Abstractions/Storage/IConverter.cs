using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.Data;
using OrleansConnect.Plugins.Headers;

namespace OrleansConnect.Plugins.Storage;

/// <summary>
/// Turns Connect data into the bytes of a Kafka record key or value and back, as Kafka's <c>Converter</c>. The runtime
/// makes one instance per task and per side (key, value), calls <see cref="Configure"/> once, then calls the
/// conversions from the task's loop thread only, so an instance need not be thread-safe.
/// </summary>
public interface IConverter
{
    /// <summary>The converter's configuration keys (without the <c>key.converter.</c>/<c>value.converter.</c> prefix).</summary>
    ConfigDef Config { get; }

    /// <summary>Configures the instance before first use.</summary>
    /// <param name="configs">The converter's settings, prefix stripped.</param>
    /// <param name="isKey">True when converting record keys, false for values.</param>
    /// <exception cref="ConfigException">A setting is invalid.</exception>
    void Configure(IReadOnlyDictionary<string, string> configs, bool isKey);

    /// <summary>Serializes a value (source side: before producing).</summary>
    /// <param name="topic">The topic the record goes to.</param>
    /// <param name="headers">The record's headers; a converter may add to them. May be null.</param>
    /// <param name="schema">The value's schema, or null for schemaless data.</param>
    /// <param name="value">The value, or null.</param>
    /// <returns>The bytes, or null for a null record key/value.</returns>
    /// <exception cref="Errors.DataException">The value cannot be serialized.</exception>
    byte[]? FromConnectData(string topic, ConnectHeaders? headers, Schema? schema, object? value);

    /// <summary>Deserializes bytes (sink side: after consuming).</summary>
    /// <param name="topic">The topic the record came from.</param>
    /// <param name="headers">The record's headers, or null.</param>
    /// <param name="value">The bytes, or null.</param>
    /// <returns>The schema and value; <see cref="SchemaAndValue.Null"/> for null bytes.</returns>
    /// <exception cref="Errors.DataException">The bytes are not in this converter's format.</exception>
    SchemaAndValue ToConnectData(string topic, ConnectHeaders? headers, byte[]? value);
}
