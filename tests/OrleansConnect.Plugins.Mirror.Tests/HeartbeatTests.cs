namespace OrleansConnect.Plugins.Mirror.Tests;

/// <summary>The heartbeat record's bytes are Kafka's (Heartbeat.KEY_SCHEMA, HEADER_SCHEMA + VALUE_SCHEMA_V0).</summary>
public sealed class HeartbeatTests
{
    [Fact]
    public void RecordKeyAndValue_Heartbeat_AliasesThenVersionAndTimestamp()
    {
        var heartbeat = new Heartbeat("a", "bc", 1);

        Assert.Equal("0001" + "61" + "0002" + "6263", Convert.ToHexString(heartbeat.RecordKey()));
        Assert.Equal("0000" + "0000000000000001", Convert.ToHexString(heartbeat.RecordValue()));
        Assert.Equal(heartbeat, Heartbeat.Deserialize(heartbeat.RecordKey(), heartbeat.RecordValue()));
    }
}
