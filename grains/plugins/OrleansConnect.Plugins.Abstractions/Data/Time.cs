using OrleansConnect.Plugins.Errors;

namespace OrleansConnect.Plugins.Data;

/// <summary>
/// The Time logical type: an INT32 schema named <c>org.apache.kafka.connect.data.Time</c> holding milliseconds since
/// midnight. In .NET the value is a <see cref="TimeOnly"/> (sub-millisecond ticks are dropped when encoding); a
/// <see cref="DateTime"/> on 1970-01-01 is accepted too.
/// </summary>
public static class Time
{
    /// <summary>The logical type name.</summary>
    public const string LogicalName = "org.apache.kafka.connect.data.Time";

    /// <summary>A required Time schema.</summary>
    public static Schema Schema { get; } = Builder().Build();

    /// <summary>Starts a Time schema.</summary>
    /// <returns>The builder (version 1).</returns>
    public static SchemaBuilder Builder() => SchemaBuilder.Int32().Name(LogicalName).Version(1);

    /// <summary>Milliseconds since midnight of a time of day.</summary>
    /// <param name="schema">A Time schema.</param>
    /// <param name="value">A <see cref="TimeOnly"/>, or a <see cref="DateTime"/> on 1970-01-01.</param>
    /// <returns>Milliseconds since midnight.</returns>
    /// <exception cref="DataException">The schema is not a Time, or the value has a date part.</exception>
    public static int FromLogical(Schema schema, object value)
    {
        CheckSchema(schema);
        return value switch
        {
            TimeOnly t => (int)(t.Ticks / TimeSpan.TicksPerMillisecond),
            DateTime dt when dt.Date == DateTime.UnixEpoch.Date => (int)(dt.TimeOfDay.Ticks / TimeSpan.TicksPerMillisecond),
            DateTime => throw new DataException("Kafka Connect Time type should not have any date fields set to non-zero values."),
            _ => throw new DataException($"Time logical type needs a TimeOnly, not {value?.GetType().Name ?? "null"}"),
        };
    }

    /// <summary>The time of day of a millisecond count.</summary>
    /// <param name="schema">A Time schema.</param>
    /// <param name="millis">Milliseconds since midnight, 0 to 86,399,999.</param>
    /// <returns>The time of day.</returns>
    /// <exception cref="DataException">Out of range.</exception>
    public static TimeOnly ToLogical(Schema schema, int millis)
    {
        CheckSchema(schema);
        if (millis is < 0 or >= 86_400_000)
        {
            throw new DataException("Time values must use number of milliseconds greater than 0 and less than 86400000");
        }

        return new TimeOnly(millis * TimeSpan.TicksPerMillisecond);
    }

    private static void CheckSchema(Schema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        if (schema.Name != LogicalName)
        {
            throw new DataException("Requested conversion of Time object but the schema does not match.");
        }
    }
}
