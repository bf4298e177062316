namespace OrleansConnect.Plugins.Sink;

/// <summary>What a consumed record's timestamp means, as Kafka's <c>TimestampType</c>.</summary>
public enum TimestampType
{
    /// <summary>The record has no timestamp.</summary>
    NoTimestampType,

    /// <summary>Set by the producer.</summary>
    CreateTime,

    /// <summary>Set by the broker when appended.</summary>
    LogAppendTime,
}
