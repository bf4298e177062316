using System.Text;
using OrleansConnect.Plugins.Config;

namespace OrleansConnect.Plugins.Transforms.Util;

/// <summary>
/// Translates a Java <c>SimpleDateFormat</c> pattern (what Kafka's timestamp transforms take) into a .NET custom
/// date format for UTC values. Supported letters: <c>y M d H h m s S a E Z X z</c>; any other letter is rejected so a
/// pattern never silently means something else. <c>S</c> (milliseconds) becomes <c>fff</c> whatever its count;
/// zone letters print UTC (<c>+0000</c>, <c>Z</c>, <c>UTC</c>) because the transforms work in UTC.
/// </summary>
internal static class JavaDateFormat
{
    public static string ToDotNet(string key, string pattern)
    {
        var sb = new StringBuilder();
        var i = 0;
        while (i < pattern.Length)
        {
            var c = pattern[i];
            if (c == '\'')
            {
                var end = pattern.IndexOf('\'', i + 1);
                if (end == i + 1)
                {
                    sb.Append("\\'");
                    i += 2;
                    continue;
                }

                if (end < 0)
                {
                    throw new ConfigException(key, pattern, "Unterminated quote in date format pattern");
                }

                foreach (var literal in pattern.AsSpan(i + 1, end - i - 1))
                {
                    AppendLiteral(sb, literal);
                }

                i = end + 1;
                continue;
            }

            if (!char.IsAsciiLetter(c))
            {
                AppendLiteral(sb, c);
                i++;
                continue;
            }

            var count = 1;
            while (i + count < pattern.Length && pattern[i + count] == c)
            {
                count++;
            }

            sb.Append(c switch
            {
                'y' => count == 2 ? "yy" : new string('y', Math.Max(count, 4)),
                'M' => new string('M', Math.Min(count, 4)),
                'd' or 'H' or 'h' or 'm' or 's' => new string(c, Math.Min(count, 2)),
                'S' => "fff",
                'a' => "tt",
                'E' => count >= 4 ? "dddd" : "ddd",
                'Z' => "'+0000'",
                'X' => "'Z'",
                'z' => "'UTC'",
                _ => throw new ConfigException(key, pattern, $"Unsupported date format letter '{c}'"),
            });
            i += count;
        }

        return sb.ToString();
    }

    private static void AppendLiteral(StringBuilder sb, char c) => sb.Append('\\').Append(c);
}
