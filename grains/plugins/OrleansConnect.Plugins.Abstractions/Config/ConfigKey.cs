namespace OrleansConnect.Plugins.Config;

/// <summary>The definition of one configuration key in a <see cref="ConfigDef"/>.</summary>
public sealed record ConfigKey
{
    /// <summary>The key.</summary>
    public required string Name { get; init; }

    /// <summary>The value type.</summary>
    public required ConfigType Type { get; init; }

    /// <summary>The parsed default value (null may be a valid default); meaningful only when <see cref="HasDefault"/>.</summary>
    public object? DefaultValue { get; init; }

    /// <summary>Whether the key has a default; a key without one is required.</summary>
    public bool HasDefault { get; init; }

    /// <summary>The validator run on parsed values, or null.</summary>
    public IConfigValidator? Validator { get; init; }

    /// <summary>How much users should care.</summary>
    public Importance Importance { get; init; } = Importance.Medium;

    /// <summary>What the key does.</summary>
    public string Documentation { get; init; } = string.Empty;

    /// <summary>The group the key is shown in, or null.</summary>
    public string? Group { get; init; }

    /// <summary>The key's position in its group, or -1.</summary>
    public int OrderInGroup { get; init; } = -1;

    /// <summary>A UI width hint.</summary>
    public Width Width { get; init; } = Width.None;

    /// <summary>A human name, defaulting to the key.</summary>
    public string? DisplayName { get; init; }

    /// <summary>Keys whose validity depends on this one.</summary>
    public IReadOnlyList<string> Dependents { get; init; } = [];
}
