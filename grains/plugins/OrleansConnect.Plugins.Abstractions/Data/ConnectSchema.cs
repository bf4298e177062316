using System.Collections;
using OrleansConnect.Plugins.Errors;

namespace OrleansConnect.Plugins.Data;

/// <summary>Checks values against schemas, as Kafka's <c>ConnectSchema.validateValue</c>.</summary>
public static class ConnectSchema
{
    /// <summary>Checks that a value is valid for a schema, recursing into arrays, maps and structs.</summary>
    /// <param name="schema">The schema.</param>
    /// <param name="value">The value; null is valid only for an optional schema.</param>
    /// <param name="location">What the value is, for the message (e.g. <c>field: "id"</c>); defaults to <c>value</c>.</param>
    /// <exception cref="DataException">The value does not match, with the location and the expected type in the message.</exception>
    public static void Validate(Schema schema, object? value, string? location = null)
    {
        ArgumentNullException.ThrowIfNull(schema);
        location ??= "value";
        if (value is null)
        {
            if (!schema.IsOptional)
            {
                throw new DataException($"Invalid value: null used for required {location}, schema type: {schema.Type.GetName().ToUpperInvariant()}");
            }

            return;
        }

        if (!IsExpectedClass(schema, value))
        {
            throw new DataException(
                $"Invalid .NET object for schema \"{schema.Name ?? schema.Type.GetName()}\" with type {schema.Type.GetName().ToUpperInvariant()}: {value.GetType()} for {location}");
        }

        switch (schema.Type)
        {
            case SchemaType.Struct:
                var s = (Struct)value;
                if (!s.Schema.Equals(schema))
                {
                    throw new DataException($"Struct schemas do not match for {location}.");
                }

                s.Validate();
                break;
            case SchemaType.Array:
                foreach (var element in (IList)value)
                {
                    Validate(schema.ValueSchema!, element, "element of array " + location);
                }

                break;
            case SchemaType.Map:
                foreach (DictionaryEntry e in (IDictionary)value)
                {
                    Validate(schema.KeySchema!, e.Key, "key of map " + location);
                    Validate(schema.ValueSchema!, e.Value, "value of map " + location);
                }

                break;
        }
    }

    private static bool IsExpectedClass(Schema schema, object value) => schema.Name switch
    {
        Decimal.LogicalName => value is BigDecimal,
        Date.LogicalName => value is DateOnly or DateTime,
        Time.LogicalName => value is TimeOnly or DateTime,
        Timestamp.LogicalName => value is DateTimeOffset or DateTime,
        _ => schema.Type switch
        {
            SchemaType.Int8 => value is sbyte,
            SchemaType.Int16 => value is short,
            SchemaType.Int32 => value is int,
            SchemaType.Int64 => value is long,
            SchemaType.Float32 => value is float,
            SchemaType.Float64 => value is double,
            SchemaType.Boolean => value is bool,
            SchemaType.String => value is string,
            SchemaType.Bytes => value is byte[],
            SchemaType.Array => value is IList and not byte[],
            SchemaType.Map => value is IDictionary,
            SchemaType.Struct => value is Struct,
            _ => false,
        },
    };
}
