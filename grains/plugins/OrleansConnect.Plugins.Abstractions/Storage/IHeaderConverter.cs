using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.Data;

namespace OrleansConnect.Plugins.Storage;

/// <summary>
/// Turns one header's Connect value into bytes and back, as Kafka's <c>HeaderConverter</c>. One instance per task,
/// configured once, called from the task's loop thread only.
/// </summary>
public interface IHeaderConverter
{
    /// <summary>The converter's configuration keys (without the <c>header.converter.</c> prefix).</summary>
    ConfigDef Config { get; }

    /// <summary>Configures the instance before first use.</summary>
    /// <param name="configs">The converter's settings, prefix stripped.</param>
    void Configure(IReadOnlyDictionary<string, string> configs);

    /// <summary>Serializes a header value.</summary>
    /// <param name="topic">The topic the record goes to.</param>
    /// <param name="headerKey">The header key.</param>
    /// <param name="schema">The value's schema, or null.</param>
    /// <param name="value">The value, or null.</param>
    /// <returns>The bytes, or null.</returns>
    byte[]? FromConnectHeader(string topic, string headerKey, Schema? schema, object? value);

    /// <summary>Deserializes a header value.</summary>
    /// <param name="topic">The topic the record came from.</param>
    /// <param name="headerKey">The header key.</param>
    /// <param name="value">The bytes, or null.</param>
    /// <returns>The schema and value.</returns>
    SchemaAndValue ToConnectHeader(string topic, string headerKey, byte[]? value);
}
