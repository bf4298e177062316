using System.Text.RegularExpressions;

namespace OrleansConnect.Plugins.Mirror;

/// <summary>
/// Kafka's <c>DefaultTopicFilter</c> / <c>DefaultGroupFilter</c>: a name passes when one of the include entries matches
/// all of it and no exclude entry does; entries are names or Java regular expressions joined with <c>|</c>, and an
/// empty list matches nothing.
/// </summary>
internal sealed class PatternFilter
{
    private static readonly Regex Literal = new("^[A-Za-z0-9._-]+$", RegexOptions.CultureInvariant);
    private readonly Regex? _include;
    private readonly Regex? _exclude;

    public PatternFilter(IReadOnlyList<string> include, IReadOnlyList<string> exclude)
    {
        Include = include.Where(e => e.Length > 0).ToArray();
        _include = Compile(Include);
        _exclude = Compile(exclude.Where(e => e.Length > 0).ToArray());
    }

    /// <summary>The include entries as configured.</summary>
    public IReadOnlyList<string> Include { get; }

    /// <summary>
    /// The include entries when every one is a plain name (letters, digits, <c>.</c>, <c>_</c>, <c>-</c>) that the
    /// exclude list lets through, else null: the names can then be used without listing the cluster's groups.
    /// </summary>
    public IReadOnlyList<string>? LiteralNames =>
        Include.Count > 0 && Include.All(e => Literal.IsMatch(e)) ? Include.Where(Matches).ToArray() : null;

    public bool Matches(string name) =>
        _include is not null && _include.IsMatch(name) && (_exclude is null || !_exclude.IsMatch(name));

    /// <summary>Checks that every entry compiles; the message names the entry.</summary>
    public static void EnsureValid(string key, object? value)
    {
        foreach (var entry in value as IReadOnlyList<string> ?? [])
        {
            try
            {
                _ = new Regex(entry, RegexOptions.CultureInvariant);
            }
            catch (ArgumentException e)
            {
                throw new Config.ConfigException(key, entry, "Not a valid regular expression: " + e.Message);
            }
        }
    }

    private static Regex? Compile(IReadOnlyList<string> entries) =>
        entries.Count == 0 ? null : new Regex("^(?:" + string.Join("|", entries) + ")$", RegexOptions.CultureInvariant);
}
