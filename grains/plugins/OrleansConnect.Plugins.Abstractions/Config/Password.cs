namespace OrleansConnect.Plugins.Config;

/// <summary>A secret configuration value. <see cref="ToString"/> prints <c>[hidden]</c> so the value never reaches a log.</summary>
/// <param name="value">The secret.</param>
public sealed class Password(string value) : IEquatable<Password>
{
    /// <summary>What a password prints as.</summary>
    public const string Hidden = "[hidden]";

    /// <summary>The secret itself; pass it only to the system that needs it.</summary>
    public string Value { get; } = value;

    /// <inheritdoc />
    public override string ToString() => Hidden;

    /// <inheritdoc />
    public bool Equals(Password? other) => other is not null && other.Value == Value;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as Password);

    /// <inheritdoc />
    public override int GetHashCode() => Value.GetHashCode(StringComparison.Ordinal);
}
