namespace OrleansConnect.Plugins.Config;

/// <summary>
/// A parsed configuration with typed getters, as Kafka's <c>AbstractConfig</c>. Connectors and tasks usually wrap
/// their own keys in a subclass. Immutable and thread-safe once built.
/// </summary>
public class AbstractConfig
{
    private readonly IReadOnlyDictionary<string, object?> _values;

    /// <summary>Parses a configuration against a definition.</summary>
    /// <param name="definition">The keys.</param>
    /// <param name="originals">The raw configuration.</param>
    /// <exception cref="ConfigException">A key is missing or invalid.</exception>
    public AbstractConfig(ConfigDef definition, IReadOnlyDictionary<string, string> originals)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(originals);
        Definition = definition;
        Originals = originals;
        _values = definition.Parse(originals);
    }

    /// <summary>The definition the values were parsed against.</summary>
    public ConfigDef Definition { get; }

    /// <summary>The raw configuration, including keys the definition does not know.</summary>
    public IReadOnlyDictionary<string, string> Originals { get; }

    /// <summary>A parsed value.</summary>
    /// <param name="key">A defined key.</param>
    /// <returns>The value or default.</returns>
    /// <exception cref="ConfigException">The key is not defined.</exception>
    public object? Get(string key) => _values.TryGetValue(key, out var v) ? v : throw new ConfigException($"Unknown configuration '{key}'") { Name = key };

    /// <summary>An INT value.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The value.</returns>
    public int GetInt(string key) => (int)Get(key)!;

    /// <summary>A SHORT value.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The value.</returns>
    public short GetShort(string key) => (short)Get(key)!;

    /// <summary>A LONG value.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The value.</returns>
    public long GetLong(string key) => (long)Get(key)!;

    /// <summary>A DOUBLE value.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The value.</returns>
    public double GetDouble(string key) => (double)Get(key)!;

    /// <summary>A BOOLEAN value.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The value.</returns>
    public bool GetBoolean(string key) => (bool)Get(key)!;

    /// <summary>A STRING or CLASS value.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The value, or null.</returns>
    public string? GetString(string key) => (string?)Get(key);

    /// <summary>A LIST value.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The value (empty when unset with a null default).</returns>
    public IReadOnlyList<string> GetList(string key) => (IReadOnlyList<string>?)Get(key) ?? [];

    /// <summary>A PASSWORD value.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The value, or null.</returns>
    public Password? GetPassword(string key) => (Password?)Get(key);

    /// <summary>The raw entries whose key starts with a prefix.</summary>
    /// <param name="prefix">The prefix, e.g. <c>value.converter.</c>.</param>
    /// <param name="strip">Whether to remove the prefix from the keys.</param>
    /// <returns>The entries.</returns>
    public IReadOnlyDictionary<string, string> OriginalsWithPrefix(string prefix, bool strip = true) => WithPrefix(Originals, prefix, strip);

    /// <summary>The entries of a map whose key starts with a prefix.</summary>
    /// <param name="props">The map.</param>
    /// <param name="prefix">The prefix.</param>
    /// <param name="strip">Whether to remove the prefix from the keys.</param>
    /// <returns>The entries.</returns>
    public static IReadOnlyDictionary<string, string> WithPrefix(IReadOnlyDictionary<string, string> props, string prefix, bool strip = true)
    {
        ArgumentNullException.ThrowIfNull(props);
        ArgumentNullException.ThrowIfNull(prefix);
        return props.Where(p => p.Key.StartsWith(prefix, StringComparison.Ordinal) && p.Key.Length > prefix.Length)
            .ToDictionary(p => strip ? p.Key[prefix.Length..] : p.Key, p => p.Value, StringComparer.Ordinal);
    }
}
