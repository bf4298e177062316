using OrleansConnect.Plugins.Config;

namespace OrleansConnect.Grains.Runtime.Errors;

/// <summary>A connector's <c>errors.*</c> settings (Kafka's KIP-298 keys, with Kafka's defaults).</summary>
internal sealed record ErrorHandlingConfig(
    long RetryTimeoutMs,
    long RetryDelayMaxMs,
    bool ToleranceAll,
    bool LogEnable,
    bool LogIncludeMessages,
    string DeadLetterQueueTopic,
    short DeadLetterQueueReplicationFactor,
    bool DeadLetterQueueContextHeaders)
{
    public const string RetryTimeoutConfig = "errors.retry.timeout";
    public const string RetryDelayMaxConfig = "errors.retry.delay.max.ms";
    public const string ToleranceConfig = "errors.tolerance";
    public const string LogEnableConfig = "errors.log.enable";
    public const string LogIncludeMessagesConfig = "errors.log.include.messages";
    public const string DlqTopicConfig = "errors.deadletterqueue.topic.name";
    public const string DlqReplicationFactorConfig = "errors.deadletterqueue.topic.replication.factor";
    public const string DlqContextHeadersConfig = "errors.deadletterqueue.context.headers.enable";

    private const string Group = "Error Handling";

    /// <summary>The settings every connector has.</summary>
    public static ConfigDef Define(ConfigDef def) => def
        .Define(RetryTimeoutConfig, ConfigType.Long, 0L, Validators.AtLeast(-1), Importance.Medium,
            "How long, in milliseconds, a retriable failure of a converter, transformation or Kafka produce is retried. 0 (default): not retried; -1: retried without limit.",
            Group, 1, Width.Medium, "Retry Timeout for Errors")
        .Define(RetryDelayMaxConfig, ConfigType.Long, 60_000L, Validators.AtLeast(1), Importance.Medium,
            "Longest wait between two retries, in milliseconds. Waits start at 300 ms and double; past this limit each wait is a random value below it.",
            Group, 2, Width.Medium, "Maximum Delay Between Retries for Errors")
        .Define(ToleranceConfig, ConfigType.String, "none", Validators.CaseInsensitiveValidString("none", "all"), Importance.Medium,
            "What a record that cannot be converted, transformed or produced does: 'none' (default) fails the task at that record; 'all' skips the record, reports it (log, dead letter queue) and goes on.",
            Group, 3, Width.Short, "Error Tolerance")
        .Define(LogEnableConfig, ConfigType.Boolean, false, null, Importance.Medium,
            "Log every error with the task, stage and class that failed.",
            Group, 4, Width.Short, "Log Errors")
        .Define(LogIncludeMessagesConfig, ConfigType.Boolean, false, null, Importance.Medium,
            "Also log the failing record: for a sink its topic, partition, offset and timestamp; for a source the whole record (key, value, headers, topic, source partition and offset).",
            Group, 5, Width.Short, "Log Error Details");

    /// <summary>The settings only sink connectors have: the dead letter queue.</summary>
    public static ConfigDef DefineSink(ConfigDef def) => def
        .Define(DlqTopicConfig, ConfigType.String, string.Empty, null, Importance.Medium,
            "Topic that receives, byte for byte, the consumed records this sink could not convert or transform (with errors.tolerance=all) or that its task reported as errant. Empty (default): no dead letter queue.",
            Group, 6, Width.Medium, "Dead Letter Queue Topic Name")
        .Define(DlqReplicationFactorConfig, ConfigType.Short, (short)3, null, Importance.Medium,
            "Replication factor of the dead letter queue topic when the runtime creates it (one partition).",
            Group, 7, Width.Medium, "Dead Letter Queue Topic Replication Factor")
        .Define(DlqContextHeadersConfig, ConfigType.Boolean, false, null, Importance.Medium,
            "Add __connect.errors.* headers (original topic, partition, offset, connector, task, stage, class, exception) to each dead letter queue record.",
            Group, 8, Width.Medium, "Enable Error Context Headers");

    /// <summary>Reads the settings from a validated connector config.</summary>
    public static ErrorHandlingConfig From(IReadOnlyDictionary<string, string> config)
    {
        var parsed = DefineSink(Define(new ConfigDef())).Parse(config);
        return new ErrorHandlingConfig(
            (long)parsed[RetryTimeoutConfig]!,
            (long)parsed[RetryDelayMaxConfig]!,
            string.Equals((string)parsed[ToleranceConfig]!, "all", StringComparison.OrdinalIgnoreCase),
            (bool)parsed[LogEnableConfig]!,
            (bool)parsed[LogIncludeMessagesConfig]!,
            ((string)parsed[DlqTopicConfig]!).Trim(),
            (short)parsed[DlqReplicationFactorConfig]!,
            (bool)parsed[DlqContextHeadersConfig]!);
    }
}
