using OrleansConnect.Plugins.Errors;

namespace OrleansConnect.Plugins.Data;

/// <summary>
/// The Timestamp logical type: an INT64 schema named <c>org.apache.kafka.connect.data.Timestamp</c> holding
/// milliseconds since the Unix epoch. In .NET the value is a <see cref="DateTimeOffset"/>; a <see cref="DateTime"/> is
/// accepted too (an unspecified kind is taken as UTC).
/// </summary>
public static class Timestamp
{
    /// <summary>The logical type name.</summary>
    public const string LogicalName = "org.apache.kafka.connect.data.Timestamp";

    /// <summary>A required Timestamp schema.</summary>
    public static Schema Schema { get; } = Builder().Build();

    /// <summary>Starts a Timestamp schema.</summary>
    /// <returns>The builder (version 1).</returns>
    public static SchemaBuilder Builder() => SchemaBuilder.Int64().Name(LogicalName).Version(1);

    /// <summary>Milliseconds since the epoch of an instant.</summary>
    /// <param name="schema">A Timestamp schema.</param>
    /// <param name="value">A <see cref="DateTimeOffset"/> or <see cref="DateTime"/>.</param>
    /// <returns>Milliseconds since 1970-01-01T00:00:00Z.</returns>
    /// <exception cref="DataException">The schema is not a Timestamp, or the value is of another type.</exception>
    public static long FromLogical(Schema schema, object value)
    {
        CheckSchema(schema);
        return value switch
        {
            DateTimeOffset dto => dto.ToUnixTimeMilliseconds(),
            DateTime dt => new DateTimeOffset(dt.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(dt, DateTimeKind.Utc) : dt.ToUniversalTime()).ToUnixTimeMilliseconds(),
            _ => throw new DataException($"Timestamp logical type needs a DateTimeOffset, not {value?.GetType().Name ?? "null"}"),
        };
    }

    /// <summary>The instant of a millisecond count.</summary>
    /// <param name="schema">A Timestamp schema.</param>
    /// <param name="millis">Milliseconds since the epoch.</param>
    /// <returns>The instant, in UTC.</returns>
    public static DateTimeOffset ToLogical(Schema schema, long millis)
    {
        CheckSchema(schema);
        return DateTimeOffset.FromUnixTimeMilliseconds(millis);
    }

    private static void CheckSchema(Schema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        if (schema.Name != LogicalName)
        {
            throw new DataException("Requested conversion of Timestamp object but the schema does not match.");
        }
    }
}
