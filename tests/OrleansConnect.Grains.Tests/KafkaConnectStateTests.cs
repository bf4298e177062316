using System.Text;
using OrleansConnect.Grains.Import;

namespace OrleansConnect.Grains.Tests;

/// <summary>Kafka Connect's internal-topic records, in the shapes Kafka 2.x and 3.x write, read as its backing stores read them.</summary>
public sealed class KafkaConnectStateTests
{
    private readonly KafkaConnectState _state = new();
    private long _offset;

    [Fact]
    public void ApplyConfig_LaterRecordsOfAConnector_WinAndATombstoneDeletesIt()
    {
        Config("connector-a", """{"properties":{"connector.class":"X","topic":"t1"}}""");
        Config("connector-a", """{"properties":{"connector.class":"X","topic":"t2"}}""");
        Config("connector-b", """{"properties":{"connector.class":"Y"}}""");
        Config("target-state-b", """{"state":"PAUSED"}""");
        Config("connector-b", null);

        Assert.Equal("t2", Assert.Single(_state.Connectors).Value["topic"]);
        Assert.Equal("STARTED", _state.TargetState("a"));
        Assert.Empty(_state.Problems);
    }

    [Theory]
    [InlineData("""{"state":"PAUSED"}""", "PAUSED")]
    [InlineData("""{"state":"PAUSED","state.v2":"STOPPED"}""", "STOPPED")]
    [InlineData("""{"schema":{"type":"struct"},"payload":{"state":"STARTED"}}""", "STARTED")]
    public void ApplyConfig_TargetStateRecord_ReadsKafka35sStateV2AndTheOldEnvelope(string value, string expected)
    {
        Config("connector-a", """{"properties":{"connector.class":"X"}}""");
        Config("target-state-a", value);

        Assert.Equal(expected, _state.TargetState("a"));
    }

    [Fact]
    public void ApplyOffset_TombstoneResetsAPartitionAndOffsetsOutliveTheirConnector()
    {
        Offset("""["a",{"filename":"/f"}]""", """{"position":5}""");
        Offset("""["a",{"filename":"/g"}]""", """{"position":9}""");
        Offset("""["a",{"filename":"/g"}]""", null);
        Offset("""["gone",{"table":"t"}]""", """{"incrementing":3}""");

        Assert.Equal(new Dictionary<string, string> { ["""{"filename":"/f"}"""] = """{"position":5}""" }, _state.Offsets("a"));
        Assert.Equal(["a", "gone"], _state.OffsetOwners);
    }

    [Theory]
    [InlineData("connector-x", "{oops", "config", "record 'connector-x' is not a Kafka Connect config record")]
    [InlineData("connector-x", """{"no":"properties"}""", "config", "record 'connector-x' is not a Kafka Connect config record")]
    [InlineData("target-state-x", """{"state":"RUNNING"}""", "config", "unknown target state 'RUNNING'")]
    [InlineData("mystery", "{}", "config", "unknown record key 'mystery'")]
    [InlineData("\"just a string\"", "{}", "offsets", "the key is not [\"<connector>\", {<partition>}]")]
    [InlineData("""["a",{"nested":{"x":1}}]""", "{}", "offsets", "may only contain primitive values")]
    public void Apply_UnreadableRecord_IsAProblemNamingTopicPartitionAndOffset(string key, string value, string topic, string expected)
    {
        _offset = 41;
        if (topic == "config")
        {
            Config(key, value);
        }
        else
        {
            Offset(key, value);
        }

        var problem = Assert.Single(_state.Problems);
        Assert.StartsWith($"{topic} partition 0 offset 41: ", problem);
        Assert.Contains(expected, problem);
    }

    [Fact]
    public void ApplyStatus_KeepsEachConnectorsLastState()
    {
        _state.ApplyStatus("status", 0, 0, Bytes("status-connector-a"), Bytes("""{"state":"RUNNING","trace":null,"worker_id":"w","generation":1}"""));
        _state.ApplyStatus("status", 0, 1, Bytes("status-task-a-0"), Bytes("""{"state":"FAILED","trace":"x","worker_id":"w","generation":1}"""));
        _state.ApplyStatus("status", 0, 2, Bytes("status-connector-a"), Bytes("""{"state":"FAILED","trace":"boom","worker_id":"w","generation":2}"""));

        Assert.Equal("FAILED", _state.LastStatus("a"));
    }

    private static byte[]? Bytes(string? text) => text is null ? null : Encoding.UTF8.GetBytes(text);

    private void Config(string key, string? value) => _state.ApplyConfig("config", 0, _offset++, Bytes(key), Bytes(value));

    private void Offset(string key, string? value) => _state.ApplyOffset("offsets", 0, _offset++, Bytes(key), Bytes(value));
}
