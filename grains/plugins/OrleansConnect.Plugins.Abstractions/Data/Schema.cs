using System.Collections.ObjectModel;
using OrleansConnect.Plugins.Errors;

namespace OrleansConnect.Plugins.Data;

/// <summary>
/// An immutable Connect schema: a type plus optionality, default, name, version, doc and parameters, and for complex
/// types the element, key/value or field schemas. Build one with <see cref="SchemaBuilder"/> or use the predefined
/// primitive schemas. Two schemas are equal when every property is equal (Kafka's <c>ConnectSchema.equals</c>).
/// </summary>
public sealed class Schema : IEquatable<Schema>
{
    private static readonly IReadOnlyDictionary<string, string> NoParameters = ReadOnlyDictionary<string, string>.Empty;
    private readonly Dictionary<string, Field>? _fieldsByName;

    internal Schema(
        SchemaType type,
        bool isOptional,
        object? defaultValue,
        string? name,
        int? version,
        string? doc,
        IReadOnlyDictionary<string, string>? parameters,
        IReadOnlyList<Field>? fields,
        Schema? keySchema,
        Schema? valueSchema)
    {
        Type = type;
        IsOptional = isOptional;
        DefaultValue = defaultValue;
        Name = name;
        Version = version;
        Doc = doc;
        Parameters = parameters ?? NoParameters;
        Fields = fields ?? [];
        KeySchema = keySchema;
        ValueSchema = valueSchema;
        if (type == SchemaType.Struct)
        {
            _fieldsByName = Fields.ToDictionary(f => f.Name, StringComparer.Ordinal);
        }
    }

    /// <summary>Required INT8.</summary>
    public static Schema Int8 { get; } = new(SchemaType.Int8, false, null, null, null, null, null, null, null, null);

    /// <summary>Required INT16.</summary>
    public static Schema Int16 { get; } = new(SchemaType.Int16, false, null, null, null, null, null, null, null, null);

    /// <summary>Required INT32.</summary>
    public static Schema Int32 { get; } = new(SchemaType.Int32, false, null, null, null, null, null, null, null, null);

    /// <summary>Required INT64.</summary>
    public static Schema Int64 { get; } = new(SchemaType.Int64, false, null, null, null, null, null, null, null, null);

    /// <summary>Required FLOAT32.</summary>
    public static Schema Float32 { get; } = new(SchemaType.Float32, false, null, null, null, null, null, null, null, null);

    /// <summary>Required FLOAT64.</summary>
    public static Schema Float64 { get; } = new(SchemaType.Float64, false, null, null, null, null, null, null, null, null);

    /// <summary>Required BOOLEAN.</summary>
    public static Schema Boolean { get; } = new(SchemaType.Boolean, false, null, null, null, null, null, null, null, null);

    /// <summary>Required STRING.</summary>
    public static Schema String { get; } = new(SchemaType.String, false, null, null, null, null, null, null, null, null);

    /// <summary>Required BYTES.</summary>
    public static Schema Bytes { get; } = new(SchemaType.Bytes, false, null, null, null, null, null, null, null, null);

    /// <summary>Optional INT8.</summary>
    public static Schema OptionalInt8 { get; } = new(SchemaType.Int8, true, null, null, null, null, null, null, null, null);

    /// <summary>Optional INT16.</summary>
    public static Schema OptionalInt16 { get; } = new(SchemaType.Int16, true, null, null, null, null, null, null, null, null);

    /// <summary>Optional INT32.</summary>
    public static Schema OptionalInt32 { get; } = new(SchemaType.Int32, true, null, null, null, null, null, null, null, null);

    /// <summary>Optional INT64.</summary>
    public static Schema OptionalInt64 { get; } = new(SchemaType.Int64, true, null, null, null, null, null, null, null, null);

    /// <summary>Optional FLOAT32.</summary>
    public static Schema OptionalFloat32 { get; } = new(SchemaType.Float32, true, null, null, null, null, null, null, null, null);

    /// <summary>Optional FLOAT64.</summary>
    public static Schema OptionalFloat64 { get; } = new(SchemaType.Float64, true, null, null, null, null, null, null, null, null);

    /// <summary>Optional BOOLEAN.</summary>
    public static Schema OptionalBoolean { get; } = new(SchemaType.Boolean, true, null, null, null, null, null, null, null, null);

    /// <summary>Optional STRING.</summary>
    public static Schema OptionalString { get; } = new(SchemaType.String, true, null, null, null, null, null, null, null, null);

    /// <summary>Optional BYTES.</summary>
    public static Schema OptionalBytes { get; } = new(SchemaType.Bytes, true, null, null, null, null, null, null, null, null);

    /// <summary>The type of values this schema describes.</summary>
    public SchemaType Type { get; }

    /// <summary>Whether null is a valid value.</summary>
    public bool IsOptional { get; }

    /// <summary>The value used when a field of this schema is absent or null, or null for none.</summary>
    public object? DefaultValue { get; }

    /// <summary>The schema name (for logical types, the logical type's name), or null.</summary>
    public string? Name { get; }

    /// <summary>The schema version, or null.</summary>
    public int? Version { get; }

    /// <summary>Documentation for the schema, or null.</summary>
    public string? Doc { get; }

    /// <summary>Free-form string parameters (e.g. a Decimal's <c>scale</c>); empty when there are none.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; }

    /// <summary>The fields of a STRUCT schema in order; empty for every other type.</summary>
    public IReadOnlyList<Field> Fields { get; }

    /// <summary>The key schema of a MAP schema; null for other types.</summary>
    public Schema? KeySchema { get; }

    /// <summary>The element schema of an ARRAY, or the value schema of a MAP; null for other types.</summary>
    public Schema? ValueSchema { get; }

    /// <summary>Finds a field of a STRUCT schema by name.</summary>
    /// <param name="fieldName">The field name (case-sensitive).</param>
    /// <returns>The field, or null when the struct has no such field.</returns>
    /// <exception cref="DataException">The schema is not a struct.</exception>
    public Field? Field(string fieldName)
    {
        if (_fieldsByName is null)
        {
            throw new DataException("Cannot look up fields on non-struct type");
        }

        return _fieldsByName.GetValueOrDefault(fieldName);
    }

    /// <inheritdoc />
    public bool Equals(Schema? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        return other is not null
            && Type == other.Type
            && IsOptional == other.IsOptional
            && Name == other.Name
            && Version == other.Version
            && Doc == other.Doc
            && ValueEquality.DeepEquals(DefaultValue, other.DefaultValue)
            && Parameters.Count == other.Parameters.Count
            && Parameters.All(p => other.Parameters.TryGetValue(p.Key, out var v) && v == p.Value)
            && Fields.SequenceEqual(other.Fields)
            && Equals(KeySchema, other.KeySchema)
            && Equals(ValueSchema, other.ValueSchema);
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as Schema);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Type, IsOptional, Name, Version, Fields.Count, KeySchema, ValueSchema);

    /// <inheritdoc />
    public override string ToString() => Name is null ? $"Schema{{{Type.GetName().ToUpperInvariant()}}}" : $"Schema{{{Name}:{Type.GetName().ToUpperInvariant()}}}";
}
