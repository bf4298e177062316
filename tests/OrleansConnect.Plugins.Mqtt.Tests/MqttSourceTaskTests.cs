using OrleansConnect.Plugins.Data;

namespace OrleansConnect.Plugins.Mqtt.Tests;

[Collection(MosquittoCollection.Name)]
public sealed class MqttSourceTaskTests(MosquittoFixture server)
{
    private Dictionary<string, string> Config(string topics, string kafkaTopic, params (string Key, string Value)[] extra)
    {
        var config = new Dictionary<string, string>
        {
            ["mqtt.server.uri"] = server.Uri,
            ["mqtt.topics"] = topics,
            ["kafka.topic"] = kafkaTopic,
            ["mqtt.client.id"] = $"source-{Guid.NewGuid():N}",
            ["records.buffer.timeout.ms"] = "200",
        };
        foreach (var (key, value) in extra)
        {
            config[key] = value;
        }

        return config;
    }

    [Fact]
    public async Task PollAsync_WildcardTopics_RecordsKeyedByTheirMqttTopic()
    {
        var root = $"plant-{Guid.NewGuid():N}";
        var task = await SourceTasks.StartAsync(Config($"{root}/+/temperature,{root}/alarms/#", "mqtt-readings"));

        await MqttClients.PublishAsync(server, $"{root}/line1/temperature", "21.5");
        await MqttClients.PublishAsync(server, $"{root}/line1/pressure", "not subscribed");
        await MqttClients.PublishAsync(server, $"{root}/line2/temperature", "19.0");
        await MqttClients.PublishAsync(server, $"{root}/alarms/line2/overheat", "on");
        await MqttClients.PublishAsync(server, $"{root}/alarms", "end");
        var records = await SourceTasks.PollAsync(task, 4);
        await task.StopAsync(CancellationToken.None);

        Assert.Equal(
            [($"{root}/line1/temperature", "21.5"), ($"{root}/line2/temperature", "19.0"), ($"{root}/alarms/line2/overheat", "on"), ($"{root}/alarms", "end")],
            records.Select(r => ((string)r.Key!, SourceTasks.Payload(r))));
        Assert.All(records, r => Assert.Equal("mqtt-readings", r.Topic));
        Assert.All(records, r => Assert.Equal(Schema.String, r.KeySchema));
        Assert.All(records, r => Assert.Equal(Schema.Bytes, r.ValueSchema));
        Assert.All(records, r => Assert.Null(r.SourcePartition));
        // Subscribed with mqtt.qos's default 0: the broker downgrades the QoS 1 publications.
        Assert.All(records, r => Assert.Equal(0, r.Headers.LastWithName("mqtt.qos")!.Value));
        Assert.All(records, r => Assert.Equal(false, r.Headers.LastWithName("mqtt.retained")!.Value));
    }

    [Fact]
    public async Task StopAsync_QoS1WithoutCommit_TheBrokerSendsTheMessagesAgain()
    {
        var topic = $"orders-{Guid.NewGuid():N}";
        var config = Config(topic, "mqtt-orders", ("mqtt.qos", "1"), ("mqtt.clean.session.enabled", "false"));
        var first = await SourceTasks.StartAsync(config);
        await MqttClients.PublishAsync(server, topic, "o1", "o2", "o3");
        var uncommitted = await SourceTasks.PollAsync(first, 3, commit: false);
        await first.StopAsync(CancellationToken.None);

        // The same connector again (same client id): Kafka never had the records, so nothing may be lost.
        var second = await SourceTasks.StartAsync(config, resumes: true);
        var redelivered = await SourceTasks.PollAsync(second, 3);
        await MqttClients.PublishAsync(server, topic, "o4");
        var next = await SourceTasks.PollAsync(second, 1);
        await second.StopAsync(CancellationToken.None);

        // Committed this time: a third start gets only what comes after.
        var third = await SourceTasks.StartAsync(config, resumes: true);
        await MqttClients.PublishAsync(server, topic, "o5");
        var after = await SourceTasks.PollAsync(third, 1);
        await third.StopAsync(CancellationToken.None);

        Assert.Equal(["o1", "o2", "o3"], uncommitted.Select(SourceTasks.Payload));
        Assert.Equal(["o1", "o2", "o3"], redelivered.Select(SourceTasks.Payload));
        Assert.All(redelivered, r => Assert.Equal(true, r.Headers.LastWithName("mqtt.duplicate")!.Value));
        Assert.All(redelivered, r => Assert.Equal(1, r.Headers.LastWithName("mqtt.qos")!.Value));
        Assert.Equal(["o4"], next.Select(SourceTasks.Payload));
        Assert.Equal(["o5"], after.Select(SourceTasks.Payload));
    }

    [Fact]
    public async Task CommitRecord_OutOfOrder_AcknowledgesOnlyOnceEveryEarlierMessageIsInKafka()
    {
        var topic = $"events-{Guid.NewGuid():N}";
        var config = Config(topic, "mqtt-events", ("mqtt.qos", "1"), ("mqtt.clean.session.enabled", "false"));
        var first = await SourceTasks.StartAsync(config);
        await MqttClients.PublishAsync(server, topic, "e1", "e2", "e3", "e4");
        var records = await SourceTasks.PollAsync(first, 4, commit: false);

        // Kafka has e1, e3 and e4 (another partition was faster), not e2: only e1 may be acknowledged.
        foreach (var record in records.Where(r => SourceTasks.Payload(r) != "e2"))
        {
            first.CommitRecord(record, new RecordMetadata(record.Topic, 0, 0, 0));
        }

        await first.StopAsync(CancellationToken.None);
        var second = await SourceTasks.StartAsync(config, resumes: true);
        var redelivered = await SourceTasks.PollAsync(second, 3);
        await second.StopAsync(CancellationToken.None);

        Assert.Equal(["e2", "e3", "e4"], redelivered.Select(SourceTasks.Payload));
    }

    [Fact]
    public async Task PollAsync_QoS0WithCleanSession_MessagesWhileStoppedAreNotKept()
    {
        var topic = $"telemetry-{Guid.NewGuid():N}";
        var config = Config(topic, "mqtt-telemetry");
        var first = await SourceTasks.StartAsync(config);
        await first.StopAsync(CancellationToken.None);
        await MqttClients.PublishAsync(server, topic, "while stopped");

        var second = await SourceTasks.StartAsync(config);
        await MqttClients.PublishAsync(server, topic, "after start");
        var records = await SourceTasks.PollAsync(second, 1);
        await second.StopAsync(CancellationToken.None);

        // Confluent's default, mqtt.clean.session.enabled=true: the broker forgets the session at each disconnect.
        Assert.Equal(["after start"], records.Select(SourceTasks.Payload));
    }
}
