namespace OrleansConnect.Plugins.Config;

/// <summary>
/// Checks a parsed configuration value. Implementations are stateless and thread-safe, and override
/// <see cref="object.ToString"/> with a short description of what they accept (e.g. <c>[1,...]</c>) for documentation.
/// </summary>
public interface IConfigValidator
{
    /// <summary>Throws when the value is not acceptable.</summary>
    /// <param name="name">The key, for the message.</param>
    /// <param name="value">The parsed value (see <see cref="ConfigType"/>), or null.</param>
    /// <exception cref="ConfigException">The value is invalid; the exception names the key.</exception>
    void EnsureValid(string name, object? value);
}
