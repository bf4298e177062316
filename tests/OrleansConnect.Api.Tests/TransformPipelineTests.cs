using System.Collections;
using System.Globalization;
using System.Runtime.Loader;
using Confluent.Kafka;
using OrleansConnect.Plugins.Sink;

namespace OrleansConnect.Api.Tests;

/// <summary>
/// Kafka's transformations end to end: JSON records produced to the embedded Kafka by another client, consumed by a
/// sink connector whose config chains four SMTs by their Kafka class names, and checked as the sink task receives them.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class TransformPipelineTests(ApiFactory factory) : IDisposable
{
    private readonly HttpClient _client = factory.CreateClient();

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task SinkWithFourKafkaTransforms_ReceivesTheTransformedRecords()
    {
        var name = Http.Unique("smt");
        var topic = "orders-" + name;
        var config = $$"""
            {"connector.class": "{{Http.RecordingSink}}", "tasks.max": "1", "topics": "{{topic}}", "recording.id": "{{name}}",
             "key.converter": "org.apache.kafka.connect.storage.StringConverter",
             "value.converter": "org.apache.kafka.connect.json.JsonConverter", "value.converter.schemas.enable": "false",
             "transforms": "stamp,trim,key,route",
             "transforms.stamp.type": "org.apache.kafka.connect.transforms.InsertField$Value",
             "transforms.stamp.static.field": "source", "transforms.stamp.static.value": "web",
             "transforms.stamp.offset.field": "offset",
             "transforms.trim.type": "org.apache.kafka.connect.transforms.ReplaceField$Value",
             "transforms.trim.exclude": "secret", "transforms.trim.renames": "id:order_id",
             "transforms.key.type": "org.apache.kafka.connect.transforms.ValueToKey", "transforms.key.fields": "order_id",
             "transforms.route.type": "org.apache.kafka.connect.transforms.RegexRouter",
             "transforms.route.regex": "orders-(.*)", "transforms.route.replacement": "processed-$1"}
            """;
        var (status, body) = await Http.SendAsync(_client, "PUT", $"/connectors/{name}/config", config);
        Assert.True(status == System.Net.HttpStatusCode.Created, $"Creating {name} answered {(int)status}: {body}");
        await Http.WaitForStateAsync(_client, name, "RUNNING");

        // The sink waits for its topic, which this producer auto-creates (four partitions on the embedded Kafka):
        // every record goes to partition 0, so they keep their order.
        await ProduceAsync(topic, [
            ("a", """{"id": 1, "secret": "s1", "amount": 9.5}"""),
            ("b", """{"id": 2, "secret": "s2", "amount": 20}"""),
            ("c", """{"id": 3, "amount": 0.25, "note": "no secret"}"""),
        ]);

        var records = await WaitForRecordsAsync(name, 3);
        Assert.True(records.Count == 3, $"{name}: the sink received {records.Count} records, expected 3");
        Assert.All(records, r => Assert.Equal("processed-" + name, r.Topic));
        Assert.Equal(["order_id=1", "order_id=2", "order_id=3"], records.Select(r => Describe(r.Key)));
        Assert.Equal(
            [
                "amount=9.5,offset=0,order_id=1,source=web",
                "amount=20,offset=1,order_id=2,source=web",
                "amount=0.25,note=no secret,offset=2,order_id=3,source=web",
            ],
            records.Select(r => Describe(r.Value)));
        Assert.All(records, r => Assert.Null(r.KeySchema));
        Assert.Equal([0L, 1L, 2L], records.Select(r => r.KafkaOffset));
        Assert.All(records, r => Assert.Equal(topic, r.OriginalTopic));
    }

    private async Task ProduceAsync(string topic, IReadOnlyList<(string Key, string Value)> records)
    {
        var (_, root) = await Http.SendAsync(_client, "GET", "/");
        var bootstrap = root.GetProperty("embedded_kafka_bootstrap_servers").GetString();
        using var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = bootstrap, EnableIdempotence = true }).Build();
        foreach (var (key, value) in records)
        {
            await producer.ProduceAsync(new TopicPartition(topic, 0), new Message<string, string> { Key = key, Value = value }, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>
    /// What the recording sink flushed. ApiFactory installs the test plugins through plugin.path, so the silo runs
    /// them in their own AssemblyLoadContext, whose RecordingStore is not the one this assembly sees: reach that one.
    /// The records are the SPI's, which both contexts share.
    /// </summary>
    private async Task<IReadOnlyList<SinkRecord>> WaitForRecordsAsync(string recordingId, int count)
    {
        var context = AssemblyLoadContext.All.Single(c => c.Name == "plugin:" + factory.PluginPath);
        var plugins = context.Assemblies.Single(a => a.GetName().Name == "OrleansConnect.TestPlugins");
        var recording = plugins.GetType("OrleansConnect.TestPlugins.RecordingStore", throwOnError: true)!.GetMethod("Get")!.Invoke(null, [recordingId])!;
        var wait = (Task<IReadOnlyList<SinkRecord>>)recording.GetType().GetMethod("WaitForAsync")!.Invoke(recording, [count, TimeSpan.FromSeconds(60)])!;
        return await wait;
    }

    /// <summary>A schemaless map as sorted <c>key=value</c> pairs.</summary>
    private static string Describe(object? map) =>
        map is IDictionary dictionary
            ? string.Join(",", dictionary.Keys.Cast<object>().Select(k => $"{k}={Convert.ToString(dictionary[k], CultureInfo.InvariantCulture)}").Order(StringComparer.Ordinal))
            : $"not a map: {map}";
}
