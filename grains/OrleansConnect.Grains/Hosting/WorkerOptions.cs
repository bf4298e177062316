namespace OrleansConnect.Grains.Hosting;

/// <summary>
/// Worker-level settings (configuration section <c>OrleansConnect</c>), the counterpart of a Kafka Connect worker's
/// properties file. Connectors override converters and client settings per connector.
/// </summary>
public sealed class WorkerOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "OrleansConnect";

    /// <summary>The default key converter (Kafka's <c>key.converter</c>).</summary>
    public string KeyConverter { get; set; } = "org.apache.kafka.connect.json.JsonConverter";

    /// <summary>Settings of the default key converter (Kafka's <c>key.converter.*</c>).</summary>
    public Dictionary<string, string> KeyConverterSettings { get; set; } = [];

    /// <summary>The default value converter (Kafka's <c>value.converter</c>).</summary>
    public string ValueConverter { get; set; } = "org.apache.kafka.connect.json.JsonConverter";

    /// <summary>Settings of the default value converter (Kafka's <c>value.converter.*</c>).</summary>
    public Dictionary<string, string> ValueConverterSettings { get; set; } = [];

    /// <summary>The default header converter (Kafka's <c>header.converter</c>).</summary>
    public string HeaderConverter { get; set; } = "org.apache.kafka.connect.storage.SimpleHeaderConverter";

    /// <summary>Settings of the default header converter (Kafka's <c>header.converter.*</c>).</summary>
    public Dictionary<string, string> HeaderConverterSettings { get; set; } = [];

    /// <summary>How often source offsets and sink consumer offsets are committed (Kafka's <c>offset.flush.interval.ms</c>).</summary>
    public int OffsetFlushIntervalMs { get; set; } = 60_000;

    /// <summary>How long a source offset commit waits for outstanding records (Kafka's <c>offset.flush.timeout.ms</c>).</summary>
    public int OffsetFlushTimeoutMs { get; set; } = 5_000;

    /// <summary>How long a stopping task may take to flush and commit (Kafka's <c>task.shutdown.graceful.timeout.ms</c>).</summary>
    public int TaskShutdownGracefulTimeoutMs { get; set; } = 5_000;

    /// <summary>How often each silo's supervisor pings the connectors that should run.</summary>
    public int SupervisorIntervalMs { get; set; } = 5_000;

    /// <summary>
    /// Rebalance tasks automatically when silos join or leave (<see cref="IRebalanceGrain"/>); when false, tasks move
    /// only off dead silos and on <c>POST /admin/rebalance</c>.
    /// </summary>
    public bool Rebalance { get; set; } = true;

    /// <summary>Comma-separated directories with plugin assemblies (Kafka's <c>plugin.path</c>); empty for none.</summary>
    public string PluginPath { get; set; } = string.Empty;

    /// <summary>
    /// Answer PASSWORD-type config values as <c>[hidden]</c> in REST responses (connector info, config, task
    /// configs). Off by default: Kafka returns them as configured.
    /// </summary>
    public bool MaskPasswords { get; set; }
}
