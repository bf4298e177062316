using OrleansConnect.Plugins.Config;

namespace OrleansConnect.Plugins.Transforms.Util;

/// <summary>Validators the transforms share, with Kafka's messages.</summary>
internal static class TransformValidators
{
    /// <summary>A list with at least one element (Kafka's <c>NonEmptyListValidator</c>).</summary>
    public static IConfigValidator NonEmptyList() => Validators.With(
        (name, value) =>
        {
            if (value is not IReadOnlyList<string> { Count: > 0 })
            {
                throw new ConfigException(name, value is IEnumerable<string> list ? string.Join(",", list) : value, "Empty list");
            }
        },
        "non-empty list");

    /// <summary>Null, or a string that is not empty after trimming (Kafka's <c>ConfigDef.NonEmptyString</c>, which lets null through).</summary>
    public static IConfigValidator NonEmptyStringOrNull() => Validators.With(
        (name, value) =>
        {
            if (value is string { Length: 0 })
            {
                throw new ConfigException(name, value, "String must be non-empty");
            }
        },
        "non-empty string");

    /// <summary>A string that compiles as a Java regular expression (Kafka's <c>RegexValidator</c>), see <see cref="JavaRegex"/>.</summary>
    public static IConfigValidator Regex() => Validators.With(
        (name, value) =>
        {
            if (value is not string pattern)
            {
                return;
            }

            try
            {
                _ = JavaRegex.Compile(pattern);
            }
            catch (ArgumentException e)
            {
                throw new ConfigException(name, value, "Invalid regex: " + e.Message);
            }
        },
        "valid regex");
}
