using OrleansConnect.Plugins.Errors;

namespace OrleansConnect.Plugins.Data;

/// <summary>
/// The Date logical type: an INT32 schema named <c>org.apache.kafka.connect.data.Date</c> holding days since the Unix
/// epoch. In .NET the value is a <see cref="DateOnly"/>; a <see cref="DateTime"/> at UTC midnight is accepted too.
/// </summary>
public static class Date
{
    /// <summary>The logical type name.</summary>
    public const string LogicalName = "org.apache.kafka.connect.data.Date";

    /// <summary>A required Date schema.</summary>
    public static Schema Schema { get; } = Builder().Build();

    /// <summary>Starts a Date schema.</summary>
    /// <returns>The builder (version 1).</returns>
    public static SchemaBuilder Builder() => SchemaBuilder.Int32().Name(LogicalName).Version(1);

    /// <summary>Days since the epoch of a date.</summary>
    /// <param name="schema">A Date schema.</param>
    /// <param name="value">A <see cref="DateOnly"/>, or a <see cref="DateTime"/> with no time of day.</param>
    /// <returns>Days since 1970-01-01.</returns>
    /// <exception cref="DataException">The schema is not a Date, or the value has a time of day.</exception>
    public static int FromLogical(Schema schema, object value)
    {
        CheckSchema(schema);
        return value switch
        {
            DateOnly d => d.DayNumber - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber,
            DateTime dt when dt.TimeOfDay == TimeSpan.Zero => (int)(dt.Date - DateTime.UnixEpoch).TotalDays,
            DateTime => throw new DataException("Kafka Connect Date type should not have any time fields set to non-zero values."),
            _ => throw new DataException($"Date logical type needs a DateOnly, not {value?.GetType().Name ?? "null"}"),
        };
    }

    /// <summary>The date of a day count.</summary>
    /// <param name="schema">A Date schema.</param>
    /// <param name="days">Days since 1970-01-01.</param>
    /// <returns>The date.</returns>
    public static DateOnly ToLogical(Schema schema, int days)
    {
        CheckSchema(schema);
        return DateOnly.FromDateTime(DateTime.UnixEpoch).AddDays(days);
    }

    private static void CheckSchema(Schema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        if (schema.Name != LogicalName)
        {
            throw new DataException("Requested conversion of Date object but the schema does not match.");
        }
    }
}
