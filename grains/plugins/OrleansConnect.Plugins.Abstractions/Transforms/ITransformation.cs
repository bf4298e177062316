using OrleansConnect.Plugins.Config;

namespace OrleansConnect.Plugins.Transforms;

/// <summary>
/// A single message transform (SMT), as Kafka's <c>Transformation</c>. Configured once from its
/// <c>transforms.&lt;alias&gt;.*</c> keys, then <see cref="Apply"/> is called for every record of one task, on the task's
/// loop thread. It runs after <c>SourceTask.PollAsync</c> for sources and before <c>SinkTask.PutAsync</c> for sinks.
/// Disposed when the task stops.
/// </summary>
public interface ITransformation : IDisposable
{
    /// <summary>The transform's configuration keys (without the <c>transforms.&lt;alias&gt;.</c> prefix).</summary>
    ConfigDef Config { get; }

    /// <summary>Configures the instance before first use.</summary>
    /// <param name="configs">The transform's settings, prefix stripped.</param>
    /// <exception cref="ConfigException">A setting is invalid.</exception>
    void Configure(IReadOnlyDictionary<string, string> configs);

    /// <summary>Transforms one record. Never mutates its input: a change is a new record from <see cref="ConnectRecord.NewRecord"/>.</summary>
    /// <param name="record">The record (a source or sink record; keep its kind).</param>
    /// <returns>The record to pass on, or null to drop it.</returns>
    /// <exception cref="Errors.DataException">The record cannot be transformed.</exception>
    ConnectRecord? Apply(ConnectRecord record);
}
