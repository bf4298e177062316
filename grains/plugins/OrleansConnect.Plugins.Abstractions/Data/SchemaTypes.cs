namespace OrleansConnect.Plugins.Data;

/// <summary>Names and properties of <see cref="SchemaType"/> values shared by converters and the REST API.</summary>
public static class SchemaTypes
{
    /// <summary>Kafka's lower-case type name (<c>INT32</c> becomes <c>int32</c>), as JSON and Cast specs spell it.</summary>
    /// <param name="type">The type.</param>
    /// <returns>The name, e.g. <c>int32</c>, <c>float64</c>, <c>struct</c>.</returns>
    public static string GetName(this SchemaType type) => type switch
    {
        SchemaType.Int8 => "int8",
        SchemaType.Int16 => "int16",
        SchemaType.Int32 => "int32",
        SchemaType.Int64 => "int64",
        SchemaType.Float32 => "float32",
        SchemaType.Float64 => "float64",
        SchemaType.Boolean => "boolean",
        SchemaType.String => "string",
        SchemaType.Bytes => "bytes",
        SchemaType.Array => "array",
        SchemaType.Map => "map",
        SchemaType.Struct => "struct",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <summary>Whether the type is primitive (neither array, map nor struct).</summary>
    /// <param name="type">The type.</param>
    /// <returns>True for the integer, float, boolean, string and bytes types.</returns>
    public static bool IsPrimitive(this SchemaType type) => type is not (SchemaType.Array or SchemaType.Map or SchemaType.Struct);
}
