using System.Globalization;
using OrleansConnect.Plugins.Config;

namespace OrleansConnect.Plugins.Http;

/// <summary>
/// The response codes of <c>retry.on.status.codes</c>, written as Confluent writes them: codes and inclusive ranges,
/// comma-separated; a range without an end goes to 599 (<c>400-</c> is every client and server error).
/// </summary>
public sealed class StatusCodeRanges
{
    private readonly (int From, int To)[] _ranges;

    private StatusCodeRanges((int From, int To)[] ranges) => _ranges = ranges;

    /// <summary>Parses the key's value.</summary>
    /// <param name="text">For example <c>404,408,500-</c>; empty for none.</param>
    /// <param name="key">The key named in the error.</param>
    /// <returns>The codes.</returns>
    /// <exception cref="ConfigException">An entry is not a code between 100 and 599 or a range of them.</exception>
    public static StatusCodeRanges Parse(string text, string key = HttpClientConfig.RetryOnStatusCodesConfig)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ranges = new List<(int, int)>();
        foreach (var entry in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var dash = entry.IndexOf('-', StringComparison.Ordinal);
            var from = Code(dash < 0 ? entry : entry[..dash]);
            var to = dash < 0 ? from : entry[(dash + 1)..].Trim().Length == 0 ? 599 : Code(entry[(dash + 1)..]);
            if (from is null || to is null || from > to)
            {
                throw new ConfigException(key, text, $"'{entry}' is not a status code (100-599), nor a range such as 500-599 or 500-");
            }

            ranges.Add((from.Value, to.Value));
        }

        return new StatusCodeRanges([.. ranges]);
    }

    /// <summary>Whether the code is in one of the ranges.</summary>
    /// <param name="code">An HTTP status code.</param>
    /// <returns>True when listed.</returns>
    public bool Contains(int code) => _ranges.Any(r => code >= r.From && code <= r.To);

    private static int? Code(string text) =>
        int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var code) && code is >= 100 and <= 599 ? code : null;
}
