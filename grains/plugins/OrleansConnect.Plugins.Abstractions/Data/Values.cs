using System.Collections;
using System.Globalization;
using System.Text;
using OrleansConnect.Plugins.Errors;

namespace OrleansConnect.Plugins.Data;

/// <summary>
/// Connect values to and from plain strings, as Kafka's <c>org.apache.kafka.connect.data.Values</c>: what
/// <c>SimpleHeaderConverter</c> writes and reads, what <c>StringConverter</c> writes for non-string values, and how
/// <c>InsertHeader</c> reads its <c>value.literal</c>. Formatting follows Kafka; parsing infers a subset of what Kafka
/// infers (see <see cref="ParseString"/>). Stateless and thread-safe; any plugin may call it from any thread.
/// </summary>
public static class Values
{
    internal const string DateFormat = "yyyy-MM-dd";
    internal const string TimeFormat = "HH:mm:ss.fff'Z'";
    internal const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    private const string NullLiteral = "null";

    /// <summary>Formats a value: strings as they are, numbers and booleans as Java prints them, bytes as base64,
    /// temporal values in ISO 8601, arrays as <c>[a,b]</c>, maps and structs as <c>{"k":v}</c>.</summary>
    /// <param name="value">A Connect value (see the data model), or null.</param>
    /// <returns>The text, or null for null.</returns>
    /// <exception cref="DataException">The value is not of a Connect type.</exception>
    public static string? ConvertToString(object? value)
    {
        if (value is null)
        {
            return null;
        }

        var sb = new StringBuilder();
        Append(sb, value, embedded: false);
        return sb.ToString();
    }

    /// <summary>
    /// Infers a schema and value from a string: <c>null</c>; <c>true</c>/<c>false</c>; numbers (Java's BigDecimal
    /// syntax) as the smallest of INT8/INT16/INT32/INT64 that holds them exactly (integral values written with a fraction
    /// or an exponent, such as <c>2.0</c> or <c>1E+3</c>, too, as Kafka does), other numbers with a fraction as FLOAT32
    /// (FLOAT64 when out of float range), and integers beyond INT64 or numbers beyond the double range as a Decimal of
    /// the text's scale (<see cref="BigDecimal"/>); ISO dates, times and timestamps in the formats
    /// <see cref="ConvertToString"/> writes as Date, Time and Timestamp; <c>[..]</c> as an ARRAY and <c>{k:v,..}</c> as a
    /// MAP of the elements' common schema (numbers widen; null schema when the elements have none in common); anything
    /// else, including a malformed array or map, as the STRING itself.
    /// </summary>
    /// <param name="value">The text; never null.</param>
    /// <returns>The inferred schema and value; <see cref="SchemaAndValue.Null"/> for the text <c>null</c>.</returns>
    public static SchemaAndValue ParseString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length == 0)
        {
            return new SchemaAndValue(Schema.String, value);
        }

        if (value == NullLiteral)
        {
            return SchemaAndValue.Null;
        }

        if (value[0] is '[' or '{')
        {
            var parser = new Parser(value);
            if (parser.TryParseComplete(out var complex))
            {
                return complex;
            }
        }

        return ParseScalar(value) ?? new SchemaAndValue(Schema.String, value);
    }

    private static void Append(StringBuilder sb, object? value, bool embedded)
    {
        switch (value)
        {
            case null:
                sb.Append(NullLiteral);
                break;
            case string s:
                AppendString(sb, s, embedded);
                break;
            case bool b:
                sb.Append(b ? "true" : "false");
                break;
            case float f:
                sb.Append(JavaFormat.Float(f));
                break;
            case double d:
                sb.Append(JavaFormat.Double(d));
                break;
            case sbyte or short or int or long:
                sb.Append(((IFormattable)value).ToString(null, CultureInfo.InvariantCulture));
                break;
            case BigDecimal d:
                sb.Append(d.ToString());
                break;
            case byte[] bytes:
                AppendString(sb, Convert.ToBase64String(bytes), embedded);
                break;
            case DateOnly date:
                AppendTemporal(sb, date.ToString(DateFormat, CultureInfo.InvariantCulture), embedded);
                break;
            case TimeOnly time:
                AppendTemporal(sb, time.ToString(TimeFormat, CultureInfo.InvariantCulture), embedded);
                break;
            case DateTimeOffset instant:
                AppendTemporal(sb, instant.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture), embedded);
                break;
            case Struct st:
                sb.Append('{');
                foreach (var field in st.Schema.Fields)
                {
                    if (field.Index > 0)
                    {
                        sb.Append(',');
                    }

                    AppendString(sb, field.Name, embedded: true);
                    sb.Append(':');
                    Append(sb, st.Get(field), embedded: true);
                }

                sb.Append('}');
                break;
            case IDictionary map:
                sb.Append('{');
                var firstEntry = true;
                foreach (DictionaryEntry entry in map)
                {
                    sb.Append(firstEntry ? string.Empty : ",");
                    firstEntry = false;
                    Append(sb, entry.Key, embedded: true);
                    sb.Append(':');
                    Append(sb, entry.Value, embedded: true);
                }

                sb.Append('}');
                break;
            case IList list:
                sb.Append('[');
                for (var i = 0; i < list.Count; i++)
                {
                    sb.Append(i == 0 ? string.Empty : ",");
                    Append(sb, list[i], embedded: true);
                }

                sb.Append(']');
                break;
            default:
                throw new DataException($"Failed to serialize unexpected value type {value.GetType().FullName}: {value}");
        }
    }

    private static void AppendString(StringBuilder sb, string value, bool embedded)
    {
        if (embedded)
        {
            sb.Append('"').Append(value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)).Append('"');
        }
        else
        {
            sb.Append(value);
        }
    }

    // Kafka appends temporal values unquoted even inside arrays and maps, where the colons of a time collide with the
    // map entry delimiter; quoting them there keeps them parseable, and Kafka's parser reads quoted temporals back too.
    private static void AppendTemporal(StringBuilder sb, string formatted, bool embedded) =>
        sb.Append(embedded ? "\"" + formatted + "\"" : formatted);

    private static SchemaAndValue? ParseScalar(string token)
    {
        if (token == "true")
        {
            return new SchemaAndValue(Schema.Boolean, true);
        }

        if (token == "false")
        {
            return new SchemaAndValue(Schema.Boolean, false);
        }

        var first = token[0];
        return char.IsAsciiDigit(first) ? ParseTemporal(token) ?? ParseNumber(token)
            : first is '+' or '-' ? ParseNumber(token)
            : null;
    }

    private static SchemaAndValue? ParseTemporal(string token)
    {
        var culture = CultureInfo.InvariantCulture;
        return token.Length switch
        {
            10 when DateOnly.TryParseExact(token, DateFormat, culture, DateTimeStyles.None, out var date) =>
                new SchemaAndValue(Data.Date.Schema, date),
            13 when TimeOnly.TryParseExact(token, TimeFormat, culture, DateTimeStyles.None, out var time) =>
                new SchemaAndValue(Data.Time.Schema, time),
            24 when DateTime.TryParseExact(token, TimestampFormat, culture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var instant) =>
                new SchemaAndValue(Data.Timestamp.Schema, new DateTimeOffset(instant, TimeSpan.Zero)),
            _ => null,
        };
    }

    // Kafka reads the token as a BigDecimal and takes the first that holds it exactly: INT8, INT16, INT32, INT64 (so
    // 2.0 and 1E+3 are integers); then, for a non-zero scale, FLOAT32 or FLOAT64 when finite; else a Decimal of the
    // token's own scale (a 30-digit integer, or a number beyond the double range).
    private static SchemaAndValue? ParseNumber(string token)
    {
        token = token.Trim();
        if (long.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return Integer(integer);
        }

        if (!BigDecimal.TryParse(token, out var number))
        {
            return null;
        }

        // A scale below -18 is at least 1E+19, beyond the long range, and needs no power of ten to tell.
        if (number.Scale >= -18 && number.TryRescale(0, out var whole) && whole.Unscaled >= long.MinValue && whole.Unscaled <= long.MaxValue)
        {
            return Integer((long)whole.Unscaled);
        }

        if (number.Scale != 0)
        {
            var f = (float)number;
            if (float.IsFinite(f))
            {
                return new SchemaAndValue(Schema.Float32, f);
            }

            var d = (double)number;
            if (double.IsFinite(d))
            {
                return new SchemaAndValue(Schema.Float64, d);
            }
        }

        return new SchemaAndValue(Data.Decimal.Schema(number.Scale), number);
    }

    private static SchemaAndValue Integer(long value) => value switch
    {
        >= sbyte.MinValue and <= sbyte.MaxValue => new SchemaAndValue(Schema.Int8, (sbyte)value),
        >= short.MinValue and <= short.MaxValue => new SchemaAndValue(Schema.Int16, (short)value),
        >= int.MinValue and <= int.MaxValue => new SchemaAndValue(Schema.Int32, (int)value),
        _ => new SchemaAndValue(Schema.Int64, value),
    };

    /// <summary>The common schema of two values' schemas: equal schemas, or the wider of two numeric ones; null if none.</summary>
    private static Schema? Common(Schema? previous, Schema? next)
    {
        if (previous is null || next is null || previous.Equals(next))
        {
            return previous ?? next;
        }

        var rankPrevious = NumericRank(previous);
        var rankNext = NumericRank(next);
        return rankPrevious < 0 || rankNext < 0 ? null : rankPrevious >= rankNext ? previous : next;
    }

    private static int NumericRank(Schema schema) => schema.Name is not null ? -1 : schema.Type switch
    {
        SchemaType.Int8 => 0,
        SchemaType.Int16 => 1,
        SchemaType.Int32 => 2,
        SchemaType.Int64 => 3,
        SchemaType.Float32 => 4,
        SchemaType.Float64 => 5,
        _ => -1,
    };

    // Each arm is boxed on its own: a switch over numeric arms would otherwise widen them all to double.
    private static object? Align(Schema schema, object? value) => value is null || NumericRank(schema) < 0 ? value : schema.Type switch
    {
        SchemaType.Int8 => (object)Convert.ToSByte(value, CultureInfo.InvariantCulture),
        SchemaType.Int16 => (object)Convert.ToInt16(value, CultureInfo.InvariantCulture),
        SchemaType.Int32 => (object)Convert.ToInt32(value, CultureInfo.InvariantCulture),
        SchemaType.Int64 => (object)Convert.ToInt64(value, CultureInfo.InvariantCulture),
        SchemaType.Float32 => (object)Convert.ToSingle(value, CultureInfo.InvariantCulture),
        _ => (object)Convert.ToDouble(value, CultureInfo.InvariantCulture),
    };

    private static Schema WithOptional(Schema schema, bool optional) =>
        optional && !schema.IsOptional ? SchemaBuilder.From(schema).Optional().Build() : schema;

    /// <summary>A recursive-descent parser for the bracketed forms; any syntax error abandons the whole parse.</summary>
    private sealed class Parser(string text)
    {
        private int _position;

        public bool TryParseComplete(out SchemaAndValue result)
        {
            try
            {
                result = ParseEmbedded();
                SkipWhitespace();
                return _position == text.Length;
            }
            catch (FormatException)
            {
                result = SchemaAndValue.Null;
                return false;
            }
        }

        private SchemaAndValue ParseEmbedded()
        {
            SkipWhitespace();
            if (_position >= text.Length)
            {
                throw new FormatException("Unexpected end");
            }

            switch (text[_position])
            {
                case '[':
                    _position++;
                    return ParseArray();
                case '{':
                    _position++;
                    return ParseMap();
                case '"':
                    _position++;
                    var content = ReadQuoted();
                    return ParseTemporal(content) ?? new SchemaAndValue(Schema.String, content);
                default:
                    var token = ReadBare();
                    return token == NullLiteral ? SchemaAndValue.Null
                        : ParseScalar(token) ?? throw new FormatException("Failed to parse embedded value " + token);
            }
        }

        private SchemaAndValue ParseArray()
        {
            var elements = new List<SchemaAndValue>();
            if (!TryConsume(']'))
            {
                do
                {
                    elements.Add(ParseEmbedded());
                }
                while (TryConsume(','));

                Expect(']');
            }

            var (schema, complete) = CommonOf(elements);
            var values = elements.Select(e => schema is null ? e.Value : Align(schema, e.Value)).ToList();
            return complete
                ? new SchemaAndValue(SchemaBuilder.Array(WithOptional(schema!, elements.Any(e => e.Value is null))).Build(), values)
                : new SchemaAndValue(null, values);
        }

        private SchemaAndValue ParseMap()
        {
            var keys = new List<SchemaAndValue>();
            var values = new List<SchemaAndValue>();
            if (!TryConsume('}'))
            {
                do
                {
                    var key = ParseEmbedded();
                    if (key.Value is null)
                    {
                        throw new FormatException("Map entry may not have a null key");
                    }

                    Expect(':');
                    keys.Add(key);
                    values.Add(ParseEmbedded());
                }
                while (TryConsume(','));

                Expect('}');
            }

            var (keySchema, keysComplete) = CommonOf(keys);
            var (valueSchema, valuesComplete) = CommonOf(values);
            var typed = keysComplete && valuesComplete;
            IDictionary map = keys.TrueForAll(k => k.Value is string) ? new Dictionary<string, object?>() : new Dictionary<object, object?>();
            for (var i = 0; i < keys.Count; i++)
            {
                map[typed ? Align(keySchema!, keys[i].Value)! : keys[i].Value!] = typed ? Align(valueSchema!, values[i].Value) : values[i].Value;
            }

            var schema = typed
                ? SchemaBuilder.Map(keySchema!, WithOptional(valueSchema!, values.Exists(v => v.Value is null))).Build()
                : null;
            return new SchemaAndValue(schema, map);
        }

        // The common schema, and whether there is one that covers every non-null element (false for none or a mix).
        private static (Schema? Schema, bool Complete) CommonOf(List<SchemaAndValue> items)
        {
            Schema? common = null;
            foreach (var item in items.Where(i => i.Value is not null))
            {
                common = common is null ? item.Schema : Common(common, item.Schema);
                if (common is null)
                {
                    return (null, false);
                }
            }

            return (common, common is not null);
        }

        private string ReadQuoted()
        {
            var sb = new StringBuilder();
            while (_position < text.Length)
            {
                var c = text[_position++];
                if (c == '"')
                {
                    return sb.ToString();
                }

                if (c == '\\' && _position < text.Length)
                {
                    c = text[_position++];
                }

                sb.Append(c);
            }

            throw new FormatException("Unterminated string");
        }

        private string ReadBare()
        {
            var start = _position;
            while (_position < text.Length && text[_position] is not (',' or ']' or '}' or ':' or '[' or '{' or '"'))
            {
                _position++;
            }

            var token = text[start.._position].Trim();
            return token.Length > 0 ? token : throw new FormatException("Empty element");
        }

        private bool TryConsume(char c)
        {
            SkipWhitespace();
            if (_position < text.Length && text[_position] == c)
            {
                _position++;
                return true;
            }

            return false;
        }

        private void Expect(char c)
        {
            if (!TryConsume(c))
            {
                throw new FormatException($"Expected '{c}' at {_position}");
            }
        }

        private void SkipWhitespace()
        {
            while (_position < text.Length && char.IsWhiteSpace(text[_position]))
            {
                _position++;
            }
        }
    }
}
