using System.Text;
using Confluent.Kafka;
using OrleansConnect.Grains.Runtime;
using OrleansConnect.Grains.Runtime.Errors;
using OrleansConnect.Plugins.Errors;
using OrleansConnect.TestPlugins;

namespace OrleansConnect.Grains.Tests.Runtime;

/// <summary>
/// The <c>errors.*</c> settings on a running sink loop over the embedded Kafka: a poison record among good ones
/// with each tolerance, the dead letter queue, the errant record reporter, a target that fails for a while.
/// </summary>
public sealed class SinkErrorHandlingTests
{
    private const int Records = 10_000;
    private const int Poison = 4_321;

    [Fact]
    public async Task ToleranceAll_PoisonRecordAmongTenThousand_OthersDeliveredPoisonInDeadLetterQueueOffsetsPastIt()
    {
        var (name, topic, dlq) = Names();
        ProduceWithPoison(topic);
        var runner = TaskLoops.Create(name, topic, JsonValues(new()
        {
            ["errors.tolerance"] = "all",
            ["errors.log.enable"] = "true",
            ["errors.deadletterqueue.topic.name"] = dlq,
            ["errors.deadletterqueue.context.headers.enable"] = "true",
        }));

        runner.Start();
        var delivered = await RecordingStore.Get(name).WaitForAsync(Records - 1, TaskLoops.Timeout);
        await runner.StopAsync(TaskLoops.Timeout);

        Assert.Null(runner.Trace);
        Assert.Equal(Records - 1, delivered.Count);
        Assert.DoesNotContain(delivered, r => r.KafkaOffset == Poison);
        Assert.Equal(Records, TaskLoops.Committed(name, topic));

        var dead = Assert.Single(ConsumeAll(dlq));
        Assert.Equal(Encoding.UTF8.GetBytes($"k{Poison}"), dead.Message.Key);
        Assert.Equal(PoisonValue, dead.Message.Value);
        var headers = dead.Message.Headers.ToDictionary(h => h.Key, h => Encoding.UTF8.GetString(h.GetValueBytes()));
        Assert.Equal("original", headers["origin"]);
        Assert.Equal(topic, headers["__connect.errors.topic"]);
        Assert.Equal("0", headers["__connect.errors.partition"]);
        Assert.Equal(Poison.ToString(System.Globalization.CultureInfo.InvariantCulture), headers["__connect.errors.offset"]);
        Assert.Equal(name, headers["__connect.errors.connector.name"]);
        Assert.Equal("0", headers["__connect.errors.task.id"]);
        Assert.Equal("VALUE_CONVERTER", headers["__connect.errors.stage"]);
        Assert.Equal(typeof(OrleansConnect.Plugins.Converters.JsonConverter).FullName, headers["__connect.errors.class.name"]);
        Assert.Equal(typeof(DataException).FullName, headers["__connect.errors.exception.class.name"]);
        Assert.False(string.IsNullOrEmpty(headers["__connect.errors.exception.message"]));
        Assert.Contains(nameof(OrleansConnect.Plugins.Converters.JsonConverter), headers["__connect.errors.exception.stacktrace"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ToleranceNone_PoisonRecord_TaskFailsThereCommitsNothingPastItAndResumesThereOnceFixed()
    {
        var (name, topic, dlq) = Names();
        ProduceWithPoison(topic);
        var failing = TaskLoops.Create(name, topic, JsonValues(new()));

        failing.Start();
        await Eventually.HoldsAsync(
            () => Task.FromResult(failing.State),
            state => state == ConnectorState.Failed,
            state => $"task state {state}, expected FAILED at offset {Poison}");

        Assert.Contains(RetryWithToleranceOperator.ToleranceExceeded, failing.Trace, StringComparison.Ordinal);
        Assert.Contains(nameof(DataException), failing.Trace, StringComparison.Ordinal);
        Assert.Equal(Enumerable.Range(0, Poison).Select(i => (long)i), RecordingStore.Get(name).Flushed.Select(r => r.KafkaOffset));
        Assert.Equal(Poison, TaskLoops.Committed(name, topic));

        // The fix: tolerate the record and send it to a dead letter queue. The task resumes at the poison record.
        var fixedName = name + "-fixed";
        var resumed = TaskLoops.Create(name, topic, JsonValues(new()
        {
            ["recording.id"] = fixedName,
            ["errors.tolerance"] = "all",
            ["errors.deadletterqueue.topic.name"] = dlq,
        }));
        resumed.Start();
        var rest = await RecordingStore.Get(fixedName).WaitForAsync(Records - Poison - 1, TaskLoops.Timeout);
        Assert.True(resumed.State == ConnectorState.Running, $"{resumed.State}: {resumed.Trace}");
        await resumed.StopAsync(TaskLoops.Timeout);

        Assert.Equal(Enumerable.Range(Poison + 1, Records - Poison - 1).Select(i => (long)i), rest.Select(r => r.KafkaOffset));
        Assert.Equal(PoisonValue, Assert.Single(ConsumeAll(dlq)).Message.Value);
        Assert.Equal(Records, TaskLoops.Committed(name, topic));
    }

    [Fact]
    public async Task ErrantRecordReporter_RecordTheTaskCannotWrite_GoesToTheDeadLetterQueueAtStageTaskPut()
    {
        var (name, topic, dlq) = Names();
        ClusterFixture.CreateTopic(topic);
        TaskLoops.Produce(topic, Enumerable.Range(0, 100).Select(i => new Message<byte[]?, byte[]?> { Value = Encoding.UTF8.GetBytes($"v{i}") }));
        var runner = TaskLoops.Create(name, topic, new Dictionary<string, string>
        {
            ["errant.on.value"] = "v42",
            ["errors.tolerance"] = "all",
            ["errors.deadletterqueue.topic.name"] = dlq,
            ["errors.deadletterqueue.context.headers.enable"] = "true",
        });

        runner.Start();
        var delivered = await RecordingStore.Get(name).WaitForAsync(99, TaskLoops.Timeout);
        await runner.StopAsync(TaskLoops.Timeout);

        Assert.Null(runner.Trace);
        Assert.DoesNotContain(delivered, r => Equals(r.Value, "v42"));
        var dead = Assert.Single(ConsumeAll(dlq));
        Assert.Equal("v42", Encoding.UTF8.GetString(dead.Message.Value!));
        var headers = dead.Message.Headers.ToDictionary(h => h.Key, h => Encoding.UTF8.GetString(h.GetValueBytes()));
        Assert.Equal("TASK_PUT", headers["__connect.errors.stage"]);
        Assert.Equal(typeof(RecordingSinkTask).FullName, headers["__connect.errors.class.name"]);
        Assert.Equal("42", headers["__connect.errors.offset"]);
        Assert.Equal(100, TaskLoops.Committed(name, topic));
    }

    [Fact]
    public async Task TargetFailingTransientlyForFiveSeconds_NothingLostAndTheTaskNeverFails()
    {
        var (name, topic, _) = Names();
        ClusterFixture.CreateTopic(topic);
        TaskLoops.Produce(topic, Enumerable.Range(0, 1_000).Select(i => new Message<byte[]?, byte[]?> { Value = Encoding.UTF8.GetBytes($"v{i}") }));
        var runner = TaskLoops.Create(name, topic, new Dictionary<string, string> { ["retriable.failure.ms"] = "5000" });

        runner.Start();
        var delivered = await RecordingStore.Get(name).WaitForAsync(1_000, TimeSpan.FromSeconds(60));
        var state = runner.State;
        await runner.StopAsync(TaskLoops.Timeout);

        Assert.Equal(ConnectorState.Running, state);
        Assert.Null(runner.Trace);
        Assert.True(RecordingStore.Get(name).RetriableFailures > 1, "the target never failed");
        Assert.Equal(Enumerable.Range(0, 1_000).Select(i => $"v{i}"), delivered.Select(r => r.Value));
        Assert.Equal(1_000, TaskLoops.Committed(name, topic));
    }

    [Fact]
    public async Task ToleranceAll_JsonPayloadsKafkaWouldCoerce_GoToTheDeadLetterQueueNamingFieldAndValue()
    {
        var (name, topic, dlq) = Names();
        ProduceCoercionCases(topic);
        var runner = TaskLoops.Create(name, topic, SchemaJsonValues(new()
        {
            ["errors.tolerance"] = "all",
            ["errors.log.enable"] = "true",
            ["errors.deadletterqueue.topic.name"] = dlq,
            ["errors.deadletterqueue.context.headers.enable"] = "true",
        }));

        runner.Start();
        var delivered = await RecordingStore.Get(name).WaitForAsync(CoercionGood.Length, TaskLoops.Timeout);
        await runner.StopAsync(TaskLoops.Timeout);

        Assert.Null(runner.Trace);
        Assert.Equal(CoercionGood, delivered.Select(r => r.KafkaOffset));
        Assert.Equal(CoercionPayloads.Length, TaskLoops.Committed(name, topic));
        var messages = ConsumeAll(dlq).Select(d => Encoding.UTF8.GetString(d.Message.Headers.GetLastBytes("__connect.errors.exception.message"))).ToList();
        Assert.Equal(
            [
                "Field 'qty': Invalid JSON Number for schema type INT8: 300",
                "Field 'flag': Invalid JSON String for schema type BOOLEAN: \"true\"",
                "Field 'count': Invalid JSON Number for schema type INT32: 5.5",
                "Field 'big': Invalid JSON Number for schema type INT64: 9223372036854775808",
            ],
            messages);
    }

    [Fact]
    public async Task ToleranceNone_JsonPayloadKafkaWouldCoerce_TaskFailsAtThatRecordNamingTheField()
    {
        var (name, topic, _) = Names();
        ProduceCoercionCases(topic);
        var runner = TaskLoops.Create(name, topic, SchemaJsonValues(new()));

        runner.Start();
        await Eventually.HoldsAsync(
            () => Task.FromResult(runner.State),
            state => state == ConnectorState.Failed,
            state => $"task {name}-0 state {state}, expected FAILED at offset 1 (int8 300)");

        Assert.Contains("Field 'qty': Invalid JSON Number for schema type INT8: 300", runner.Trace, StringComparison.Ordinal);
        Assert.Equal([0L], RecordingStore.Get(name).Flushed.Select(r => r.KafkaOffset));
        Assert.Equal(1, TaskLoops.Committed(name, topic));
    }

    // Offsets 1, 3, 4 and 6 hold payloads Kafka's JsonConverter would coerce (to 44, false, 5 and a wrapped long).
    private static readonly string[] CoercionPayloads =
    [
        "{\"qty\":1,\"flag\":true,\"count\":1,\"big\":1}",
        "{\"qty\":300,\"flag\":true,\"count\":1,\"big\":1}",
        "{\"qty\":2,\"flag\":false,\"count\":2,\"big\":2}",
        "{\"qty\":3,\"flag\":\"true\",\"count\":3,\"big\":3}",
        "{\"qty\":4,\"flag\":true,\"count\":5.5,\"big\":4}",
        "{\"qty\":5,\"flag\":true,\"count\":5,\"big\":5}",
        "{\"qty\":6,\"flag\":true,\"count\":6,\"big\":9223372036854775808}",
        "{\"qty\":7,\"flag\":true,\"count\":7,\"big\":7}",
    ];

    private static readonly long[] CoercionGood = [0, 2, 5, 7];

    private static void ProduceCoercionCases(string topic)
    {
        const string schema = "{\"type\":\"struct\",\"optional\":false,\"fields\":[" +
            "{\"field\":\"qty\",\"type\":\"int8\",\"optional\":false},{\"field\":\"flag\",\"type\":\"boolean\",\"optional\":false}," +
            "{\"field\":\"count\",\"type\":\"int32\",\"optional\":false},{\"field\":\"big\",\"type\":\"int64\",\"optional\":false}]}";
        ClusterFixture.CreateTopic(topic);
        TaskLoops.Produce(topic, CoercionPayloads.Select(p => new Message<byte[]?, byte[]?>
        {
            Value = Encoding.UTF8.GetBytes($"{{\"schema\":{schema},\"payload\":{p}}}"),
        }));
    }

    /// <summary><see cref="JsonValues"/> with schemas enabled, so each payload is read against its envelope's schema.</summary>
    private static Dictionary<string, string> SchemaJsonValues(Dictionary<string, string> settings)
    {
        JsonValues(settings);
        settings["value.converter.schemas.enable"] = "true";
        return settings;
    }

    private static byte[] PoisonValue => Encoding.UTF8.GetBytes("{\"i\": 4321, not json");

    private static (string Name, string Topic, string DeadLetterQueue) Names()
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        return ($"errors-{id}", $"errors-{id}", $"dlq-{id}");
    }

    /// <summary>Settings reading values with the JsonConverter without schemas, so a value that is not JSON fails conversion.</summary>
    private static Dictionary<string, string> JsonValues(Dictionary<string, string> settings)
    {
        settings["value.converter"] = "org.apache.kafka.connect.json.JsonConverter";
        settings["value.converter.schemas.enable"] = "false";
        // The embedded Kafka (librdkafka's mock) lets a new member join only after the group's earlier member times
        // out, even one that left: short timeouts keep the restart quick.
        settings["consumer.override.session.timeout.ms"] = "6000";
        settings["consumer.override.max.poll.interval.ms"] = "10000";
        return settings;
    }

    /// <summary><see cref="Records"/> JSON values with keys and a header; the one at <see cref="Poison"/> is not JSON.</summary>
    private static void ProduceWithPoison(string topic)
    {
        ClusterFixture.CreateTopic(topic);
        TaskLoops.Produce(topic, Enumerable.Range(0, Records).Select(i => new Message<byte[]?, byte[]?>
        {
            Key = Encoding.UTF8.GetBytes($"k{i}"),
            Value = i == Poison ? PoisonValue : Encoding.UTF8.GetBytes($"{{\"i\": {i}}}"),
            Headers = new Headers { { "origin", Encoding.UTF8.GetBytes("original") } },
        }));
    }

    private static List<ConsumeResult<byte[]?, byte[]?>> ConsumeAll(string topic)
    {
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(new ConsumerConfig
        {
            BootstrapServers = ClusterFixture.Kafka.BootstrapServers,
            GroupId = "read-" + Guid.NewGuid().ToString("N"),
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnablePartitionEof = true,
        }).Build();
        consumer.Assign(new TopicPartitionOffset(topic, 0, Offset.Beginning));
        var results = new List<ConsumeResult<byte[]?, byte[]?>>();
        while (consumer.Consume(TaskLoops.Timeout) is { } result && !result.IsPartitionEOF)
        {
            results.Add(result);
        }

        return results;
    }
}
