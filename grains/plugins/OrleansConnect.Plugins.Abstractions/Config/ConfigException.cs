using OrleansConnect.Plugins.Errors;

namespace OrleansConnect.Plugins.Config;

/// <summary>A configuration value is missing or invalid. <see cref="Name"/> names the key when one is known.</summary>
public class ConfigException : ConnectException
{
    /// <summary>Creates an exception with no message.</summary>
    public ConfigException()
    {
    }

    /// <summary>Creates an exception with a message that is not about one key.</summary>
    /// <param name="message">What is wrong.</param>
    public ConfigException(string message) : base(message)
    {
    }

    /// <summary>Creates an exception with a message and its cause.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public ConfigException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>Creates the error Kafka reports for a bad value: <c>Invalid value V for configuration K: reason</c>.</summary>
    /// <param name="name">The configuration key.</param>
    /// <param name="value">The offending value (null when missing); shown in the message.</param>
    /// <param name="reason">Why the value is rejected; may be null.</param>
    public ConfigException(string name, object? value, string? reason)
        : base($"Invalid value {value ?? "null"} for configuration {name}" + (reason is null ? string.Empty : ": " + reason))
    {
        Name = name;
    }

    /// <summary>The configuration key the error is about, or null when it concerns no single key.</summary>
    public string? Name { get; init; }
}
