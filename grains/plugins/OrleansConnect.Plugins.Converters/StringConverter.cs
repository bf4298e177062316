using System.Text;
using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.Data;
using OrleansConnect.Plugins.Headers;
using OrleansConnect.Plugins.Storage;

namespace OrleansConnect.Plugins.Converters;

/// <summary>
/// Converts values to and from text in one character encoding, as Kafka's <c>StringConverter</c>. Writing ignores the
/// schema: a string is encoded as is, a <c>byte[]</c> passes through unchanged (Kafka would write Java's useless
/// <c>[B@1f2e3d</c>), and any other value is first formatted the way the <see cref="SimpleHeaderConverter"/> formats it
/// (invariant culture, Java's number and boolean spelling, ISO 8601 for temporal values). Reading always yields an
/// optional STRING. Usable as a header converter too.
/// </summary>
[PluginAlias("org.apache.kafka.connect.storage.StringConverter")]
public sealed class StringConverter : IConverter, IHeaderConverter
{
    /// <summary>The character encoding for both directions (Kafka's <c>converter.encoding</c>).</summary>
    public const string EncodingConfig = "converter.encoding";

    /// <summary>The encoding for writing only, used when <see cref="EncodingConfig"/> is not set (Kafka's <c>StringSerializer</c> key).</summary>
    public const string SerializerEncodingConfig = "serializer.encoding";

    /// <summary>The encoding for reading only, used when <see cref="EncodingConfig"/> is not set (Kafka's <c>StringDeserializer</c> key).</summary>
    public const string DeserializerEncodingConfig = "deserializer.encoding";

    /// <summary>The default encoding.</summary>
    public const string EncodingDefault = "UTF8";

    private const string EncodingDoc = "The name of the character encoding (Java or IANA name, e.g. UTF8, UTF-16, ISO-8859-1) used to convert between strings and bytes.";

    private static readonly ConfigDef Definition = ConverterConfig.NewConfigDef()
        .Define(EncodingConfig, ConfigType.String, EncodingDefault, Validators.With(ValidateEncoding, "a supported character encoding"), Importance.High, EncodingDoc, "Converter", 0, Width.Medium, "Encoding")
        .Define(SerializerEncodingConfig, ConfigType.String, null, Validators.With(ValidateEncoding, "a supported character encoding"), Importance.Low, "The encoding for writing when converter.encoding is not set.")
        .Define(DeserializerEncodingConfig, ConfigType.String, null, Validators.With(ValidateEncoding, "a supported character encoding"), Importance.Low, "The encoding for reading when converter.encoding is not set.");

    private Encoding _serializerEncoding = Encoding.UTF8;
    private Encoding _deserializerEncoding = Encoding.UTF8;

    /// <summary>The converter's keys: <c>converter.encoding</c>, <c>serializer.encoding</c>, <c>deserializer.encoding</c> and <c>converter.type</c>.</summary>
    public ConfigDef Config => Definition;

    /// <summary>
    /// Reads the encodings. <c>converter.encoding</c>, when set, applies to both directions; otherwise
    /// <c>serializer.encoding</c> and <c>deserializer.encoding</c> apply to their direction, defaulting to UTF-8.
    /// </summary>
    /// <param name="configs">The settings, prefix stripped.</param>
    /// <param name="isKey">Unused; keys and values are converted alike.</param>
    /// <exception cref="ConfigException">An encoding is not supported.</exception>
    public void Configure(IReadOnlyDictionary<string, string> configs, bool isKey)
    {
        var config = new AbstractConfig(Definition, configs);
        var shared = configs.ContainsKey(EncodingConfig) ? config.GetString(EncodingConfig) : null;
        _serializerEncoding = ResolveEncoding(shared ?? config.GetString(SerializerEncodingConfig) ?? EncodingDefault);
        _deserializerEncoding = ResolveEncoding(shared ?? config.GetString(DeserializerEncodingConfig) ?? EncodingDefault);
    }

    /// <summary>Configures the instance as a header converter.</summary>
    /// <param name="configs">The settings, prefix stripped.</param>
    public void Configure(IReadOnlyDictionary<string, string> configs) => Configure(configs, isKey: false);

    /// <summary>Encodes the value's text.</summary>
    /// <param name="topic">Unused.</param>
    /// <param name="headers">Unused.</param>
    /// <param name="schema">Unused; the value alone decides.</param>
    /// <param name="value">The value, or null.</param>
    /// <returns>The encoded text, the bytes themselves for a <c>byte[]</c>, or null for null.</returns>
    public byte[]? FromConnectData(string topic, ConnectHeaders? headers, Schema? schema, object? value) => value switch
    {
        null => null,
        byte[] bytes => bytes,
        string s => _serializerEncoding.GetBytes(s),
        _ => _serializerEncoding.GetBytes(Values.ConvertToString(value)!),
    };

    /// <summary>Decodes text.</summary>
    /// <param name="topic">Unused.</param>
    /// <param name="headers">Unused.</param>
    /// <param name="value">The bytes, or null.</param>
    /// <returns>An optional STRING schema with the text, or with null for null bytes (as Kafka).</returns>
    public SchemaAndValue ToConnectData(string topic, ConnectHeaders? headers, byte[]? value) =>
        new(Schema.OptionalString, value is null ? null : Decode(_deserializerEncoding, value));

    /// <summary>Encodes a header value's text, as <see cref="FromConnectData"/>.</summary>
    /// <param name="topic">Unused.</param>
    /// <param name="headerKey">Unused.</param>
    /// <param name="schema">Unused.</param>
    /// <param name="value">The value, or null.</param>
    /// <returns>The bytes, or null.</returns>
    public byte[]? FromConnectHeader(string topic, string headerKey, Schema? schema, object? value) => FromConnectData(topic, null, schema, value);

    /// <summary>Decodes a header value, as <see cref="ToConnectData"/>.</summary>
    /// <param name="topic">Unused.</param>
    /// <param name="headerKey">Unused.</param>
    /// <param name="value">The bytes, or null.</param>
    /// <returns>An optional STRING schema with the text or null.</returns>
    public SchemaAndValue ToConnectHeader(string topic, string headerKey, byte[]? value) => ToConnectData(topic, null, value);

    // Java's UTF-16 decoder consumes the byte order mark its encoder writes; .NET's GetString keeps it.
    private static string Decode(Encoding encoding, byte[] value)
    {
        var preamble = encoding.Preamble;
        return preamble.Length > 0 && value.AsSpan().StartsWith(preamble)
            ? encoding.GetString(value, preamble.Length, value.Length - preamble.Length)
            : encoding.GetString(value);
    }

    // Java charset names that .NET spells differently.
    private static Encoding ResolveEncoding(string name) => name.ToUpperInvariant() switch
    {
        "UTF8" or "UTF-8" => new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        "UTF-16" or "UTF16" => new UnicodeEncoding(bigEndian: true, byteOrderMark: true),
        "UTF-16BE" or "UNICODEBIGUNMARKED" => new UnicodeEncoding(bigEndian: true, byteOrderMark: false),
        "UTF-16LE" or "UNICODELITTLEUNMARKED" => new UnicodeEncoding(bigEndian: false, byteOrderMark: false),
        "ISO8859_1" or "ISO-8859-1" or "LATIN1" => Encoding.Latin1,
        "ASCII" or "US-ASCII" => Encoding.ASCII,
        _ => Encoding.GetEncoding(name),
    };

    private static void ValidateEncoding(string name, object? value)
    {
        if (value is not string s)
        {
            return;
        }

        try
        {
            ResolveEncoding(s);
        }
        catch (ArgumentException)
        {
            throw new ConfigException(name, value, "Unsupported encoding");
        }
    }
}
