using OrleansConnect.Plugins.Errors;

namespace OrleansConnect.Plugins.Mirror;

/// <summary>
/// One record of the <c>heartbeats</c> topic (Kafka's <c>Heartbeat</c>). Key: sourceClusterAlias STRING,
/// targetClusterAlias STRING; value: version INT16 (0), timestamp INT64.
/// </summary>
internal sealed record Heartbeat(string SourceClusterAlias, string TargetClusterAlias, long Timestamp)
{
    public const short Version = 0;

    public const string SourceClusterAliasKey = "sourceClusterAlias";

    public const string TargetClusterAliasKey = "targetClusterAlias";

    public IReadOnlyDictionary<string, object?> ConnectPartition() => new Dictionary<string, object?>
    {
        [SourceClusterAliasKey] = SourceClusterAlias,
        [TargetClusterAliasKey] = TargetClusterAlias,
    };

    public byte[] RecordKey()
    {
        var bytes = new byte[MirrorRecordFormat.StringSize(SourceClusterAlias) + MirrorRecordFormat.StringSize(TargetClusterAlias)];
        var writer = new MirrorRecordFormat(bytes);
        writer.String(SourceClusterAlias);
        writer.String(TargetClusterAlias);
        writer.End();
        return bytes;
    }

    public byte[] RecordValue()
    {
        var bytes = new byte[10];
        var writer = new MirrorRecordFormat(bytes);
        writer.Int16(Version);
        writer.Int64(Timestamp);
        writer.End();
        return bytes;
    }

    public static Heartbeat Deserialize(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        var valueReader = new MirrorRecordReader(value, "heartbeat value");
        var version = valueReader.Int16();
        if (version != Version)
        {
            throw new DataException($"heartbeat value: unknown version {version}");
        }

        var timestamp = valueReader.Int64();
        var keyReader = new MirrorRecordReader(key, "heartbeat key");
        return new Heartbeat(keyReader.String(), keyReader.String(), timestamp);
    }
}
