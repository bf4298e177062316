using System.Text;
using MQTTnet;
using OrleansConnect.Plugins.Data;
using OrleansConnect.Plugins.Errors;
using OrleansConnect.Plugins.Mqtt.Sink;
using OrleansConnect.Plugins.Sink;

namespace OrleansConnect.Plugins.Mqtt.Tests;

[Collection(MosquittoCollection.Name)]
public sealed class MqttSinkTaskTests(MosquittoFixture server)
{
    internal static Dictionary<string, string> Config(MosquittoServer server, params (string Key, string Value)[] extra)
    {
        var config = new Dictionary<string, string>
        {
            ["mqtt.server.uri"] = server.Uri,
            ["mqtt.client.id"] = $"sink-{Guid.NewGuid():N}",
            ["mqtt.qos"] = "1",
        };
        foreach (var (key, value) in extra)
        {
            config[key] = value;
        }

        return config;
    }

    internal static async Task<MqttSinkTask> StartAsync(Dictionary<string, string> config, TestSinkTaskContext? context = null)
    {
        var task = new MqttSinkTask();
        task.Initialize(context ?? new TestSinkTaskContext(config));
        await task.StartAsync(config, CancellationToken.None);
        return task;
    }

    internal static SinkRecord Record(string topic, long offset, Schema? schema, object? value) => new(topic, 0, Schema.String, $"k{offset}", schema, value, offset);

    [Fact]
    public async Task PutAsync_QoS1_ASubscriberOfTheKafkaTopicsNameGetsEveryRecordInOrder()
    {
        var topic = $"commands-{Guid.NewGuid():N}";
        var (subscriber, received) = await MqttClients.SubscribeAsync(server, topic);
        var task = await StartAsync(Config(server));

        await task.PutAsync(
            [Record(topic, 0, Schema.Bytes, Encoding.UTF8.GetBytes("bytes")), Record(topic, 1, Schema.String, "text"), Record(topic, 2, Schema.OptionalBytes, null)],
            CancellationToken.None);
        await task.StopAsync(CancellationToken.None);
        var messages = await Eventually.HoldsAsync(
            () => Task.FromResult(received.ToArray()), r => r.Length >= 3, r => $"subscriber of {topic}: expected 3 messages, got {r.Length}", SourceTasks.Timeout);
        await subscriber.TryDisconnectAsync();
        subscriber.Dispose();

        Assert.Equal([(topic, "bytes", false), (topic, "text", false), (topic, string.Empty, false)], messages);
    }

    [Fact]
    public async Task PutAsync_RetainedEnabled_ALaterSubscriberGetsTheLastMessage()
    {
        var topic = $"state-{Guid.NewGuid():N}";
        var task = await StartAsync(Config(server, ("mqtt.retained.enabled", "true")));
        await task.PutAsync([Record(topic, 0, Schema.String, "off"), Record(topic, 1, Schema.String, "on")], CancellationToken.None);
        await task.StopAsync(CancellationToken.None);

        var (subscriber, received) = await MqttClients.SubscribeAsync(server, topic);
        var messages = await Eventually.HoldsAsync(
            () => Task.FromResult(received.ToArray()), r => r.Length >= 1, r => $"subscriber of {topic}: expected the retained message, got {r.Length}", SourceTasks.Timeout);
        await subscriber.TryDisconnectAsync();
        subscriber.Dispose();

        Assert.Equal([(topic, "on", true)], messages);
    }

    [Fact]
    public async Task PutAsync_StructValue_ReportedAsErrantAndTheRestPublished()
    {
        var topic = $"mixed-{Guid.NewGuid():N}";
        var (subscriber, received) = await MqttClients.SubscribeAsync(server, topic);
        var schema = SchemaBuilder.Struct().Field("id", Schema.Int32).Build();
        var config = Config(server);
        var context = new TestSinkTaskContext(config);
        var task = await StartAsync(config, context);

        await task.PutAsync([Record(topic, 7, schema, new Struct(schema).Put("id", 1)), Record(topic, 8, Schema.String, "after")], CancellationToken.None);
        await task.StopAsync(CancellationToken.None);
        var messages = await Eventually.HoldsAsync(
            () => Task.FromResult(received.ToArray()), r => r.Length >= 1, r => $"subscriber of {topic}: expected 1 message, got {r.Length}", SourceTasks.Timeout);
        await subscriber.TryDisconnectAsync();
        subscriber.Dispose();

        var (record, error) = Assert.Single(context.Reported);
        Assert.Equal(7, record.KafkaOffset);
        Assert.IsType<DataException>(error);
        Assert.Contains($"{topic}-0 at offset 7", error.Message, StringComparison.Ordinal);
        Assert.Equal([(topic, "after", false)], messages);
    }
}
