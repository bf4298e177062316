using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;
using Npgsql.PostgresTypes;
using Npgsql.Schema;
using OrleansConnect.Plugins.Data;
using OrleansConnect.Plugins.Errors;
using ConnectDecimal = OrleansConnect.Plugins.Data.Decimal;

namespace OrleansConnect.Plugins.Jdbc.Source;

/// <summary>
/// The Connect schema of a result set and the reading of its rows into <see cref="Struct"/>s. Each column maps by its
/// PostgreSQL type (see docs/reference/jdbc.md); a column of a type with no mapping is left out of the record, as the
/// JDBC connector skips columns it cannot map.
/// </summary>
internal sealed partial class SourceColumns
{
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
        var mapped = new List<(int Ordinal, string Name, Schema Schema, Func<object, object> Convert, bool IsArray)>();
        foreach (var (ordinal, column) in columns.Cast<NpgsqlDbColumn>().Index())
        {
            var optional = column.AllowDBNull ?? true;
            var typeName = reader.GetDataTypeName(ordinal);
            var type = Unwrap(column.PostgresType);
            if (type is PostgresArrayType array)
            {
                if (Map(Unwrap(array.Element).InternalName, typeName, column, numericMapping, timezone, optional: true) is { } element)
                {
                    var arraySchema = SchemaBuilder.Array(element.Schema);
                    mapped.Add((ordinal, column.ColumnName, (optional ? arraySchema.Optional() : arraySchema).Build(), element.Convert, true));
                }
            }
            else if (Map(type.InternalName, typeName, column, numericMapping, timezone, optional) is { } scalar)
            {
                mapped.Add((ordinal, column.ColumnName, scalar.Schema, scalar.Convert, false));
            }
        }

        var builder = SchemaBuilder.Struct().Name(schemaName);
        foreach (var m in mapped)
        {
            builder.Field(m.Name, m.Schema);
        }

        var built = builder.Build();
        return new SourceColumns(built, mapped.Select((m, i) => new Column(m.Ordinal, built.Fields[i], m.Convert, m.IsArray)).ToArray());
    }

    public Struct Read(NpgsqlDataReader reader)
    {
        var row = new Struct(Schema);
        foreach (var (ordinal, field, convert, isArray) in _columns)
        {
            if (reader.IsDBNull(ordinal))
            {
                continue;
            }

            try
            {
                var raw = reader.GetValue(ordinal);
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

    private readonly record struct Column(int Ordinal, Field Field, Func<object, object> Convert, bool IsArray);

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
            "numeric" => Numeric(typeName, numericMapping),
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

    private static (SchemaBuilder, Func<object, object>) Numeric(string typeName, string mapping)
    {
        // Npgsql leaves NumericPrecision unset here, but the reader's type name carries the modifier: numeric(p,s).
        var modifier = NumericModifier().Match(typeName);
        // An unconstrained numeric has no fixed scale, which a Connect Decimal needs: it maps to FLOAT64.
        if (!modifier.Success)
        {
            return (SchemaBuilder.Float64(), v => (double)(decimal)v);
        }

        var p = int.Parse(modifier.Groups[1].ValueSpan, CultureInfo.InvariantCulture);
        var s = modifier.Groups[2].Success ? int.Parse(modifier.Groups[2].ValueSpan, CultureInfo.InvariantCulture) : 0;
        if (mapping is JdbcSourceConfig.NumericMappingPrecisionOnly or JdbcSourceConfig.NumericMappingBestFit or JdbcSourceConfig.NumericMappingBestFitEagerDouble)
        {
            if (s == 0 && p < 19)
            {
                return p switch
                {
                    < 3 => (SchemaBuilder.Int8(), v => (object)checked((sbyte)(decimal)v)),
                    < 5 => (SchemaBuilder.Int16(), v => checked((short)(decimal)v)),
                    < 10 => (SchemaBuilder.Int32(), v => checked((int)(decimal)v)),
                    _ => (SchemaBuilder.Int64(), v => checked((long)(decimal)v)),
                };
            }

            if (s > 0 && ((mapping == JdbcSourceConfig.NumericMappingBestFit && p < 19) || mapping == JdbcSourceConfig.NumericMappingBestFitEagerDouble))
            {
                return (SchemaBuilder.Float64(), v => (double)(decimal)v);
            }
        }

        return (ConnectDecimal.Builder(s), v => v);
    }

    [GeneratedRegex(@"^numeric\((\d+)(?:,\s*(\d+))?\)")]
    private static partial Regex NumericModifier();

    private static TimeOnly TruncateToMillis(TimeSpan time) => new(time.Ticks - (time.Ticks % TimeSpan.TicksPerMillisecond));

    private static DateTimeOffset TruncateToMillis(DateTimeOffset time) => time.AddTicks(-(time.UtcTicks % TimeSpan.TicksPerMillisecond));
}
