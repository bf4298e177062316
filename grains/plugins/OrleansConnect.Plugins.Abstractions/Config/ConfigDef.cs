using System.Globalization;

namespace OrleansConnect.Plugins.Config;

/// <summary>
/// The definition of a plugin's configuration, as Kafka's <c>ConfigDef</c>: keys with types, defaults, validators and
/// documentation. <see cref="Parse"/> turns a string map into typed values or throws the first error;
/// <see cref="Validate"/> reports every key's errors at once, for the REST API. Built once, then read-only and
/// thread-safe.
/// </summary>
public sealed class ConfigDef
{
    /// <summary>Pass as a default to make a key required.</summary>
    public static readonly object NoDefaultValue = new();

    private readonly Dictionary<string, ConfigKey> _keys = new(StringComparer.Ordinal);
    private readonly List<string> _groups = [];

    /// <summary>The defined keys in definition order.</summary>
    public IReadOnlyCollection<ConfigKey> ConfigKeys => _keys.Values;

    /// <summary>The groups in the order their first key was defined.</summary>
    public IReadOnlyList<string> Groups => _groups;

    /// <summary>Finds a key's definition.</summary>
    /// <param name="name">The key.</param>
    /// <returns>The definition, or null.</returns>
    public ConfigKey? Find(string name) => _keys.GetValueOrDefault(name);

    /// <summary>Defines a key.</summary>
    /// <param name="key">The definition; its default may be a string or a value of the key's type, and is parsed here.</param>
    /// <returns>This definition, for chaining.</returns>
    /// <exception cref="ConfigException">The key is defined twice, or its default is invalid.</exception>
    public ConfigDef Define(ConfigKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (_keys.ContainsKey(key.Name))
        {
            throw new ConfigException($"Configuration {key.Name} is defined twice.");
        }

        if (key.HasDefault && key.DefaultValue is not null)
        {
            var parsed = ParseType(key.Name, key.DefaultValue, key.Type);
            key.Validator?.EnsureValid(key.Name, parsed);
            key = key with { DefaultValue = parsed };
        }

        if (key.Group is not null && !_groups.Contains(key.Group))
        {
            _groups.Add(key.Group);
        }

        _keys.Add(key.Name, key);
        return this;
    }

    /// <summary>Defines a key with the common properties.</summary>
    /// <param name="name">The key.</param>
    /// <param name="type">The value type.</param>
    /// <param name="defaultValue">The default, or <see cref="NoDefaultValue"/> for a required key.</param>
    /// <param name="validator">The validator, or null.</param>
    /// <param name="importance">How much users should care.</param>
    /// <param name="documentation">What the key does.</param>
    /// <param name="group">The group, or null.</param>
    /// <param name="orderInGroup">The position in the group.</param>
    /// <param name="width">A UI width hint.</param>
    /// <param name="displayName">A human name, or null for the key.</param>
    /// <returns>This definition, for chaining.</returns>
    public ConfigDef Define(
        string name,
        ConfigType type,
        object? defaultValue,
        IConfigValidator? validator,
        Importance importance,
        string documentation,
        string? group = null,
        int orderInGroup = -1,
        Width width = Width.None,
        string? displayName = null) =>
        Define(new ConfigKey
        {
            Name = name,
            Type = type,
            DefaultValue = ReferenceEquals(defaultValue, NoDefaultValue) ? null : defaultValue,
            HasDefault = !ReferenceEquals(defaultValue, NoDefaultValue),
            Validator = validator,
            Importance = importance,
            Documentation = documentation,
            Group = group,
            OrderInGroup = orderInGroup,
            Width = width,
            DisplayName = displayName,
        });

    /// <summary>Defines a key with a default and no validator.</summary>
    /// <param name="name">The key.</param>
    /// <param name="type">The value type.</param>
    /// <param name="defaultValue">The default, or <see cref="NoDefaultValue"/> for a required key.</param>
    /// <param name="importance">How much users should care.</param>
    /// <param name="documentation">What the key does.</param>
    /// <returns>This definition, for chaining.</returns>
    public ConfigDef Define(string name, ConfigType type, object? defaultValue, Importance importance, string documentation) =>
        Define(name, type, defaultValue, null, importance, documentation);

    /// <summary>Defines a required key with no validator.</summary>
    /// <param name="name">The key.</param>
    /// <param name="type">The value type.</param>
    /// <param name="importance">How much users should care.</param>
    /// <param name="documentation">What the key does.</param>
    /// <returns>This definition, for chaining.</returns>
    public ConfigDef Define(string name, ConfigType type, Importance importance, string documentation) =>
        Define(name, type, NoDefaultValue, null, importance, documentation);

    /// <summary>Adds every key of another definition (for example the common connector keys).</summary>
    /// <param name="other">The definition to copy keys from.</param>
    /// <returns>This definition, for chaining.</returns>
    public ConfigDef Merge(ConfigDef other)
    {
        ArgumentNullException.ThrowIfNull(other);
        foreach (var key in other.ConfigKeys)
        {
            Define(key);
        }

        return this;
    }

    /// <summary>
    /// Parses a configuration: every defined key gets its value or default. Keys that are not defined are ignored.
    /// </summary>
    /// <param name="props">The raw configuration.</param>
    /// <returns>The parsed values by key.</returns>
    /// <exception cref="ConfigException">The first missing or invalid key, named in the exception.</exception>
    public IReadOnlyDictionary<string, object?> Parse(IReadOnlyDictionary<string, string> props)
    {
        ArgumentNullException.ThrowIfNull(props);
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var key in _keys.Values)
        {
            values[key.Name] = ParseValue(key, props.TryGetValue(key.Name, out var raw) ? raw : null, props.ContainsKey(key.Name));
        }

        return values;
    }

    /// <summary>Validates a configuration, collecting every error instead of stopping at the first.</summary>
    /// <param name="props">The raw configuration.</param>
    /// <returns>One result per defined key, in definition order.</returns>
    public IReadOnlyList<ConfigValue> Validate(IReadOnlyDictionary<string, string> props)
    {
        ArgumentNullException.ThrowIfNull(props);
        var results = new List<ConfigValue>(_keys.Count);
        foreach (var key in _keys.Values)
        {
            var result = new ConfigValue(key.Name);
            var present = props.TryGetValue(key.Name, out var raw);
            try
            {
                result.Value = ParseValue(key, raw, present);
            }
            catch (ConfigException e)
            {
                result.Value = raw;
                result.AddErrorMessage(e.Message);
            }

            results.Add(result);
        }

        return results;
    }

    /// <summary>Parses one value to its type, as Kafka's <c>ConfigDef.parseType</c>.</summary>
    /// <param name="name">The key, for the message.</param>
    /// <param name="value">A string, or a value already of the type.</param>
    /// <param name="type">The type.</param>
    /// <returns>The parsed value; null stays null.</returns>
    /// <exception cref="ConfigException">The value is not of the type.</exception>
    public static object? ParseType(string name, object? value, ConfigType type)
    {
        if (value is null)
        {
            return null;
        }

        var trimmed = value is string s ? s.Trim() : null;
        return type switch
        {
            ConfigType.Boolean => value switch
            {
                bool b => b,
                _ when string.Equals(trimmed, "true", StringComparison.OrdinalIgnoreCase) => true,
                _ when string.Equals(trimmed, "false", StringComparison.OrdinalIgnoreCase) => false,
                _ => throw new ConfigException(name, value, "Expected value to be either true or false"),
            },
            ConfigType.String or ConfigType.Class => trimmed ?? throw new ConfigException(name, value, "Expected value to be a string, but it was a " + value.GetType().Name),
            ConfigType.Password => value switch
            {
                Password p => p,
                _ => new Password(trimmed ?? throw new ConfigException(name, value, "Expected value to be a string, but it was a " + value.GetType().Name)),
            },
            ConfigType.Int => value switch
            {
                int i => i,
                _ when int.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i) => i,
                _ => throw new ConfigException(name, value, "Not a number of type INT"),
            },
            ConfigType.Short => value switch
            {
                short i => i,
                _ when short.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i) => i,
                _ => throw new ConfigException(name, value, "Not a number of type SHORT"),
            },
            ConfigType.Long => value switch
            {
                long l => l,
                int i => (long)i,
                _ when long.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) => l,
                _ => throw new ConfigException(name, value, "Not a number of type LONG"),
            },
            ConfigType.Double => value switch
            {
                double d => d,
                int i => (double)i,
                long l => (double)l,
                _ when double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
                _ => throw new ConfigException(name, value, "Not a number of type DOUBLE"),
            },
            ConfigType.List => value switch
            {
                IReadOnlyList<string> list => list,
                _ when trimmed is not null => trimmed.Length == 0
                    ? Array.Empty<string>()
                    : trimmed.Split(',').Select(e => e.Trim()).ToArray(),
                _ => throw new ConfigException(name, value, "Expected a comma separated list."),
            },
            _ => throw new ConfigException("Unknown type " + type),
        };
    }

    /// <summary>Formats a parsed value back to its configuration string (lists comma-joined, passwords hidden).</summary>
    /// <param name="value">The parsed value.</param>
    /// <returns>The string, or null for null.</returns>
    public static string? ConvertToString(object? value) => value switch
    {
        null => null,
        IEnumerable<string> list => string.Join(",", list),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static object? ParseValue(ConfigKey key, string? raw, bool present)
    {
        object? parsed;
        if (present)
        {
            parsed = ParseType(key.Name, raw, key.Type);
        }
        else if (key.HasDefault)
        {
            parsed = key.DefaultValue;
        }
        else
        {
            throw new ConfigException($"Missing required configuration \"{key.Name}\" which has no default value.") { Name = key.Name };
        }

        key.Validator?.EnsureValid(key.Name, parsed);
        return parsed;
    }
}
