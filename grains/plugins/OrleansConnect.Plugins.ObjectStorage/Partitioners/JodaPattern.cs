using System.Globalization;
using System.Text;
using OrleansConnect.Plugins.Config;

namespace OrleansConnect.Plugins.ObjectStorage.Partitioners;

/// <summary>
/// A Joda-Time <c>DateTimeFormat</c> pattern, the language of Confluent's <c>path.format</c>: letters repeated for
/// their width (<c>YYYY</c>, <c>MM</c>, <c>dd</c>, <c>HH</c>, <c>mm</c>, <c>ss</c>, <c>SSS</c>, <c>D</c>, <c>w</c>,
/// <c>e</c>), three or more <c>M</c>/<c>E</c> for names, <c>a</c>, <c>Z</c>, and text in single quotes
/// (<c>'year'=YYYY</c>; <c>''</c> is a quote). A letter Joda would read differently is refused, naming the key.
/// </summary>
internal sealed class JodaPattern
{
    private readonly List<Func<DateTime, TimeSpan, string>> _parts;

    private JodaPattern(List<Func<DateTime, TimeSpan, string>> parts) => _parts = parts;

    public static JodaPattern Parse(string key, string pattern, CultureInfo culture)
    {
        var parts = new List<Func<DateTime, TimeSpan, string>>();
        var names = culture.DateTimeFormat;
        for (var i = 0; i < pattern.Length;)
        {
            var c = pattern[i];
            if (c == '\'')
            {
                var literal = new StringBuilder();
                var end = i + 1;
                if (end < pattern.Length && pattern[end] == '\'')
                {
                    parts.Add((_, _) => "'");
                    i = end + 1;
                    continue;
                }

                while (true)
                {
                    if (end >= pattern.Length)
                    {
                        throw new ConfigException(key, pattern, "a quote is not closed");
                    }

                    if (pattern[end] == '\'')
                    {
                        if (end + 1 < pattern.Length && pattern[end + 1] == '\'')
                        {
                            literal.Append('\'');
                            end += 2;
                            continue;
                        }

                        break;
                    }

                    literal.Append(pattern[end++]);
                }

                var text = literal.ToString();
                parts.Add((_, _) => text);
                i = end + 1;
                continue;
            }

            if (!char.IsAsciiLetter(c))
            {
                var text = c.ToString();
                parts.Add((_, _) => text);
                i++;
                continue;
            }

            var count = 1;
            while (i + count < pattern.Length && pattern[i + count] == c)
            {
                count++;
            }

            parts.Add(c switch
            {
                'y' or 'Y' => count == 2 ? (t, _) => Number(t.Year % 100, 2) : (t, _) => Number(t.Year, count),
                'M' => count >= 4 ? (t, _) => names.GetMonthName(t.Month)
                    : count == 3 ? (t, _) => names.GetAbbreviatedMonthName(t.Month)
                    : (t, _) => Number(t.Month, count),
                'd' => (t, _) => Number(t.Day, count),
                'D' => (t, _) => Number(t.DayOfYear, count),
                'H' => (t, _) => Number(t.Hour, count),
                'k' => (t, _) => Number(t.Hour == 0 ? 24 : t.Hour, count),
                'h' => (t, _) => Number(t.Hour % 12 == 0 ? 12 : t.Hour % 12, count),
                'K' => (t, _) => Number(t.Hour % 12, count),
                'm' => (t, _) => Number(t.Minute, count),
                's' => (t, _) => Number(t.Second, count),
                'S' => (t, _) => Number(t.Millisecond, 3)[..Math.Min(count, 3)].PadRight(count, '0'),
                'a' => (t, _) => t.Hour < 12 ? names.AMDesignator : names.PMDesignator,
                'E' => count >= 4 ? (t, _) => names.GetDayName(t.DayOfWeek) : (t, _) => names.GetAbbreviatedDayName(t.DayOfWeek),
                'e' => (t, _) => Number(t.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)t.DayOfWeek, count),
                'w' => (t, _) => Number(ISOWeek.GetWeekOfYear(t), count),
                'x' => (t, _) => Number(ISOWeek.GetYear(t), count),
                'Z' => count == 1 ? (_, o) => Offset(o, string.Empty) : (_, o) => Offset(o, ":"),
                _ => throw new ConfigException(key, pattern, $"the pattern letter '{c}' is not supported (quote text with single quotes)"),
            });
            i += count;
        }

        return new JodaPattern(parts);
    }

    /// <summary>The pattern applied to a local time with its offset from UTC.</summary>
    public string Format(DateTime local, TimeSpan offset)
    {
        var builder = new StringBuilder();
        foreach (var part in _parts)
        {
            builder.Append(part(local, offset));
        }

        return builder.ToString();
    }

    private static string Number(int value, int width) => value.ToString(CultureInfo.InvariantCulture).PadLeft(width, '0');

    private static string Offset(TimeSpan offset, string separator) =>
        (offset < TimeSpan.Zero ? "-" : "+") + offset.Duration().Hours.ToString("00", CultureInfo.InvariantCulture) + separator + offset.Duration().Minutes.ToString("00", CultureInfo.InvariantCulture);
}
