namespace OrleansConnect.Plugins.Data;

/// <summary>A value with its schema, as converters return it. Both are null for a null (tombstone) value.</summary>
/// <param name="Schema">The schema, or null for schemaless data.</param>
/// <param name="Value">The value, or null.</param>
public sealed record SchemaAndValue(Schema? Schema, object? Value)
{
    /// <summary>No schema and no value.</summary>
    public static SchemaAndValue Null { get; } = new(null, null);
}
