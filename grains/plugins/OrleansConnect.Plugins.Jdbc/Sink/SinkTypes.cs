using System.Collections;
using System.Text;
using Npgsql;
using NpgsqlTypes;
using OrleansConnect.Plugins.Data;
using OrleansConnect.Plugins.Errors;
using ConnectDecimal = OrleansConnect.Plugins.Data.Decimal;

namespace OrleansConnect.Plugins.Jdbc.Sink;

/// <summary>How Connect values become PostgreSQL columns (for auto.create/auto.evolve) and statement parameters.</summary>
internal static class SinkTypes
{
    /// <summary>The column type <c>auto.create</c> and <c>auto.evolve</c> give a field, as the JDBC connector's PostgreSQL dialect.</summary>
    public static string SqlType(Schema schema, string column) => schema.Name switch
    {
        ConnectDecimal.LogicalName => "DECIMAL",
        Date.LogicalName => "DATE",
        Time.LogicalName => "TIME",
        Timestamp.LogicalName => "TIMESTAMP",
        _ => schema.Type switch
        {
            SchemaType.Int8 or SchemaType.Int16 => "SMALLINT",
            SchemaType.Int32 => "INT",
            SchemaType.Int64 => "BIGINT",
            SchemaType.Float32 => "REAL",
            SchemaType.Float64 => "DOUBLE PRECISION",
            SchemaType.Boolean => "BOOLEAN",
            SchemaType.String => "TEXT",
            SchemaType.Bytes => "BYTEA",
            SchemaType.Array when schema.ValueSchema!.Type is not (SchemaType.Array or SchemaType.Map or SchemaType.Struct) => SqlType(schema.ValueSchema, column) + "[]",
            _ => throw new ConnectException($"Column \"{column}\": the Connect type {schema} has no PostgreSQL column type (maps, structs and nested arrays are not supported)."),
        },
    };

    /// <summary>
    /// A parameter for a value. Strings go as PostgreSQL's <c>unknown</c> type, so the server reads them as the
    /// column's type: a string lands in a uuid, json or jsonb column as it would in text.
    /// </summary>
    public static NpgsqlParameter Parameter(Schema schema, object? value)
    {
        if (value is null)
        {
            return new NpgsqlParameter { Value = DBNull.Value };
        }

        if (schema.Name is null && schema.Type == SchemaType.String)
        {
            return new NpgsqlParameter { Value = value, NpgsqlDbType = NpgsqlDbType.Unknown };
        }

        if (schema.Type == SchemaType.Array && schema.ValueSchema is { Name: null, Type: SchemaType.String })
        {
            // An array of strings goes as an array literal of unknown type, so it lands in uuid[] or jsonb[] as in text[].
            return new NpgsqlParameter { Value = ArrayLiteral((IList)value), NpgsqlDbType = NpgsqlDbType.Unknown };
        }

        return new NpgsqlParameter { Value = Convert(schema, value) };
    }

    private static object Convert(Schema schema, object value) => schema.Name switch
    {
        // A BigDecimal goes through Numeric/BigDecimalConverter as numeric, every digit kept.
        ConnectDecimal.LogicalName => value is BigDecimal ? value : throw new DataException($"A Decimal value must be a BigDecimal, not {value.GetType()}"),
        Date.LogicalName => value is DateTime dt ? DateOnly.FromDateTime(dt) : value,
        Time.LogicalName => value is DateTime dt ? TimeOnly.FromDateTime(dt) : value,
        Timestamp.LogicalName => value switch
        {
            DateTimeOffset dto => dto.UtcDateTime,
            DateTime { Kind: DateTimeKind.Unspecified } dt => DateTime.SpecifyKind(dt, DateTimeKind.Utc),
            DateTime dt => dt.ToUniversalTime(),
            _ => value,
        },
        _ => schema.Type switch
        {
            SchemaType.Int8 => (short)(sbyte)value,
            SchemaType.Array => ToArray(schema.ValueSchema!, (IList)value),
            _ => value,
        },
    };

    private static Array ToArray(Schema element, IList values)
    {
        var converted = values.Cast<object?>().Select(v => v is null ? null : Convert(element, v)).ToList();
        return element.Name switch
        {
            ConnectDecimal.LogicalName => converted.Cast<BigDecimal?>().ToArray(),
            Date.LogicalName => Typed<DateOnly>(converted),
            Time.LogicalName => Typed<TimeOnly>(converted),
            Timestamp.LogicalName => Typed<DateTime>(converted),
            _ => element.Type switch
            {
                SchemaType.Int8 or SchemaType.Int16 => Typed<short>(converted),
                SchemaType.Int32 => Typed<int>(converted),
                SchemaType.Int64 => Typed<long>(converted),
                SchemaType.Float32 => Typed<float>(converted),
                SchemaType.Float64 => Typed<double>(converted),
                SchemaType.Boolean => Typed<bool>(converted),
                SchemaType.String => converted.Cast<string?>().ToArray(),
                SchemaType.Bytes => converted.Cast<byte[]?>().ToArray(),
                _ => throw new DataException($"Arrays of {element} are not supported."),
            },
        };
    }

    private static string ArrayLiteral(IList values)
    {
        var literal = new StringBuilder("{");
        foreach (var value in values)
        {
            if (literal.Length > 1)
            {
                literal.Append(',');
            }

            literal.Append(value is null ? "NULL" : "\"" + ((string)value).Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"");
        }

        return literal.Append('}').ToString();
    }

    private static Array Typed<T>(List<object?> values)
        where T : struct =>
        values.Contains(null) ? values.Select(v => (T?)v).ToArray() : values.Select(v => (T)v!).ToArray();
}
