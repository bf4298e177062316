using System.Data.Common;
using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;
using Npgsql.PostgresTypes;
using Npgsql.Schema;
using OrleansConnect.Plugins.Data;
using OrleansConnect.Plugins.Errors;
using OrleansConnect.Plugins.Jdbc.Dialects;
using OrleansConnect.Plugins.Jdbc.Numeric;
using ConnectDecimal = OrleansConnect.Plugins.Data.Decimal;

namespace OrleansConnect.Plugins.Jdbc.Source;

/// <summary>
/// The Connect schema of a result set and the reading of its rows into <see cref="Struct"/>s. Each column maps by its
/// PostgreSQL type (see docs/reference/jdbc.md); a column of a type with no mapping is left out of the record, as the
/// JDBC connector skips columns it cannot map.
/// </summary>
internal sealed partial class SourceColumns : IRowReader
{
    /// <summary>The Decimal schema parameter Confluent's JDBC source sets to the column's precision (read by its Avro,
    /// Protobuf and JSON Schema converters and by the S3 sink's formats).</summary>
    public const string DecimalPrecisionParameter = "connect.decimal.precision";

    private const string NumericType = "numeric";

    // Confluent's GenericDatabaseDialect: MAX_INTEGER_TYPE_PRECISION, NUMERIC_TYPE_SCALE_LOW, NUMERIC_TYPE_SCALE_HIGH.
    private const int MaxIntegerTypePrecision = 18;
    private const int NumericScaleLow = -84;
    private const int UnconstrainedScale = 127;

    private readonly Column[] _columns;

    private SourceColumns(Schema schema, Column[] columns)
    {
        Schema = schema;
        _columns = columns;
    }

    public Schema Schema { get; }

    public static async Task<SourceColumns> ForAsync(NpgsqlDataReader reader, string? schemaName, string numericMapping, TimeZoneInfo timezone, CancellationToken cancellationToken)
    {
        var columns = await reader.GetColumnSchemaAsync(cancellationToken).ConfigureAwait(false);
        var mapped = new List<(int Ordinal, string Name, Schema Schema, Func<object, object> Convert, bool IsArray, bool IsNumeric)>();
        foreach (var (ordinal, column) in columns.Cast<NpgsqlDbColumn>().Index())
        {
            var optional = column.AllowDBNull ?? true;
            var typeName = reader.GetDataTypeName(ordinal);
            var type = Unwrap(column.PostgresType);
            if (type is PostgresArrayType array)
            {
                var elementType = Unwrap(array.Element).InternalName;
                if (Map(elementType, typeName, column, numericMapping, timezone, optional: true) is { } element)
                {
                    var arraySchema = SchemaBuilder.Array(element.Schema);
                    mapped.Add((ordinal, column.ColumnName, (optional ? arraySchema.Optional() : arraySchema).Build(), element.Convert, true, elementType == NumericType));
                }
            }
            else if (Map(type.InternalName, typeName, column, numericMapping, timezone, optional) is { } scalar)
            {
                mapped.Add((ordinal, column.ColumnName, scalar.Schema, scalar.Convert, false, type.InternalName == NumericType));
            }
        }

        var builder = SchemaBuilder.Struct().Name(schemaName);
        foreach (var m in mapped)
        {
            builder.Field(m.Name, m.Schema);
        }

        var built = builder.Build();
        return new SourceColumns(built, mapped.Select((m, i) => new Column(m.Ordinal, built.Fields[i], m.Convert, m.IsArray, m.IsNumeric)).ToArray());
    }

    public Struct Read(DbDataReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var row = new Struct(Schema);
        foreach (var (ordinal, field, convert, isArray, isNumeric) in _columns)
        {
            if (reader.IsDBNull(ordinal))
            {
                continue;
            }

            try
            {
                // numeric goes through PostgresNumeric: Npgsql's default (decimal) fails beyond 28 digits and on NaN.
                var raw = !isNumeric ? reader.GetValue(ordinal)
                    : isArray ? reader.GetFieldValue<PostgresNumeric?[]>(ordinal)
                    : reader.GetFieldValue<PostgresNumeric>(ordinal);
                row.Put(field, isArray ? ((Array)raw).Cast<object?>().Select(e => e is null or DBNull ? null : convert(e)).ToList() : convert(raw));
            }
            catch (Exception e) when (e is OverflowException or InvalidCastException)
            {
                throw new DataException($"Column \"{field.Name}\" holds a value its Connect type {field.Schema} cannot carry: {e.Message}", e);
            }
        }

        return row;
    }

    /// <summary>A timestamp or timestamptz value as UTC: a timestamp without time zone is a wall-clock time in <c>db.timezone</c>.</summary>
    public static DateTime ToUtc(object value, TimeZoneInfo timezone) => value switch
    {
        DateTime { Kind: DateTimeKind.Utc } utc => utc,
        DateTime local => TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), timezone),
        DateTimeOffset offset => offset.UtcDateTime,
        _ => throw new DataException($"Expected a timestamp, found {value.GetType().Name}"),
    };

    private readonly record struct Column(int Ordinal, Field Field, Func<object, object> Convert, bool IsArray, bool IsNumeric);

    private static PostgresType Unwrap(PostgresType type) => type is PostgresDomainType domain ? Unwrap(domain.BaseType) : type;

    private static (Schema Schema, Func<object, object> Convert)? Map(string type, string typeName, NpgsqlDbColumn column, string numericMapping, TimeZoneInfo timezone, bool optional)
    {
        (SchemaBuilder, Func<object, object>)? mapping = type switch
        {
            "int2" => (SchemaBuilder.Int16(), v => v),
            "int4" => (SchemaBuilder.Int32(), v => v),
            "int8" => (SchemaBuilder.Int64(), v => v),
            "float4" => (SchemaBuilder.Float32(), v => v),
            "float8" => (SchemaBuilder.Float64(), v => v),
            NumericType => Numeric(typeName, numericMapping),
            "bool" => (SchemaBuilder.Boolean(), v => v),
            "text" or "varchar" or "bpchar" or "char" or "name" or "citext" => (SchemaBuilder.String(), v => v),
            "json" or "jsonb" => (SchemaBuilder.String(), v => v),
            "uuid" => (SchemaBuilder.String(), v => ((Guid)v).ToString("D", CultureInfo.InvariantCulture)),
            "bytea" => (SchemaBuilder.Bytes(), v => v),
            "date" => (Date.Builder(), v => v is DateOnly d ? d : DateOnly.FromDateTime((DateTime)v)),
            "time" => (Time.Builder(), v => TruncateToMillis(v is TimeOnly t ? t.ToTimeSpan() : (TimeSpan)v)),
            "timestamp" or "timestamptz" => (Timestamp.Builder(), v => TruncateToMillis(new DateTimeOffset(ToUtc(v, timezone)))),
            _ when column.PostgresType is PostgresEnumType || (column.PostgresType is PostgresArrayType a && a.Element is PostgresEnumType) => (SchemaBuilder.String(), v => v.ToString()!),
            _ => null,
        };
        if (mapping is not { } m)
        {
            return null;
        }

        return ((optional ? m.Item1.Optional() : m.Item1).Build(), m.Item2);
    }

    // As Confluent's GenericDatabaseDialect: integers for small precisions of scale 0 (or, for best_fit and
    // best_fit_eager_double, a negative scale), FLOAT64 for fractions by the mapping's rule, else a Decimal of the column's
    // scale whose connect.decimal.precision parameter is the column's precision.
    private static (SchemaBuilder, Func<object, object>) Numeric(string typeName, string mapping)
    {
        // Npgsql leaves NumericPrecision unset here, but the reader's type name carries the modifier: numeric(p,s).
        var modifier = NumericModifier().Match(typeName);
        if (!modifier.Success)
        {
            // An unconstrained numeric: the JDBC driver reports precision 0 and scale 0, which Confluent's PostgreSQL
            // dialect turns into a Decimal of scale 127 (its NUMERIC_TYPE_SCALE_HIGH) with precision "0". The other
            // mappings would make it INT8 there (precision 0 is "small"), which truncates any fraction: FLOAT64 here.
            return mapping == JdbcSourceConfig.NumericMappingNone
                ? (ConnectDecimal.Builder(UnconstrainedScale).Parameter(DecimalPrecisionParameter, "0"), v => ((PostgresNumeric)v).ToBigDecimal(UnconstrainedScale))
                : (SchemaBuilder.Float64(), v => ((PostgresNumeric)v).ToDouble());
        }

        var p = int.Parse(modifier.Groups[1].ValueSpan, CultureInfo.InvariantCulture);
        // The type name shows the typmod's 16 scale bits unsigned (numeric(4,-2) is numeric(4,65534)); PostgreSQL 15 and
        // later keep a scale from -1000 to 1000 in the low 11 bits, sign-extended.
        var s = modifier.Groups[2].Success ? ((int.Parse(modifier.Groups[2].ValueSpan, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture) & 0x7FF) ^ 1024) - 1024 : 0;
        var integral = mapping switch
        {
            JdbcSourceConfig.NumericMappingPrecisionOnly => s == 0 && p <= MaxIntegerTypePrecision,
            JdbcSourceConfig.NumericMappingBestFit or JdbcSourceConfig.NumericMappingBestFitEagerDouble => s is <= 0 and >= NumericScaleLow && p <= MaxIntegerTypePrecision,
            _ => false,
        };
        if (integral)
        {
            return p switch
            {
                < 3 => (SchemaBuilder.Int8(), v => (object)checked((sbyte)((PostgresNumeric)v).ToInt64())),
                < 5 => (SchemaBuilder.Int16(), v => checked((short)((PostgresNumeric)v).ToInt64())),
                < 10 => (SchemaBuilder.Int32(), v => checked((int)((PostgresNumeric)v).ToInt64())),
                _ => (SchemaBuilder.Int64(), v => ((PostgresNumeric)v).ToInt64()),
            };
        }

        if (s > 0 && ((mapping == JdbcSourceConfig.NumericMappingBestFit && p <= MaxIntegerTypePrecision) || mapping == JdbcSourceConfig.NumericMappingBestFitEagerDouble))
        {
            return (SchemaBuilder.Float64(), v => ((PostgresNumeric)v).ToDouble());
        }

        return (ConnectDecimal.Builder(s).Parameter(DecimalPrecisionParameter, p.ToString(CultureInfo.InvariantCulture)), v => ((PostgresNumeric)v).ToBigDecimal(s));
    }

    [GeneratedRegex(@"^numeric\((\d+)(?:,\s*(-?\d+))?\)")]
    private static partial Regex NumericModifier();

    private static TimeOnly TruncateToMillis(TimeSpan time) => new(time.Ticks - (time.Ticks % TimeSpan.TicksPerMillisecond));

    private static DateTimeOffset TruncateToMillis(DateTimeOffset time) => time.AddTicks(-(time.UtcTicks % TimeSpan.TicksPerMillisecond));
}
