namespace OrleansConnect.Plugins.Data;

/// <summary>The Connect schema types, as in Kafka's <c>Schema.Type</c>.</summary>
public enum SchemaType
{
    /// <summary>8-bit signed integer; the value is a <see cref="sbyte"/>.</summary>
    Int8,

    /// <summary>16-bit signed integer; the value is a <see cref="short"/>.</summary>
    Int16,

    /// <summary>32-bit signed integer; the value is an <see cref="int"/> (or a Date/Time logical value).</summary>
    Int32,

    /// <summary>64-bit signed integer; the value is a <see cref="long"/> (or a Timestamp logical value).</summary>
    Int64,

    /// <summary>32-bit IEEE 754 float; the value is a <see cref="float"/>.</summary>
    Float32,

    /// <summary>64-bit IEEE 754 float; the value is a <see cref="double"/>.</summary>
    Float64,

    /// <summary>A boolean; the value is a <see cref="bool"/>.</summary>
    Boolean,

    /// <summary>A character string; the value is a <see cref="string"/>.</summary>
    String,

    /// <summary>A byte sequence; the value is a <c>byte[]</c> (or a Decimal logical value).</summary>
    Bytes,

    /// <summary>An ordered list of values of one schema; the value is an <see cref="System.Collections.IList"/>.</summary>
    Array,

    /// <summary>A map from keys of one schema to values of another; the value is an <see cref="System.Collections.IDictionary"/>.</summary>
    Map,

    /// <summary>A record of named, ordered fields; the value is a <see cref="Struct"/>.</summary>
    Struct,
}
