using OrleansConnect.Plugins.Errors;

namespace OrleansConnect.Plugins.Data;

/// <summary>
/// Builds a <see cref="Schema"/> fluently, as Kafka's <c>SchemaBuilder</c>: <c>SchemaBuilder.Struct().Name("x")
/// .Field("id", Schema.Int64).Build()</c>. Each property may be set once; the default value is checked against the
/// schema when <see cref="Build"/> runs. Not thread-safe.
/// </summary>
public sealed class SchemaBuilder
{
    private readonly SchemaType _type;
    private readonly List<Field> _fields = [];
    private readonly Dictionary<string, string> _parameters = new(StringComparer.Ordinal);
    private readonly Schema? _keySchema;
    private readonly Schema? _valueSchema;
    private bool? _optional;
    private object? _defaultValue;
    private string? _name;
    private int? _version;
    private string? _doc;

    private SchemaBuilder(SchemaType type, Schema? keySchema = null, Schema? valueSchema = null)
    {
        _type = type;
        _keySchema = keySchema;
        _valueSchema = valueSchema;
    }

    /// <summary>The type this builder makes.</summary>
    public SchemaType Type => _type;

    /// <summary>Starts a schema of the given primitive type.</summary>
    /// <param name="type">A primitive type; use <see cref="Struct()"/>, <see cref="Array"/> or <see cref="Map"/> for the others.</param>
    /// <returns>The builder.</returns>
    public static SchemaBuilder OfType(SchemaType type) => type.IsPrimitive() || type == SchemaType.Struct
        ? new SchemaBuilder(type)
        : throw new DataException($"Use Array() or Map() to build a schema of type {type}");

    /// <summary>Starts an INT8 schema.</summary>
    /// <returns>The builder.</returns>
    public static SchemaBuilder Int8() => new(SchemaType.Int8);

    /// <summary>Starts an INT16 schema.</summary>
    /// <returns>The builder.</returns>
    public static SchemaBuilder Int16() => new(SchemaType.Int16);

    /// <summary>Starts an INT32 schema.</summary>
    /// <returns>The builder.</returns>
    public static SchemaBuilder Int32() => new(SchemaType.Int32);

    /// <summary>Starts an INT64 schema.</summary>
    /// <returns>The builder.</returns>
    public static SchemaBuilder Int64() => new(SchemaType.Int64);

    /// <summary>Starts a FLOAT32 schema.</summary>
    /// <returns>The builder.</returns>
    public static SchemaBuilder Float32() => new(SchemaType.Float32);

    /// <summary>Starts a FLOAT64 schema.</summary>
    /// <returns>The builder.</returns>
    public static SchemaBuilder Float64() => new(SchemaType.Float64);

    /// <summary>Starts a BOOLEAN schema.</summary>
    /// <returns>The builder.</returns>
    public static SchemaBuilder Boolean() => new(SchemaType.Boolean);

    /// <summary>Starts a STRING schema.</summary>
    /// <returns>The builder.</returns>
    public static SchemaBuilder String() => new(SchemaType.String);

    /// <summary>Starts a BYTES schema.</summary>
    /// <returns>The builder.</returns>
    public static SchemaBuilder Bytes() => new(SchemaType.Bytes);

    /// <summary>Starts a STRUCT schema; add fields with <see cref="Field(string, Schema)"/>.</summary>
    /// <returns>The builder.</returns>
    public static SchemaBuilder Struct() => new(SchemaType.Struct);

    /// <summary>Starts an ARRAY schema.</summary>
    /// <param name="valueSchema">The schema of the elements.</param>
    /// <returns>The builder.</returns>
    public static SchemaBuilder Array(Schema valueSchema)
    {
        ArgumentNullException.ThrowIfNull(valueSchema);
        return new(SchemaType.Array, null, valueSchema);
    }

    /// <summary>Starts a MAP schema.</summary>
    /// <param name="keySchema">The schema of the keys.</param>
    /// <param name="valueSchema">The schema of the values.</param>
    /// <returns>The builder.</returns>
    public static SchemaBuilder Map(Schema keySchema, Schema valueSchema)
    {
        ArgumentNullException.ThrowIfNull(keySchema);
        ArgumentNullException.ThrowIfNull(valueSchema);
        return new(SchemaType.Map, keySchema, valueSchema);
    }

    /// <summary>Starts a builder that copies every property of an existing schema, to change some of them.</summary>
    /// <param name="schema">The schema to copy.</param>
    /// <returns>The builder.</returns>
    public static SchemaBuilder From(Schema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var builder = new SchemaBuilder(schema.Type, schema.KeySchema, schema.ValueSchema)
        {
            _optional = schema.IsOptional,
            _defaultValue = schema.DefaultValue,
            _name = schema.Name,
            _version = schema.Version,
            _doc = schema.Doc,
        };
        foreach (var p in schema.Parameters)
        {
            builder._parameters[p.Key] = p.Value;
        }

        foreach (var f in schema.Fields)
        {
            builder._fields.Add(f);
        }

        return builder;
    }

    /// <summary>Makes null a valid value.</summary>
    /// <returns>This builder.</returns>
    public SchemaBuilder Optional()
    {
        _optional = true;
        return this;
    }

    /// <summary>Makes null an invalid value (the default).</summary>
    /// <returns>This builder.</returns>
    public SchemaBuilder Required()
    {
        _optional = false;
        return this;
    }

    /// <summary>Sets the default value, checked against the schema on <see cref="Build"/>.</summary>
    /// <param name="value">The default.</param>
    /// <returns>This builder.</returns>
    public SchemaBuilder DefaultValue(object? value)
    {
        _defaultValue = value;
        return this;
    }

    /// <summary>Sets the schema name.</summary>
    /// <param name="name">The name, e.g. a record type or a logical type name.</param>
    /// <returns>This builder.</returns>
    public SchemaBuilder Name(string? name)
    {
        _name = name;
        return this;
    }

    /// <summary>Sets the schema version.</summary>
    /// <param name="version">The version.</param>
    /// <returns>This builder.</returns>
    public SchemaBuilder Version(int? version)
    {
        _version = version;
        return this;
    }

    /// <summary>Sets the schema documentation.</summary>
    /// <param name="doc">The documentation.</param>
    /// <returns>This builder.</returns>
    public SchemaBuilder Doc(string? doc)
    {
        _doc = doc;
        return this;
    }

    /// <summary>Sets one parameter.</summary>
    /// <param name="key">The parameter name.</param>
    /// <param name="value">The parameter value.</param>
    /// <returns>This builder.</returns>
    public SchemaBuilder Parameter(string key, string value)
    {
        _parameters[key] = value;
        return this;
    }

    /// <summary>Sets several parameters.</summary>
    /// <param name="parameters">The parameters to add.</param>
    /// <returns>This builder.</returns>
    public SchemaBuilder Parameters(IEnumerable<KeyValuePair<string, string>> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        foreach (var p in parameters)
        {
            _parameters[p.Key] = p.Value;
        }

        return this;
    }

    /// <summary>Adds a field to a STRUCT schema, after the fields already added.</summary>
    /// <param name="name">The field name; must be unique in the struct.</param>
    /// <param name="schema">The field's schema.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="DataException">The schema is not a struct, or the name is taken.</exception>
    public SchemaBuilder Field(string name, Schema schema)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(schema);
        if (_type != SchemaType.Struct)
        {
            throw new DataException("Cannot create fields on type " + _type.GetName());
        }

        if (_fields.Exists(f => f.Name == name))
        {
            throw new DataException("Cannot create field because of field name duplication " + name);
        }

        _fields.Add(new Field(name, _fields.Count, schema));
        return this;
    }

    /// <summary>Makes the immutable schema.</summary>
    /// <returns>The schema.</returns>
    /// <exception cref="DataException">The default value does not match the schema.</exception>
    public Schema Build()
    {
        var schema = new Schema(
            _type,
            _optional ?? false,
            _defaultValue,
            _name,
            _version,
            _doc,
            _parameters.Count == 0 ? null : new Dictionary<string, string>(_parameters, StringComparer.Ordinal),
            _type == SchemaType.Struct ? _fields.ToArray() : null,
            _keySchema,
            _valueSchema);
        if (_defaultValue is not null)
        {
            ConnectSchema.Validate(schema, _defaultValue, "default value");
        }

        return schema;
    }
}
