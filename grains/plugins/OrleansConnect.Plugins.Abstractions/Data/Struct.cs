using System.Text;
using OrleansConnect.Plugins.Errors;

namespace OrleansConnect.Plugins.Data;

/// <summary>
/// A value of a STRUCT schema: one slot per field. Filled with <see cref="Put(string, object?)"/>, which checks each
/// value against its field's schema; <see cref="Validate"/> checks that required fields are set. Equal when schema and
/// values are equal. Mutable while being built, as in Kafka; a transformation that changes a record makes a new Struct.
/// </summary>
public sealed class Struct : IEquatable<Struct>
{
    private readonly object?[] _values;

    /// <summary>Creates an empty struct of a schema.</summary>
    /// <param name="schema">A STRUCT schema.</param>
    /// <exception cref="DataException">The schema is not a struct.</exception>
    public Struct(Schema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        if (schema.Type != SchemaType.Struct)
        {
            throw new DataException("Not a struct schema: " + schema);
        }

        Schema = schema;
        _values = new object?[schema.Fields.Count];
    }

    /// <summary>The struct's schema.</summary>
    public Schema Schema { get; }

    /// <summary>Reads a field by name; an unset field yields its schema default, if any.</summary>
    /// <param name="fieldName">The field name.</param>
    /// <returns>The value, the default, or null.</returns>
    /// <exception cref="DataException">No such field.</exception>
    public object? Get(string fieldName) => Get(LookupField(fieldName));

    /// <summary>Reads a field; an unset field yields its schema default, if any.</summary>
    /// <param name="field">A field of this struct's schema.</param>
    /// <returns>The value, the default, or null.</returns>
    public object? Get(Field field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return _values[field.Index] ?? field.Schema.DefaultValue;
    }

    /// <summary>Reads a field without applying its default.</summary>
    /// <param name="fieldName">The field name.</param>
    /// <returns>The value as set, or null.</returns>
    /// <exception cref="DataException">No such field.</exception>
    public object? GetWithoutDefault(string fieldName) => _values[LookupField(fieldName).Index];

    /// <summary>Reads a field as a given type.</summary>
    /// <typeparam name="T">The .NET type of the field's values.</typeparam>
    /// <param name="fieldName">The field name.</param>
    /// <returns>The value, or the type's default when null.</returns>
    public T? Get<T>(string fieldName) => Get(fieldName) is T t ? t : default;

    /// <summary>Sets a field by name after checking the value against the field's schema.</summary>
    /// <param name="fieldName">The field name.</param>
    /// <param name="value">The value.</param>
    /// <returns>This struct, for chaining.</returns>
    /// <exception cref="DataException">No such field, or the value does not match.</exception>
    public Struct Put(string fieldName, object? value) => Put(LookupField(fieldName), value);

    /// <summary>Sets a field after checking the value against the field's schema.</summary>
    /// <param name="field">A field of this struct's schema.</param>
    /// <param name="value">The value.</param>
    /// <returns>This struct, for chaining.</returns>
    /// <exception cref="DataException">The field is not of this schema, or the value does not match.</exception>
    public Struct Put(Field field, object? value)
    {
        ArgumentNullException.ThrowIfNull(field);
        if (Schema.Field(field.Name) != field)
        {
            throw new DataException($"Field \"{field.Name}\" is not part of this struct's schema");
        }

        ConnectSchema.Validate(field.Schema, value, $"field: \"{field.Name}\"");
        _values[field.Index] = value;
        return this;
    }

    /// <summary>Checks that every required field without a default has a value.</summary>
    /// <exception cref="DataException">A required field is missing; the message names it.</exception>
    public void Validate()
    {
        foreach (var field in Schema.Fields)
        {
            ConnectSchema.Validate(field.Schema, _values[field.Index] ?? field.Schema.DefaultValue, $"field: \"{field.Name}\"");
        }
    }

    /// <inheritdoc />
    public bool Equals(Struct? other) =>
        other is not null
        && Schema.Equals(other.Schema)
        && _values.Zip(other._values).All(p => ValueEquality.DeepEquals(p.First, p.Second));

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as Struct);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Schema, _values.Length);

    /// <inheritdoc />
    public override string ToString()
    {
        var sb = new StringBuilder("Struct{");
        var first = true;
        foreach (var field in Schema.Fields)
        {
            var value = _values[field.Index];
            if (value is null)
            {
                continue;
            }

            sb.Append(first ? string.Empty : ",").Append(field.Name).Append('=').Append(value);
            first = false;
        }

        return sb.Append('}').ToString();
    }

    private Field LookupField(string fieldName) =>
        Schema.Field(fieldName) ?? throw new DataException(fieldName + " is not a valid field name");
}
