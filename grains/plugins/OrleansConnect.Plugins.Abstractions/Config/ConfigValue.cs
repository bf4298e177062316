namespace OrleansConnect.Plugins.Config;

/// <summary>The result of validating one key: its value, the errors found, and hints for UIs.</summary>
/// <param name="name">The key.</param>
public sealed class ConfigValue(string name)
{
    private readonly List<string> _errors = [];

    /// <summary>The key.</summary>
    public string Name { get; } = name;

    /// <summary>The parsed value when it parsed, else the raw string; null when unset with no default.</summary>
    public object? Value { get; set; }

    /// <summary>Values a UI may offer; empty when there is no recommendation.</summary>
    public IReadOnlyList<object?> RecommendedValues { get; set; } = [];

    /// <summary>Whether a UI should show the key.</summary>
    public bool Visible { get; set; } = true;

    /// <summary>The errors found, in order; empty when the value is valid.</summary>
    public IReadOnlyList<string> ErrorMessages => _errors;

    /// <summary>Records an error for this key.</summary>
    /// <param name="message">The error, phrased for the user.</param>
    public void AddErrorMessage(string message) => _errors.Add(message);
}
