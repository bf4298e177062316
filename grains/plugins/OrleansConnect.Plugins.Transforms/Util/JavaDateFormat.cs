using System.Globalization;
using System.Text;
using OrleansConnect.Plugins.Config;

namespace OrleansConnect.Plugins.Transforms.Util;

/// <summary>
/// A Java <c>SimpleDateFormat</c> pattern as Kafka's timestamp transforms use it: time zone UTC, the JVM default locale
/// of a container (en-US) and its <c>GregorianCalendar</c> week rules (weeks start on Sunday; week 1 is the one holding
/// January 1). Every pattern letter is honoured: <c>G y Y M L w W D d F E u a H k K h m s S z Z X</c>, with quoting
/// (<c>'T'</c>, <c>''</c>). An ASCII letter outside that set, an unterminated quote or <c>X</c> repeated more than three
/// times is refused, as the <c>SimpleDateFormat</c> constructor refuses it. Formatting writes what Java writes (in
/// particular <c>S</c> is the millisecond count padded to the letter count, not a fraction). Parsing is Java's lenient
/// <c>DateFormat.parse(String)</c>: out-of-range fields roll over, numbers take as many digits as they have unless the
/// next field abuts them, spaces before a field are skipped and text after the pattern is ignored.
/// </summary>
internal sealed class JavaDateFormat
{
    private const string PatternLetters = "GyMdkHmsSEDFwWahKzZYuXL";

    private static readonly string[] MonthNames = CultureInfo.GetCultureInfo("en-US").DateTimeFormat.MonthNames[..12];
    private static readonly string[] ShortMonthNames = CultureInfo.GetCultureInfo("en-US").DateTimeFormat.AbbreviatedMonthNames[..12];
    private static readonly string[] DayNames = CultureInfo.GetCultureInfo("en-US").DateTimeFormat.DayNames;
    private static readonly string[] ShortDayNames = CultureInfo.GetCultureInfo("en-US").DateTimeFormat.AbbreviatedDayNames;
    private static readonly string[] AnyMonthName = [.. MonthNames, .. ShortMonthNames];
    private static readonly string[] AnyDayName = [.. DayNames, .. ShortDayNames];
    private static readonly string[] Eras = ["BC", "AD"];
    private static readonly string[] HalfDays = ["AM", "PM"];
    private static readonly string[] UtcNames = ["UTC", "GMT", "UT"];

    private readonly Token[] _tokens;
    private readonly int _defaultCenturyStart;

    private JavaDateFormat(string pattern, Token[] tokens)
    {
        Pattern = pattern;
        _tokens = tokens;

        // Java reads a two-digit year into the century that starts 80 years before the format was created.
        _defaultCenturyStart = DateTime.UtcNow.Year - 80;
    }

    /// <summary>The Java pattern, as given.</summary>
    public string Pattern { get; }

    /// <summary>Compiles a pattern; <paramref name="key"/> names the configuration key in the error.</summary>
    /// <exception cref="ConfigException">The pattern is one <c>SimpleDateFormat</c> refuses.</exception>
    public static JavaDateFormat Compile(string key, string pattern)
    {
        var tokens = new List<Token>();
        var literal = new StringBuilder();
        var i = 0;
        while (i < pattern.Length)
        {
            var c = pattern[i];
            if (c == '\'')
            {
                if (i + 1 < pattern.Length && pattern[i + 1] == '\'')
                {
                    literal.Append('\'');
                    i += 2;
                    continue;
                }

                i++;
                while (true)
                {
                    if (i >= pattern.Length)
                    {
                        throw new ConfigException(key, pattern, "Unterminated quote");
                    }

                    if (pattern[i] == '\'')
                    {
                        if (i + 1 < pattern.Length && pattern[i + 1] == '\'')
                        {
                            literal.Append('\'');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    literal.Append(pattern[i++]);
                }

                continue;
            }

            if (!char.IsAsciiLetter(c))
            {
                literal.Append(c);
                i++;
                continue;
            }

            if (!PatternLetters.Contains(c, StringComparison.Ordinal))
            {
                throw new ConfigException(key, pattern, $"Illegal pattern character '{c}'");
            }

            var count = 1;
            while (i + count < pattern.Length && pattern[i + count] == c)
            {
                count++;
            }

            if (c == 'X' && count > 3)
            {
                throw new ConfigException(key, pattern, "invalid ISO 8601 format: length=" + count);
            }

            if (literal.Length > 0)
            {
                tokens.Add(new Token('\0', 0, literal.ToString()));
                literal.Clear();
            }

            tokens.Add(new Token(c, count, null));
            i += count;
        }

        if (literal.Length > 0)
        {
            tokens.Add(new Token('\0', 0, literal.ToString()));
        }

        return new JavaDateFormat(pattern, [.. tokens]);
    }

    /// <summary>Formats an instant in UTC, as <c>SimpleDateFormat.format</c> with time zone UTC.</summary>
    public string Format(DateTimeOffset instant)
    {
        var t = instant.UtcDateTime;
        var sb = new StringBuilder();
        foreach (var token in _tokens)
        {
            if (token.Literal is not null)
            {
                sb.Append(token.Literal);
                continue;
            }

            var n = token.Count;
            switch (token.Letter)
            {
                case 'G':
                    sb.Append("AD");
                    break;
                case 'y':
                    AppendYear(sb, t.Year, n);
                    break;
                case 'Y':
                    AppendYear(sb, WeekOfYear(t).WeekYear, n);
                    break;
                case 'M' or 'L':
                    sb.Append(n >= 4 ? MonthNames[t.Month - 1] : n == 3 ? ShortMonthNames[t.Month - 1] : Padded(t.Month, n));
                    break;
                case 'w':
                    sb.Append(Padded(WeekOfYear(t).Week, n));
                    break;
                case 'W':
                    sb.Append(Padded(WeekOfMonth(t), n));
                    break;
                case 'D':
                    sb.Append(Padded(t.DayOfYear, n));
                    break;
                case 'd':
                    sb.Append(Padded(t.Day, n));
                    break;
                case 'F':
                    sb.Append(Padded(((t.Day - 1) / 7) + 1, n));
                    break;
                case 'E':
                    sb.Append(n >= 4 ? DayNames[(int)t.DayOfWeek] : ShortDayNames[(int)t.DayOfWeek]);
                    break;
                case 'u':
                    sb.Append(Padded(t.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)t.DayOfWeek, n));
                    break;
                case 'a':
                    sb.Append(t.Hour < 12 ? "AM" : "PM");
                    break;
                case 'H':
                    sb.Append(Padded(t.Hour, n));
                    break;
                case 'k':
                    sb.Append(Padded(t.Hour == 0 ? 24 : t.Hour, n));
                    break;
                case 'K':
                    sb.Append(Padded(t.Hour % 12, n));
                    break;
                case 'h':
                    sb.Append(Padded(t.Hour % 12 == 0 ? 12 : t.Hour % 12, n));
                    break;
                case 'm':
                    sb.Append(Padded(t.Minute, n));
                    break;
                case 's':
                    sb.Append(Padded(t.Second, n));
                    break;
                case 'S':
                    sb.Append(Padded(t.Millisecond, n));
                    break;
                case 'z':
                    sb.Append(n >= 4 ? "Coordinated Universal Time" : "UTC");
                    break;
                case 'Z':
                    sb.Append("+0000");
                    break;
                default:
                    sb.Append('Z');
                    break;
            }
        }

        return sb.ToString();
    }

    /// <summary>Parses text as Java's lenient <c>SimpleDateFormat.parse(String)</c> does; false where Java throws a <c>ParseException</c>.</summary>
    public bool TryParse(string text, out DateTimeOffset instant)
    {
        instant = default;
        var fields = new Fields();
        var pos = 0;
        for (var k = 0; k < _tokens.Length; k++)
        {
            var token = _tokens[k];
            if (token.Literal is not null)
            {
                if (pos + token.Literal.Length > text.Length || string.CompareOrdinal(text, pos, token.Literal, 0, token.Literal.Length) != 0)
                {
                    return false;
                }

                pos += token.Literal.Length;
                continue;
            }

            while (pos < text.Length && text[pos] is ' ' or '\t')
            {
                pos++;
            }

            if (pos >= text.Length)
            {
                return false;
            }

            // A number directly followed by another numeric field takes exactly its letter count of digits.
            var abuts = k + 1 < _tokens.Length && _tokens[k + 1].Literal is null && IsNumeric(_tokens[k + 1]);
            if (!ParseField(token, text, ref pos, abuts, ref fields))
            {
                return false;
            }
        }

        return fields.TryResolve(out instant);
    }

    private static bool IsNumeric(Token token) => token.Letter switch
    {
        'G' or 'E' or 'a' or 'z' or 'Z' or 'X' => false,
        'M' or 'L' => token.Count <= 2,
        _ => true,
    };

    private bool ParseField(Token token, string text, ref int pos, bool abuts, ref Fields fields)
    {
        switch (token.Letter)
        {
            case 'G':
                var era = MatchText(text, ref pos, Eras);
                fields.Bc = era == 0;
                return era >= 0;
            case 'M' or 'L' when token.Count >= 3:
                var month = MatchText(text, ref pos, AnyMonthName);
                fields.Month = (month % 12) + 1;
                return month >= 0;
            case 'E':
                var day = MatchText(text, ref pos, AnyDayName);
                fields.DayOfWeek = day % 7;
                return day >= 0;
            case 'a':
                var half = MatchText(text, ref pos, HalfDays);
                fields.Pm = half == 1;
                return half >= 0;
            case 'z' or 'Z' or 'X':
                return ParseZone(text, ref pos, ref fields);
        }

        var start = pos;
        if (!ParseNumber(text, ref pos, abuts ? token.Count : int.MaxValue, out var value))
        {
            return false;
        }

        switch (token.Letter)
        {
            case 'y' or 'Y':
                // A two-digit year for a pattern of at most two letters lands within 80 years before and 20 after now.
                if (token.Count <= 2 && pos - start == 2 && char.IsAsciiDigit(text[start]))
                {
                    var century = _defaultCenturyStart / 100 * 100;
                    value += century;
                    if (value < _defaultCenturyStart)
                    {
                        value += 100;
                    }
                }

                if (token.Letter == 'y')
                {
                    fields.Year = value;
                }
                else
                {
                    fields.WeekYear = value;
                }

                break;
            case 'M' or 'L':
                fields.Month = value;
                break;
            case 'w':
                fields.WeekOfYear = value;
                break;
            case 'D':
                fields.DayOfYear = value;
                break;
            case 'd':
                fields.Day = value;
                break;
            case 'u':
                fields.DayOfWeek = value % 7;
                break;
            case 'H':
                fields.Hour = value;
                break;
            case 'k':
                fields.Hour = value == 24 ? 0 : value;
                break;
            case 'K':
                fields.Hour12 = value;
                break;
            case 'h':
                fields.Hour12 = value == 12 ? 0 : value;
                break;
            case 'm':
                fields.Minute = value;
                break;
            case 's':
                fields.Second = value;
                break;
            case 'S':
                fields.Millisecond = value;
                break;

            // W (week in month) and F (day of week in month) are read but, as in Java when a day of month or day of
            // year is also given, do not decide the date.
        }

        return true;
    }

    private static bool ParseNumber(string text, ref int pos, int maxDigits, out int value)
    {
        value = 0;
        var negative = pos < text.Length && text[pos] == '-';
        var i = negative ? pos + 1 : pos;
        var digits = 0;
        long v = 0;
        while (i < text.Length && digits < maxDigits && char.IsAsciiDigit(text[i]))
        {
            v = Math.Min((v * 10) + (text[i] - '0'), int.MaxValue);
            i++;
            digits++;
        }

        if (digits == 0)
        {
            return false;
        }

        value = (int)(negative ? -v : v);
        pos = i;
        return true;
    }

    // The longest candidate that matches at pos, ignoring case (Java's matchString); its index, or -1.
    private static int MatchText(string text, ref int pos, string[] candidates)
    {
        var best = -1;
        for (var i = 0; i < candidates.Length; i++)
        {
            var c = candidates[i];
            if (c.Length > 0 && pos + c.Length <= text.Length && string.Compare(text, pos, c, 0, c.Length, StringComparison.OrdinalIgnoreCase) == 0
                && (best < 0 || c.Length > candidates[best].Length))
            {
                best = i;
            }
        }

        if (best >= 0)
        {
            pos += candidates[best].Length;
        }

        return best;
    }

    // Zones: Z, UTC, UT, GMT, each optionally followed by an offset, or a bare offset +hh, +hhmm, +hh:mm. Named zones
    // other than these (PST, Europe/Paris) are not parsed.
    private static bool ParseZone(string text, ref int pos, ref Fields fields)
    {
        var i = pos;
        if (i < text.Length && text[i] == 'Z')
        {
            fields.OffsetMinutes = 0;
            pos = i + 1;
            return true;
        }

        var named = false;
        foreach (var name in UtcNames)
        {
            if (i + name.Length <= text.Length && string.Compare(text, i, name, 0, name.Length, StringComparison.Ordinal) == 0)
            {
                i += name.Length;
                named = true;
                break;
            }
        }

        if (i < text.Length && text[i] is '+' or '-')
        {
            var sign = text[i] == '-' ? -1 : 1;
            var j = i + 1;
            if (!TwoDigits(text, j, out var hours))
            {
                return named && Done(ref pos, i, ref fields, 0);
            }

            j += 2;
            var minutes = 0;
            if (j < text.Length && text[j] == ':' && TwoDigits(text, j + 1, out var m))
            {
                minutes = m;
                j += 3;
            }
            else if (TwoDigits(text, j, out m))
            {
                minutes = m;
                j += 2;
            }

            return Done(ref pos, j, ref fields, sign * ((hours * 60) + minutes));
        }

        return named && Done(ref pos, i, ref fields, 0);

        static bool Done(ref int pos, int end, ref Fields fields, int offset)
        {
            fields.OffsetMinutes = offset;
            pos = end;
            return true;
        }
    }

    private static bool TwoDigits(string text, int at, out int value)
    {
        value = 0;
        if (at + 1 >= text.Length || !char.IsAsciiDigit(text[at]) || !char.IsAsciiDigit(text[at + 1]))
        {
            return false;
        }

        value = ((text[at] - '0') * 10) + (text[at + 1] - '0');
        return true;
    }

    private static void AppendYear(StringBuilder sb, int year, int count) =>
        sb.Append(count == 2 ? Padded(year % 100, 2) : Padded(year, count));

    private static string Padded(int value, int count) => value.ToString(CultureInfo.InvariantCulture).PadLeft(count, '0');

    // GregorianCalendar with the US rules: weeks start on Sunday, and week 1 is the week holding January 1 (minimal
    // days in the first week: 1), so the last days of December can be week 1 of the next week year.
    private static (int Week, int WeekYear) WeekOfYear(DateTime t)
    {
        var weekStart = t.Date.AddDays(-(int)t.DayOfWeek);
        if (t.Month == 12 && weekStart.AddDays(6).Year > t.Year)
        {
            return (1, t.Year + 1);
        }

        var jan1 = new DateTime(t.Year, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        return (((t.DayOfYear - 1 + (int)jan1.DayOfWeek) / 7) + 1, t.Year);
    }

    private static int WeekOfMonth(DateTime t)
    {
        var first = new DateTime(t.Year, t.Month, 1, 0, 0, 0, DateTimeKind.Utc);
        return ((t.Day - 1 + (int)first.DayOfWeek) / 7) + 1;
    }

    private sealed record Token(char Letter, int Count, string? Literal);

    // The calendar fields a parse sets; unset ones keep Java's cleared-calendar values (1970-01-01T00:00:00.000).
    private struct Fields
    {
        public int? Year;
        public int? WeekYear;
        public int? Month;
        public int? Day;
        public int? DayOfYear;
        public int? WeekOfYear;
        public int? DayOfWeek;
        public bool Bc;
        public int? Hour;
        public int? Hour12;
        public bool? Pm;
        public int Minute;
        public int Second;
        public int Millisecond;
        public int OffsetMinutes;

        public readonly bool TryResolve(out DateTimeOffset instant)
        {
            instant = default;
            try
            {
                var year = Year ?? 1970;
                if (Bc)
                {
                    year = 1 - year;
                }

                DateTime date;
                if (Month is null && Day is null && DayOfYear is { } dayOfYear)
                {
                    date = new DateTime(year, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(dayOfYear - 1);
                }
                else if (Month is null && Day is null && WeekOfYear is { } week)
                {
                    // Week dates: the Sunday-first week `week` of the week year, then the day in it.
                    var weekYear = WeekYear ?? year;
                    var jan1 = new DateTime(weekYear, 1, 1, 0, 0, 0, DateTimeKind.Utc);
                    date = jan1.AddDays(-(int)jan1.DayOfWeek).AddDays(((week - 1) * 7) + (DayOfWeek ?? 0));
                }
                else
                {
                    date = new DateTime(year, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths((Month ?? 1) - 1).AddDays((Day ?? 1) - 1);
                }

                var hour = Hour ?? ((Hour12 ?? 0) + (Pm == true ? 12 : 0));
                if (Hour is not null && Pm == true && Hour12 is null)
                {
                    hour = Hour.Value;
                }

                var local = date.AddHours(hour).AddMinutes(Minute).AddSeconds(Second).AddMilliseconds(Millisecond);
                instant = new DateTimeOffset(local.AddMinutes(-OffsetMinutes), TimeSpan.Zero);
                return true;
            }
            catch (ArgumentOutOfRangeException)
            {
                return false;
            }
        }
    }
}
