using System.Collections.Immutable;
using System.Text.RegularExpressions;
using OrleansConnect.Plugins.Config;

namespace OrleansConnect.Grains.Runtime;

/// <summary>
/// Collects the definitions, values and errors of a validated configuration into Kafka's <c>ConfigInfos</c>: keys in
/// the order they are defined, each with the errors reported for it. Used for one validation; not thread-safe.
/// </summary>
internal sealed class ConfigInfosBuilder
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];
    private readonly List<string> _groups = [];
    private readonly IReadOnlyDictionary<string, string> _config;

    public ConfigInfosBuilder(IReadOnlyDictionary<string, string> config)
    {
        _config = config;
    }

    /// <summary>Adds every key of a definition, prefixed; <paramref name="group"/> replaces the keys' own groups (Kafka's <c>Transforms: x</c>).</summary>
    public void Define(ConfigDef definition, string prefix = "", string? group = null)
    {
        foreach (var key in definition.ConfigKeys)
        {
            Define(key with
            {
                Name = prefix + key.Name,
                Group = group ?? key.Group,
                OrderInGroup = group is null ? key.OrderInGroup : _entries.Values.Count(e => e.Key.Group == group) + 1,
                DisplayName = key.DisplayName ?? key.Name,
            });
        }
    }

    /// <summary>Adds one key unless a key of that name is already there (the first definition wins).</summary>
    public void Define(ConfigKey key)
    {
        if (_entries.ContainsKey(key.Name))
        {
            return;
        }

        _entries[key.Name] = new Entry(key);
        _order.Add(key.Name);
        if (key.Group is not null && !_groups.Contains(key.Group))
        {
            _groups.Add(key.Group);
        }
    }

    /// <summary>Records validated values (and their errors) of keys defined under <paramref name="prefix"/>.</summary>
    public void AddValues(string prefix, IEnumerable<ConfigValue> values)
    {
        foreach (var value in values)
        {
            var entry = Get(prefix + value.Name);
            entry.Value = value;
            entry.Errors.AddRange(value.ErrorMessages.Select(m => Prefixed(m, prefix, value.Name)));
        }
    }

    /// <summary>
    /// A plugin's error about one of its keys, naming the key as the connector config spells it
    /// (<c>configuration "regex"</c> becomes <c>configuration "transforms.route.regex"</c>), as Kafka's enriched ConfigDef reports it.
    /// </summary>
    public static string Prefixed(string message, string prefix, string name) =>
        prefix.Length == 0
            ? message
            : Regex.Replace(message, "(?<=configuration \"?)" + Regex.Escape(name) + "(?=[\"\\s:]|$)", prefix + name, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    /// <summary>Records an error found outside a ConfigDef (cross-key rules, unknown classes).</summary>
    public void AddError(string key, string message) => Get(key).Errors.Add(message);

    public ConfigInfos Build(string name)
    {
        var configs = _order.Select(n => _entries[n]).Select(e => new ConfigInfo(KeyInfo(e.Key), ValueInfo(e))).ToImmutableArray();
        return new ConfigInfos(name, configs.Sum(c => c.Value.Errors.Length), [.. _groups], configs);
    }

    /// <summary>Kafka's <c>convertConfigKey</c>: types, importance and width upper-case, defaults as configuration strings.</summary>
    public static ConfigKeyInfo KeyInfo(ConfigKey key) => new(
        key.Name,
        key.Type.ToString().ToUpperInvariant(),
        !key.HasDefault,
        key.HasDefault ? Text(key.Type, key.DefaultValue) : null,
        key.Importance.ToString().ToUpperInvariant(),
        key.Documentation,
        key.Group,
        key.OrderInGroup,
        key.Width.ToString().ToUpperInvariant(),
        key.DisplayName ?? key.Name,
        [.. key.Dependents]);

    private ConfigValueInfo ValueInfo(Entry entry) => new(
        entry.Key.Name,
        entry.Value is { } value
            ? Text(entry.Key.Type, value.Value)
            : Text(entry.Key.Type, _config.GetValueOrDefault(entry.Key.Name) ?? (entry.Key.HasDefault ? entry.Key.DefaultValue : null)),
        [.. (entry.Value?.RecommendedValues ?? []).Select(v => ConfigDef.ConvertToString(v) ?? string.Empty)],
        [.. entry.Errors],
        entry.Value?.Visible ?? true);

    private static string? Text(ConfigType type, object? value) =>
        type == ConfigType.Password && value is not null ? Password.Hidden : ConfigDef.ConvertToString(value);

    /// <summary>
    /// The entry of a key; a key no ConfigDef defines (an error from a connector's own <c>Validate</c>, say) gets a
    /// plain STRING definition, so every entry has one.
    /// </summary>
    private Entry Get(string key)
    {
        if (!_entries.ContainsKey(key))
        {
            Define(new ConfigKey { Name = key, Type = ConfigType.String, HasDefault = true, Importance = Importance.Low, DisplayName = key });
        }

        return _entries[key];
    }

    private sealed class Entry(ConfigKey key)
    {
        public ConfigKey Key { get; } = key;

        public ConfigValue? Value { get; set; }

        public List<string> Errors { get; } = [];
    }
}
