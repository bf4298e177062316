using System.Text;
using System.Text.RegularExpressions;

namespace OrleansConnect.Plugins.Transforms.Util;

/// <summary>
/// A replacement string with the syntax of Java's <c>Matcher.appendReplacement</c>, parsed once against the pattern it
/// is used with: <c>$n</c> is group <c>n</c>, taking further digits only while the number stays a group of the pattern
/// (<c>$10</c> with one group is group 1 then <c>0</c>); <c>${name}</c> a named group; <c>\x</c> the character
/// <c>x</c> itself (<c>\$</c>, <c>\\</c>); everything else literal. A group that did not take part in the match adds
/// nothing. Java fails the same mistakes when it replaces; here they fail when the replacement is parsed.
/// </summary>
internal sealed class JavaReplacement
{
    // A part is a literal (Group < 0) or a group reference.
    private readonly (string Literal, int Group)[] _parts;

    private JavaReplacement((string, int)[] parts) => _parts = parts;

    /// <summary>Parses <paramref name="replacement"/> for matches of <paramref name="pattern"/>.</summary>
    /// <exception cref="ArgumentException">Java's errors: a trailing <c>\</c> or <c>$</c>, <c>$</c> followed by
    /// neither a digit nor <c>{</c>, an unknown or malformed group name, a group number the pattern does not have.</exception>
    public static JavaReplacement Parse(string replacement, JavaRegex pattern)
    {
        var parts = new List<(string, int)>();
        var literal = new StringBuilder();
        var i = 0;
        while (i < replacement.Length)
        {
            var c = replacement[i];
            if (c == '\\')
            {
                if (++i == replacement.Length)
                {
                    throw new ArgumentException("character to be escaped is missing");
                }

                literal.Append(replacement[i++]);
                continue;
            }

            if (c != '$')
            {
                literal.Append(c);
                i++;
                continue;
            }

            if (++i == replacement.Length)
            {
                throw new ArgumentException("Illegal group reference: group index is missing");
            }

            int group;
            if (replacement[i] == '{')
            {
                var start = ++i;
                while (i < replacement.Length && char.IsAsciiLetterOrDigit(replacement[i]))
                {
                    i++;
                }

                var name = replacement[start..i];
                if (name.Length == 0)
                {
                    throw new ArgumentException("named capturing group has 0 length name");
                }

                if (i == replacement.Length || replacement[i] != '}')
                {
                    throw new ArgumentException("named capturing group is missing trailing '}'");
                }

                if (char.IsAsciiDigit(name[0]))
                {
                    throw new ArgumentException($"capturing group name {{{name}}} starts with digit character");
                }

                group = pattern.GroupNames.TryGetValue(name, out var number) ? number : throw new ArgumentException($"No group with name {{{name}}}");
                i++;
            }
            else
            {
                if (!char.IsAsciiDigit(replacement[i]))
                {
                    throw new ArgumentException("Illegal group reference");
                }

                group = replacement[i++] - '0';
                while (i < replacement.Length && char.IsAsciiDigit(replacement[i]) && (group * 10) + (replacement[i] - '0') <= pattern.GroupCount)
                {
                    group = (group * 10) + (replacement[i++] - '0');
                }

                if (group > pattern.GroupCount)
                {
                    throw new ArgumentException("No group " + group);
                }
            }

            if (literal.Length > 0)
            {
                parts.Add((literal.ToString(), -1));
                literal.Clear();
            }

            parts.Add((string.Empty, group));
        }

        if (literal.Length > 0)
        {
            parts.Add((literal.ToString(), -1));
        }

        return new JavaReplacement([.. parts]);
    }

    /// <summary>The replacement for one match, as Java's <c>appendReplacement</c> writes it.</summary>
    public string Expand(Match match)
    {
        if (_parts.Length == 1 && _parts[0].Group < 0)
        {
            return _parts[0].Literal;
        }

        var sb = new StringBuilder();
        foreach (var (literal, group) in _parts)
        {
            if (group < 0)
            {
                sb.Append(literal);
            }
            else if (match.Groups[group] is { Success: true } g)
            {
                sb.Append(g.ValueSpan);
            }
        }

        return sb.ToString();
    }

    /// <summary>Java's <c>Matcher.replaceFirst</c>: the input with its first match replaced, or the input when none.</summary>
    public string ReplaceFirst(Regex regex, string input)
    {
        var match = regex.Match(input);
        return match.Success ? string.Concat(input.AsSpan(0, match.Index), Expand(match), input.AsSpan(match.Index + match.Length)) : input;
    }
}
