using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace OrleansConnect.Plugins.Transforms.Util;

/// <summary>
/// A Java <c>java.util.regex.Pattern</c> compiled to a .NET <see cref="System.Text.RegularExpressions.Regex"/> with
/// Java's meaning, for the keys Kafka users write Java patterns in (<c>RegexRouter.regex</c>,
/// <c>TopicNameMatches.pattern</c>). The translation rewrites what Java spells differently: <c>\Q...\E</c> quoting,
/// possessive quantifiers (<c>a*+</c> becomes an atomic group), <c>\x{h..h}</c>, <c>\h</c>, <c>\v</c>, <c>\R</c>, octal
/// <c>\0nn</c>, the POSIX and <c>java*</c> property classes (<c>\p{Lower}</c>, <c>\p{javaLowerCase}</c>), <c>\p{InBlock}</c>,
/// the flags .NET does not have (<c>d</c>, <c>u</c>, <c>U</c>). Named groups are numbered in order of their opening
/// parenthesis with the unnamed ones, as in Java (.NET numbers them after the unnamed ones), so <c>$1</c> in a
/// replacement means the same group. It rejects what Java rejects and .NET would read otherwise (a <c>{</c> that starts
/// no repetition, an unknown <c>(?</c> construct) and what has no .NET equivalent (nested classes and <c>&amp;&amp;</c>
/// intersections, <c>\X</c>, <c>\N{..}</c>, scripts, comments mode <c>x</c>) with an <see cref="ArgumentException"/>.
/// </summary>
internal sealed class JavaRegex
{
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);

    private JavaRegex(Regex regex, int groupCount, IReadOnlyDictionary<string, int> groupNames)
    {
        Regex = regex;
        GroupCount = groupCount;
        GroupNames = groupNames;
    }

    /// <summary>The .NET regex; its groups are numbered as Java numbers them and it has no named groups.</summary>
    public Regex Regex { get; }

    /// <summary>Java's <c>Matcher.groupCount()</c>: the number of capturing groups, named ones included.</summary>
    public int GroupCount { get; }

    /// <summary>Java group names and the number of the group each names.</summary>
    public IReadOnlyDictionary<string, int> GroupNames { get; }

    /// <summary>Compiles a Java pattern; the regex matches anywhere (Java's <c>find</c>).</summary>
    /// <exception cref="ArgumentException">The pattern is invalid in Java or uses a construct .NET cannot express.</exception>
    public static JavaRegex Compile(string pattern) => Compile(pattern, wholeMatch: false);

    /// <summary>Compiles a Java pattern that must match a whole string, as Java's <c>Matcher.matches</c>.</summary>
    /// <exception cref="ArgumentException">The pattern is invalid in Java or uses a construct .NET cannot express.</exception>
    public static JavaRegex CompileWholeMatch(string pattern) => Compile(pattern, wholeMatch: true);

    private static JavaRegex Compile(string pattern, bool wholeMatch)
    {
        var translator = new Translator(pattern);
        var translated = translator.Translate();
        var regex = new Regex(wholeMatch ? $"\\A(?:{translated})\\z" : translated, RegexOptions.CultureInvariant, MatchTimeout);
        return new JavaRegex(regex, translator.GroupCount, translator.GroupNames);
    }

    private sealed class Translator(string pattern)
    {
        private const string VerticalSpace = "\\n\\x0B\\f\\r\\x85\\u2028\\u2029";
        private const string HorizontalSpace = " \\t\\xA0\\u1680\\u180E\\u2000-\\u200A\\u202F\\u205F\\u3000";

        private readonly StringBuilder _out = new();
        private readonly Stack<int> _groupStarts = new();
        private int _i;
        private int _lastAtomStart = -1;

        public int GroupCount { get; private set; }

        public Dictionary<string, int> GroupNames { get; } = new(StringComparer.Ordinal);

        public string Translate()
        {
            while (_i < pattern.Length)
            {
                var c = pattern[_i];
                switch (c)
                {
                    case '\\':
                        TranslateEscape();
                        break;
                    case '[':
                        _lastAtomStart = _out.Length;
                        TranslateClass();
                        break;
                    case '(':
                        TranslateGroupOpen();
                        break;
                    case ')':
                        if (_groupStarts.Count == 0)
                        {
                            throw Error("Unmatched closing ')'");
                        }

                        _out.Append(')');
                        _i++;
                        _lastAtomStart = _groupStarts.Pop();
                        break;
                    case '*' or '+' or '?':
                        _out.Append(c);
                        _i++;
                        QuantifierSuffix();
                        break;
                    case '{':
                        TranslateRepetition();
                        break;
                    case '|' or '^' or '$':
                        _out.Append(c);
                        _i++;
                        _lastAtomStart = -1;
                        break;
                    default:
                        _lastAtomStart = _out.Length;
                        _out.Append(c);
                        _i++;
                        break;
                }
            }

            if (_groupStarts.Count > 0)
            {
                throw Error("Unclosed group");
            }

            return _out.ToString();
        }

        private ArgumentException Error(string description) =>
            new($"{description} near index {Math.Min(_i, pattern.Length)}{Environment.NewLine}{pattern}");

        // After a quantifier: '?' makes it lazy (same in .NET), '+' possessive (an atomic group in .NET).
        private void QuantifierSuffix()
        {
            if (_i < pattern.Length && pattern[_i] == '+')
            {
                _i++;
                if (_lastAtomStart < 0)
                {
                    throw Error("Dangling meta character '+'");
                }

                _out.Insert(_lastAtomStart, "(?>").Append(')');
            }
            else if (_i < pattern.Length && pattern[_i] == '?')
            {
                _out.Append('?');
                _i++;
            }
        }

        // Java reads '{' outside a class only as a counted repetition; anything else is "Illegal repetition" (a
        // topic.format-like "${topic}" as a regex fails in Kafka), where .NET would match the brace literally.
        private void TranslateRepetition()
        {
            var close = pattern.IndexOf('}', _i + 1);
            if (close < 0)
            {
                throw Error(_i + 1 < pattern.Length && char.IsAsciiDigit(pattern[_i + 1]) ? "Unclosed counted closure" : "Illegal repetition");
            }

            var body = pattern.AsSpan(_i + 1, close - _i - 1);
            var comma = body.IndexOf(',');
            var min = comma < 0 ? body : body[..comma];
            var max = comma < 0 ? ReadOnlySpan<char>.Empty : body[(comma + 1)..];
            if (min.Length == 0 || !IsDigits(min) || !IsDigits(max))
            {
                throw Error("Illegal repetition");
            }

            _out.Append('{').Append(body).Append('}');
            _i = close + 1;
            QuantifierSuffix();
        }

        private static bool IsDigits(ReadOnlySpan<char> span)
        {
            foreach (var c in span)
            {
                if (!char.IsAsciiDigit(c))
                {
                    return false;
                }
            }

            return true;
        }

        private void TranslateGroupOpen()
        {
            _groupStarts.Push(_out.Length);
            _lastAtomStart = -1;
            _i++;
            if (_i >= pattern.Length || pattern[_i] != '?')
            {
                GroupCount++;
                _out.Append('(');
                return;
            }

            _i++;
            var kind = _i < pattern.Length ? pattern[_i] : '\0';
            switch (kind)
            {
                case ':' or '=' or '!' or '>':
                    _out.Append("(?").Append(kind);
                    _i++;
                    return;
                case '<' when _i + 1 < pattern.Length && pattern[_i + 1] is '=' or '!':
                    _out.Append("(?<").Append(pattern[_i + 1]);
                    _i += 2;
                    return;
                case '<':
                    var end = pattern.IndexOf('>', _i);
                    var name = end < 0 ? string.Empty : pattern[(_i + 1)..end];
                    if (name.Length == 0 || !char.IsAsciiLetter(name[0]) || !name.All(char.IsAsciiLetterOrDigit))
                    {
                        throw Error("capturing group name does not start with a Latin letter or contains other than Latin letters and digits");
                    }

                    if (!GroupNames.TryAdd(name, ++GroupCount))
                    {
                        throw Error($"Named capturing group <{name}> is already defined");
                    }

                    _out.Append('(');
                    _i = end + 1;
                    return;
                default:
                    TranslateFlags();
                    return;
            }
        }

        // (?idmsuxU-idmsuxU) or (?flags:X). d (UNIX_LINES) is .NET's own behaviour; u and U ask for Unicode case
        // folding and classes, which .NET has anyway. Comments mode x is not supported: Java and .NET differ inside
        // classes there, and a translation that reads a comment as pattern would be wrong.
        private void TranslateFlags()
        {
            var flags = new StringBuilder();
            while (_i < pattern.Length && pattern[_i] is not ')' and not ':')
            {
                var f = pattern[_i];
                switch (f)
                {
                    case 'i' or 'm' or 's' or '-':
                        flags.Append(f);
                        break;
                    case 'd' or 'u' or 'U':
                        break;
                    case 'x':
                        throw Error("Comments mode (?x) is not supported");
                    default:
                        throw Error("Unknown inline modifier");
                }

                _i++;
            }

            if (_i >= pattern.Length)
            {
                throw Error("Unknown inline modifier");
            }

            var text = flags.ToString().TrimEnd('-');
            if (pattern[_i] == ':')
            {
                _out.Append("(?").Append(text).Append(':');
            }
            else
            {
                // A flag group is no group: it closes here and leaves nothing to quantify.
                _groupStarts.Pop();
                if (text.Length > 0)
                {
                    _out.Append("(?").Append(text).Append(')');
                }
            }

            _i++;
        }

        private void TranslateEscape()
        {
            _lastAtomStart = _out.Length;
            if (_i + 1 >= pattern.Length)
            {
                throw Error("Unexpected internal error");
            }

            var c = pattern[_i + 1];
            switch (c)
            {
                case 'Q':
                    AppendQuoted(inClass: false);
                    return;
                case 'R':
                    _out.Append("(?:\\r\\n|[").Append(VerticalSpace).Append("])");
                    _i += 2;
                    return;
                case 'k':
                    TranslateNamedBackReference();
                    return;
                case 'b' when _i + 2 < pattern.Length && pattern[_i + 2] == '{':
                    throw Error("\\b{g} grapheme boundaries are not supported");
                case 'b' or 'B' or 'A' or 'G' or 'Z' or 'z':
                    _out.Append('\\').Append(c);
                    _i += 2;
                    _lastAtomStart = -1;
                    return;
                default:
                    var (inline, negated) = ClassEscape(inClass: false);
                    if (inline is null)
                    {
                        return;
                    }

                    _out.Append(negated ? "[^" : "[").Append(inline).Append(']');
                    return;
            }
        }

        private void TranslateNamedBackReference()
        {
            var end = _i + 2 < pattern.Length && pattern[_i + 2] == '<' ? pattern.IndexOf('>', _i + 3) : -1;
            if (end < 0)
            {
                throw Error("\\k is not followed by '<' for named capturing group");
            }

            var name = pattern[(_i + 3)..end];
            if (!GroupNames.TryGetValue(name, out var number))
            {
                throw Error($"named capturing group <{name}> does not exist");
            }

            _out.Append("\\k<").Append(number.ToString(CultureInfo.InvariantCulture)).Append('>');
            _i = end + 1;
        }

        // An escape at _i. Either appends its .NET form and returns null, or returns a set to write inside a class
        // (with whether the set is negated) for the caller to wrap.
        private (string? Inline, bool Negated) ClassEscape(bool inClass)
        {
            var c = pattern[_i + 1];
            switch (c)
            {
                case 'h' or 'H':
                    _i += 2;
                    return (HorizontalSpace, c == 'H');
                case 'v' or 'V':
                    _i += 2;
                    return (VerticalSpace, c == 'V');
                case 'p' or 'P':
                    return Property(c == 'P', inClass);
                case 'x' when _i + 2 < pattern.Length && pattern[_i + 2] == '{':
                    AppendCodePoint();
                    return (null, false);
                case '0':
                    AppendOctal();
                    return (null, false);
                case 'X':
                    throw Error("\\X grapheme clusters are not supported");
                case 'N':
                    throw Error("\\N{name} is not supported");
                default:
                    // Everything else (\d \w \s \t \n \uXXXX \xHH \cX \1 and escaped punctuation) reads the same in .NET;
                    // .NET rejects the letters Java rejects.
                    _out.Append('\\').Append(c);
                    _i += 2;
                    return (null, false);
            }
        }

        private void AppendCodePoint()
        {
            var end = pattern.IndexOf('}', _i + 3);
            if (end < 0 || !int.TryParse(pattern.AsSpan(_i + 3, end - _i - 3), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var cp)
                || cp > 0x10FFFF)
            {
                throw Error("Illegal hexadecimal escape sequence");
            }

            foreach (var unit in char.ConvertFromUtf32(cp))
            {
                AppendUnit(unit);
            }

            _i = end + 1;
        }

        // Java's \0n, \0nn, \0mnn (m at most 3): an octal character.
        private void AppendOctal()
        {
            var j = _i + 2;
            var value = 0;
            var digits = 0;
            while (j < pattern.Length && digits < 3 && pattern[j] is >= '0' and <= '7')
            {
                var next = (value * 8) + (pattern[j] - '0');
                if (next > 0xFF)
                {
                    break;
                }

                value = next;
                j++;
                digits++;
            }

            if (digits == 0)
            {
                throw Error("Illegal octal escape sequence");
            }

            AppendUnit((char)value);
            _i = j;
        }

        private void AppendUnit(char unit) => _out.Append("\\u").Append(((int)unit).ToString("X4", CultureInfo.InvariantCulture));

        private void AppendQuoted(bool inClass)
        {
            var start = _i + 2;
            var end = pattern.IndexOf("\\E", start, StringComparison.Ordinal);
            var literal = end < 0 ? pattern[start..] : pattern[start..end];
            var escaped = Regex.Escape(literal);
            if (inClass)
            {
                escaped = escaped.Replace("]", "\\]", StringComparison.Ordinal).Replace("-", "\\-", StringComparison.Ordinal);
            }
            else if (literal.Length > 1)
            {
                // A quantifier after \Q..\E applies to the last character only, as in Java.
                _out.Append(Regex.Escape(literal[..^1]));
                _lastAtomStart = _out.Length;
                escaped = Regex.Escape(literal[^1..]);
            }

            _out.Append(escaped);
            _i = end < 0 ? pattern.Length : end + 2;
        }

        private (string? Inline, bool Negated) Property(bool negated, bool inClass)
        {
            string name;
            if (_i + 2 < pattern.Length && pattern[_i + 2] == '{')
            {
                var end = pattern.IndexOf('}', _i + 3);
                if (end < 0)
                {
                    throw Error("Unclosed character family");
                }

                name = pattern[(_i + 3)..end];
                _i = end + 1;
            }
            else if (_i + 2 < pattern.Length)
            {
                name = pattern[_i + 2].ToString();
                _i += 3;
            }
            else
            {
                throw Error("Illegal character family");
            }

            if (name.StartsWith('^'))
            {
                negated = !negated;
                name = name[1..];
            }

            if (AsciiAndJavaClass(name) is { } inline)
            {
                return (inline, negated);
            }

            var category = DotNetCategory(name) ?? throw Error($"Unknown or unsupported character property name {{{name}}}");
            if (!inClass)
            {
                _out.Append(negated ? "\\P{" : "\\p{").Append(category).Append('}');
                return (null, false);
            }

            return ($"\\{(negated ? 'P' : 'p')}{{{category}}}", false);
        }

        // POSIX classes are ASCII in Java (without UNICODE_CHARACTER_CLASS); the java* classes follow Character.isX.
        private static string? AsciiAndJavaClass(string name) => name switch
        {
            "Lower" => "a-z",
            "Upper" => "A-Z",
            "ASCII" => "\\x00-\\x7F",
            "Alpha" => "a-zA-Z",
            "Digit" => "0-9",
            "Alnum" => "a-zA-Z0-9",
            "Punct" => "!-/:-@\\[-`{-~",
            "Graph" => "!-~",
            "Print" => "\\x20-\\x7E",
            "Blank" => " \\t",
            "Cntrl" => "\\x00-\\x1F\\x7F",
            "XDigit" => "0-9a-fA-F",
            "Space" => " \\t\\n\\x0B\\f\\r",
            "javaLowerCase" or "IsLowercase" => "\\p{Ll}",
            "javaUpperCase" or "IsUppercase" => "\\p{Lu}",
            "javaTitleCase" or "IsTitlecase" => "\\p{Lt}",
            "javaDigit" or "IsDigit" => "\\p{Nd}",
            "javaLetter" or "IsLetter" => "\\p{L}",
            "javaLetterOrDigit" => "\\p{L}\\p{Nd}",
            "javaAlphabetic" or "IsAlphabetic" => "\\p{L}\\p{Nl}",
            "javaSpaceChar" => "\\p{Z}",
            "javaWhitespace" => "\\t-\\r\\x1C-\\x1F \\u1680\\u2000-\\u2006\\u2008-\\u200A\\u2028\\u2029\\u205F\\u3000",
            "IsWhite_Space" or "IsWhiteSpace" => "\\t-\\r \\x85\\xA0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000",
            "javaISOControl" or "IsControl" => "\\x00-\\x1F\\x7F-\\x9F",
            "IsPunctuation" => "\\p{P}",
            _ => null,
        };

        // General categories (L, Lu, IsLu, gc=Lu, general_category=Lu) and blocks (InGreek, blk=Greek) map to .NET's
        // \p{Lu} and \p{IsGreek}; scripts (IsLatin, script=Latin) have no .NET equivalent.
        private static string? DotNetCategory(string name)
        {
            var eq = name.IndexOf('=');
            if (eq >= 0)
            {
                var key = name[..eq];
                var value = name[(eq + 1)..];
                return key switch
                {
                    "gc" or "general_category" => IsCategory(value) ? value : null,
                    "blk" or "block" => Block(value),
                    _ => null,
                };
            }

            if (IsCategory(name))
            {
                return name;
            }

            if (name.StartsWith("Is", StringComparison.Ordinal) && IsCategory(name[2..]))
            {
                return name[2..];
            }

            return name.StartsWith("In", StringComparison.Ordinal) ? Block(name[2..]) : null;
        }

        private static bool IsCategory(string name) => name is "L" or "Lu" or "Ll" or "Lt" or "Lm" or "Lo" or "M" or "Mn" or "Mc" or "Me"
            or "N" or "Nd" or "Nl" or "No" or "P" or "Pc" or "Pd" or "Ps" or "Pe" or "Pi" or "Pf" or "Po" or "S" or "Sm" or "Sc"
            or "Sk" or "So" or "Z" or "Zs" or "Zl" or "Zp" or "C" or "Cc" or "Cf" or "Cs" or "Co" or "Cn";

        private static string? Block(string javaName)
        {
            var name = "Is" + javaName.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("_", string.Empty, StringComparison.Ordinal);
            try
            {
                _ = new Regex($"\\p{{{name}}}", RegexOptions.CultureInvariant);
                return name;
            }
            catch (ArgumentException)
            {
                return null;
            }
        }

        private void TranslateClass()
        {
            _out.Append('[');
            _i++;
            if (_i < pattern.Length && pattern[_i] == '^')
            {
                _out.Append('^');
                _i++;
            }

            var first = true;
            while (true)
            {
                if (_i >= pattern.Length)
                {
                    throw Error("Unclosed character class");
                }

                var c = pattern[_i];
                if (c == ']' && !first)
                {
                    _out.Append(']');
                    _i++;
                    return;
                }

                first = false;
                switch (c)
                {
                    case '[':
                        throw Error("Nested character classes (unions such as [a-c[x-z]]) are not supported");
                    case '&' when _i + 1 < pattern.Length && pattern[_i + 1] == '&':
                        throw Error("Character class intersections (&&) are not supported");
                    case '\\':
                        TranslateClassEscape();
                        break;
                    case ']':
                        _out.Append("\\]");
                        _i++;
                        break;
                    default:
                        _out.Append(c);
                        _i++;
                        break;
                }
            }
        }

        private void TranslateClassEscape()
        {
            if (_i + 1 >= pattern.Length)
            {
                throw Error("Unclosed character class");
            }

            switch (pattern[_i + 1])
            {
                case 'Q':
                    AppendQuoted(inClass: true);
                    return;
                case 'R' or 'k' or 'b' or 'B' or 'A' or 'G' or 'Z' or 'z':
                    throw Error("Illegal/unsupported escape sequence");
            }

            var (inline, negated) = ClassEscape(inClass: true);
            if (inline is null)
            {
                return;
            }

            if (negated)
            {
                throw Error("A negated class such as \\H, \\V or \\P{Lower} inside [...] is not supported");
            }

            _out.Append(inline);
        }
    }
}
