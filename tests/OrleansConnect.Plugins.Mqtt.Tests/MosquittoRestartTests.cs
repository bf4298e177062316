using MQTTnet;
using OrleansConnect.Plugins.Data;
using OrleansConnect.Plugins.Errors;

namespace OrleansConnect.Plugins.Mqtt.Tests;

/// <summary>The broker goes down and comes back (same port, same persistence) under a running task.</summary>
[Collection(MosquittoCollection.Name)]
public sealed class MosquittoRestartTests(MosquittoFixture server)
{
    [Fact]
    public async Task MqttSourceTask_BrokerRestart_NothingLost()
    {
        var topic = $"meters-{Guid.NewGuid():N}";
        var task = await SourceTasks.StartAsync(new Dictionary<string, string>
        {
            ["mqtt.server.uri"] = server.Uri,
            ["mqtt.topics"] = topic,
            ["kafka.topic"] = "mqtt-meters",
            ["mqtt.client.id"] = $"source-{Guid.NewGuid():N}",
            ["mqtt.qos"] = "1",
            ["mqtt.clean.session.enabled"] = "false",
            ["mqtt.connect.timeout.seconds"] = "5",
            ["records.buffer.timeout.ms"] = "200",
        });
        await MqttClients.PublishAsync(server, topic, "m1", "m2", "m3", "m4", "m5");
        var before = await SourceTasks.PollAsync(task, 5, commit: false);
        // Kafka has m1..m3 when the broker goes down; m4 and m5 are still on their way.
        foreach (var record in before.Take(3))
        {
            task.CommitRecord(record, new RecordMetadata(record.Topic, 0, 0, 0));
        }

        await server.StopAsync();
        await Assert.ThrowsAsync<RetriableException>(() => PollUntilFailureAsync(task));
        await server.StartAsync();
        await MqttClients.PublishAsync(server, topic, "m6", "m7");
        string[] expected = ["m4", "m5", "m6", "m7"];
        var after = await SourceTasks.PollUntilAsync(task, r => expected.All(r.Select(SourceTasks.Payload).Contains), string.Join(", ", expected));
        await task.StopAsync(CancellationToken.None);

        Assert.Equal(["m1", "m2", "m3", "m4", "m5"], before.Select(SourceTasks.Payload));
        // m4 and m5 come again, in order, then what was published after the restart. Acknowledgements still on their
        // way when the broker stopped may bring some of m1..m3 again too (at least once): never anything else.
        var payloads = after.Select(SourceTasks.Payload).ToList();
        Assert.Equal(expected, payloads.Where(expected.Contains));
        Assert.All(payloads.Where(p => !expected.Contains(p)), p => Assert.Contains(p, (string[])["m1", "m2", "m3"]));
    }

    [Fact]
    public async Task MqttSinkTask_BrokerRestart_TheRetriedBatchReachesThePersistentSubscriber()
    {
        var topic = $"setpoints-{Guid.NewGuid():N}";
        var subscriberId = $"app-{Guid.NewGuid():N}";
        var (subscriber, received) = await MqttClients.SubscribeAsync(server, topic, subscriberId, cleanSession: false);
        var config = MqttSinkTaskTests.Config(server, ("mqtt.connect.timeout.seconds", "5"));
        var context = new TestSinkTaskContext(config);
        var task = await MqttSinkTaskTests.StartAsync(config, context);
        await task.PutAsync([MqttSinkTaskTests.Record(topic, 0, Schema.String, "s1"), MqttSinkTaskTests.Record(topic, 1, Schema.String, "s2")], CancellationToken.None);

        await server.StopAsync();
        subscriber.Dispose();
        IReadOnlyCollection<OrleansConnect.Plugins.Sink.SinkRecord> batch = [MqttSinkTaskTests.Record(topic, 2, Schema.String, "s3"), MqttSinkTaskTests.Record(topic, 3, Schema.String, "s4")];
        await Assert.ThrowsAsync<RetriableException>(() => task.PutAsync(batch, CancellationToken.None));
        Assert.Equal(1000, context.TimeoutMs);
        await server.StartAsync();
        // The runtime retries the failed batch; the broker keeps it for the subscriber's session meanwhile.
        await task.PutAsync(batch, CancellationToken.None);
        await task.StopAsync(CancellationToken.None);
        var (again, receivedAgain) = await MqttClients.SubscribeAsync(server, topic, subscriberId, cleanSession: false);
        var messages = await Eventually.HoldsAsync(
            () => Task.FromResult(received.Concat(receivedAgain).Select(m => m.Payload).Distinct().ToArray()), m => m.Length >= 4,
            m => $"subscriber {subscriberId}: expected s1..s4, got {string.Join(", ", m)}", SourceTasks.Timeout);
        await again.TryDisconnectAsync();
        again.Dispose();

        Assert.Equal(["s1", "s2", "s3", "s4"], messages);
    }

    /// <summary>Polls until the task notices the broker is gone and fails retriably (the runtime would back off and poll again).</summary>
    private static async Task PollUntilFailureAsync(Source.MqttSourceTask task)
    {
        var deadline = DateTime.UtcNow + SourceTasks.Timeout;
        while (DateTime.UtcNow < deadline)
        {
            Assert.Empty(await task.PollAsync(CancellationToken.None) ?? []);
        }
    }
}
