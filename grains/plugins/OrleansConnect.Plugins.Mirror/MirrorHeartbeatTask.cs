using OrleansConnect.Plugins.Data;
using OrleansConnect.Plugins.Source;

namespace OrleansConnect.Plugins.Mirror;

/// <summary>
/// Writes a <see cref="Heartbeat"/> (source alias, target alias, now) to the <c>heartbeats</c> topic, partition 0, every
/// <c>emit.heartbeats.interval.seconds</c> (Kafka's <c>MirrorHeartbeatTask</c>). Its partition is
/// <c>{sourceClusterAlias, targetClusterAlias}</c> with offset <c>{offset: 0}</c>.
/// </summary>
public sealed class MirrorHeartbeatTask : SourceTask
{
    private string _source = string.Empty;
    private string _target = string.Empty;
    private Pacer? _pacer;

    /// <inheritdoc />
    public override Task StartAsync(IReadOnlyDictionary<string, string> props, CancellationToken cancellationToken)
    {
        var config = new MirrorHeartbeatConfig(props);
        _source = config.SourceClusterAlias;
        _target = config.TargetClusterAlias;
        _pacer = new Pacer(config.EmitHeartbeatsInterval ?? TimeSpan.FromSeconds(1));
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override async Task<IReadOnlyList<SourceRecord>?> PollAsync(CancellationToken cancellationToken)
    {
        if (!await _pacer!.DueAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var heartbeat = new Heartbeat(_source, _target, timestamp);
        return [new SourceRecord(heartbeat.ConnectPartition(), MirrorOffsets.ZeroOffset, ReplicationPolicy.HeartbeatsTopic, 0,
            Schema.Bytes, heartbeat.RecordKey(), Schema.Bytes, heartbeat.RecordValue(), timestamp)];
    }

    /// <inheritdoc />
    public override Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
