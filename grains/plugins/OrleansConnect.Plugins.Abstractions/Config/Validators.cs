using System.Globalization;

namespace OrleansConnect.Plugins.Config;

/// <summary>The common validators, with Kafka's messages.</summary>
public static class Validators
{
    /// <summary>A number of at least <paramref name="min"/>; null passes (use no default to require a value).</summary>
    /// <param name="min">The smallest valid value.</param>
    /// <returns>The validator.</returns>
    public static IConfigValidator AtLeast(double min) => new RangeValidator(min, null);

    /// <summary>A number between <paramref name="min"/> and <paramref name="max"/> inclusive; null passes.</summary>
    /// <param name="min">The smallest valid value.</param>
    /// <param name="max">The largest valid value.</param>
    /// <returns>The validator.</returns>
    public static IConfigValidator Between(double min, double max) => new RangeValidator(min, max);

    /// <summary>A string that is one of the given values (case-sensitive); null passes.</summary>
    /// <param name="validStrings">The valid values.</param>
    /// <returns>The validator.</returns>
    public static IConfigValidator ValidString(params string[] validStrings) => new StringValidator(validStrings, StringComparer.Ordinal);

    /// <summary>A string that is one of the given values, ignoring case; null passes.</summary>
    /// <param name="validStrings">The valid values.</param>
    /// <returns>The validator.</returns>
    public static IConfigValidator CaseInsensitiveValidString(params string[] validStrings) => new StringValidator(validStrings, StringComparer.OrdinalIgnoreCase);

    /// <summary>A non-null string that is not empty (after trimming).</summary>
    /// <returns>The validator.</returns>
    public static IConfigValidator NonEmptyString() => new LambdaValidator(
        (name, value) =>
        {
            if (value is not string s || s.Length == 0)
            {
                throw new ConfigException(name, value, "String must be non-empty");
            }
        },
        "non-empty string");

    /// <summary>A non-null value.</summary>
    /// <returns>The validator.</returns>
    public static IConfigValidator NonNull() => new LambdaValidator(
        (name, value) =>
        {
            if (value is null)
            {
                throw new ConfigException(name, value, "Entry must be non null");
            }
        },
        "non-null");

    /// <summary>A validator from a delegate.</summary>
    /// <param name="ensureValid">Throws <see cref="ConfigException"/> for an invalid value.</param>
    /// <param name="description">What is accepted, for documentation.</param>
    /// <returns>The validator.</returns>
    public static IConfigValidator With(Action<string, object?> ensureValid, string description) => new LambdaValidator(ensureValid, description);

    /// <summary>Runs several validators in order.</summary>
    /// <param name="validators">The validators.</param>
    /// <returns>The validator.</returns>
    public static IConfigValidator All(params IConfigValidator[] validators) => new LambdaValidator(
        (name, value) =>
        {
            foreach (var v in validators)
            {
                v.EnsureValid(name, value);
            }
        },
        string.Join(", ", validators.Select(v => v.ToString())));

    private sealed class RangeValidator(double min, double? max) : IConfigValidator
    {
        public void EnsureValid(string name, object? value)
        {
            if (value is null)
            {
                return;
            }

            var n = Convert.ToDouble(value, CultureInfo.InvariantCulture);
            if (n < min)
            {
                throw new ConfigException(name, value, "Value must be at least " + Format(min));
            }

            if (max is { } m && n > m)
            {
                throw new ConfigException(name, value, "Value must be no more than " + Format(m));
            }
        }

        public override string ToString() => max is { } m ? $"[{Format(min)},...,{Format(m)}]" : $"[{Format(min)},...]";

        private static string Format(double d) => d.ToString(CultureInfo.InvariantCulture);
    }

    private sealed class StringValidator(string[] validStrings, StringComparer comparer) : IConfigValidator
    {
        public void EnsureValid(string name, object? value)
        {
            if (value is string s && !validStrings.Contains(s, comparer))
            {
                throw new ConfigException(name, value, "String must be one of: " + string.Join(", ", validStrings));
            }
        }

        public override string ToString() => "[" + string.Join(", ", validStrings) + "]";
    }

    private sealed class LambdaValidator(Action<string, object?> ensureValid, string description) : IConfigValidator
    {
        public void EnsureValid(string name, object? value) => ensureValid(name, value);

        public override string ToString() => description;
    }
}
