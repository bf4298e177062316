using System.Globalization;
using System.Text;

namespace OrleansConnect.Grains.Hosting;

/// <summary>
/// Reads a Java properties file exactly as <c>java.util.Properties.load</c> does, which is how Kafka reads worker and
/// connector files: <c>=</c>, <c>:</c> or whitespace between key and value, <c>#</c>/<c>!</c> comment lines, a line
/// ending in an odd number of backslashes continued on the next (its leading whitespace dropped), and the escapes
/// <c>\t \n \r \f \uXXXX</c> (any other escaped character stands for itself). Where Java throws (a malformed
/// <c>\u</c> escape), and for an empty key, this throws <see cref="WorkerFileException"/> with the file and line.
/// </summary>
internal static class JavaProperties
{
    /// <summary>Reads a file: UTF-8, or ISO-8859-1 (what Java's <c>load(InputStream)</c> reads) when it is not valid UTF-8.</summary>
    public static IReadOnlyList<PropertyEntry> Load(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new WorkerFileException(path, 0, $"cannot be read: {e.Message}");
        }

        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            text = Encoding.Latin1.GetString(bytes);
        }

        return Parse(text.StartsWith('\uFEFF') ? text[1..] : text, path);
    }

    /// <summary>The entries of <paramref name="text"/> in file order; a key given twice appears twice (the last wins in Java).</summary>
    public static IReadOnlyList<PropertyEntry> Parse(string text, string file)
    {
        var entries = new List<PropertyEntry>();
        var position = 0;
        var line = 0;
        while (position < text.Length)
        {
            var natural = ReadNaturalLine(text, ref position, ref line);
            var start = SkipWhitespace(natural, 0);
            if (start == natural.Length || natural[start] is '#' or '!')
            {
                continue;
            }

            // The logical line: natural lines joined while one ends in an odd number of backslashes.
            var firstLine = line;
            var logical = new StringBuilder(natural, start, natural.Length - start, natural.Length);
            while (EndsWithOddBackslashes(logical))
            {
                logical.Length--;
                if (position >= text.Length)
                {
                    break;
                }

                var next = ReadNaturalLine(text, ref position, ref line);
                logical.Append(next, SkipWhitespace(next, 0), next.Length - SkipWhitespace(next, 0));
            }

            entries.Add(ParseLogicalLine(logical.ToString(), file, firstLine));
        }

        return entries;
    }

    private static PropertyEntry ParseLogicalLine(string logical, string file, int line)
    {
        var keyEnd = 0;
        while (keyEnd < logical.Length)
        {
            var c = logical[keyEnd];
            if (c == '\\')
            {
                keyEnd += 2;
                continue;
            }

            if (c is '=' or ':' || IsWhitespace(c))
            {
                break;
            }

            keyEnd++;
        }

        keyEnd = Math.Min(keyEnd, logical.Length);
        var valueStart = SkipWhitespace(logical, keyEnd);
        if (valueStart < logical.Length && logical[valueStart] is '=' or ':')
        {
            valueStart = SkipWhitespace(logical, valueStart + 1);
        }

        var key = Unescape(logical[..keyEnd], file, line, "its key");
        if (key.Length == 0)
        {
            throw new WorkerFileException(file, line, $"empty key (the line starts with '=' or ':')");
        }

        return new PropertyEntry(key, Unescape(logical[valueStart..], file, line, $"the value of '{key}'"), line);
    }

    /// <summary>Resolves escapes; <paramref name="what"/> names the part in an error (never the value itself: it may be a password).</summary>
    private static string Unescape(string escaped, string file, int line, string what)
    {
        if (!escaped.Contains('\\', StringComparison.Ordinal))
        {
            return escaped;
        }

        var result = new StringBuilder(escaped.Length);
        for (var i = 0; i < escaped.Length; i++)
        {
            var c = escaped[i];
            if (c != '\\' || i + 1 == escaped.Length)
            {
                result.Append(c);
                continue;
            }

            c = escaped[++i];
            switch (c)
            {
                case 't': result.Append('\t'); break;
                case 'n': result.Append('\n'); break;
                case 'r': result.Append('\r'); break;
                case 'f': result.Append('\f'); break;
                case 'u':
                    if (i + 4 >= escaped.Length
                        || !ushort.TryParse(escaped.AsSpan(i + 1, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                    {
                        throw new WorkerFileException(file, line, $"malformed \\uXXXX escape in {what} (Java's Properties.load refuses it too)");
                    }

                    result.Append((char)code);
                    i += 4;
                    break;
                default: result.Append(c); break;
            }
        }

        return result.ToString();
    }

    /// <summary>One natural line without its terminator (<c>\n</c>, <c>\r</c> or <c>\r\n</c>); counts lines from 1.</summary>
    private static string ReadNaturalLine(string text, ref int position, ref int line)
    {
        line++;
        var end = text.IndexOfAny(['\n', '\r'], position);
        if (end < 0)
        {
            var last = text[position..];
            position = text.Length;
            return last;
        }

        var natural = text[position..end];
        position = end + (text[end] == '\r' && end + 1 < text.Length && text[end + 1] == '\n' ? 2 : 1);
        return natural;
    }

    private static bool EndsWithOddBackslashes(StringBuilder text)
    {
        var count = 0;
        for (var i = text.Length - 1; i >= 0 && text[i] == '\\'; i--)
        {
            count++;
        }

        return count % 2 == 1;
    }

    private static int SkipWhitespace(string text, int from)
    {
        while (from < text.Length && IsWhitespace(text[from]))
        {
            from++;
        }

        return from;
    }

    private static bool IsWhitespace(char c) => c is ' ' or '\t' or '\f';
}
