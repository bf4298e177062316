using System.Globalization;
using System.Text;
using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.Errors;
using OrleansConnect.Plugins.RabbitMQ.Source;
using OrleansConnect.Plugins.Source;
using RabbitMQ.Client;

namespace OrleansConnect.Plugins.RabbitMQ.Tests;

[Collection(RabbitMqCollection.Name)]
public sealed class RabbitMQSourceTaskTests(RabbitMqFixture broker)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task PollAsync_MessageWithPropertiesAndHeaders_RecordCarriesThemAsRabbitmqHeaders()
    {
        var queue = await broker.CreateQueueAsync();
        var properties = new BasicProperties
        {
            MessageId = "order-1",
            ContentType = "application/json",
            CorrelationId = "corr-1",
            AppId = "shop",
            Timestamp = new AmqpTimestamp(1_700_000_000),
            Headers = new Dictionary<string, object?> { ["tenant"] = "acme", ["attempt"] = 3, ["tags"] = new List<object> { "a", "b" } },
        };
        await broker.PublishAsync(queue, [(properties, Encoding.UTF8.GetBytes("{\"id\":1}"))]);
        var task = await StartTaskAsync(queue, "orders");

        var record = Assert.Single(await PollUntilAsync(task, 1, queue));
        await task.StopAsync(CancellationToken.None);

        Assert.Equal("orders", record.Topic);
        Assert.Equal("order-1", record.Key);
        Assert.Equal("{\"id\":1}", Encoding.UTF8.GetString((byte[])record.Value!));
        Assert.Equal(1_700_000_000_000L, record.Timestamp);
        var headers = record.Headers.ToDictionary(h => h.Key, h => h.Value);
        Assert.Equal("order-1", headers["rabbitmq.message.id"]);
        Assert.Equal("application/json", headers["rabbitmq.content.type"]);
        Assert.Equal("corr-1", headers["rabbitmq.correlation.id"]);
        Assert.Equal("shop", headers["rabbitmq.app.id"]);
        Assert.Null(headers["rabbitmq.reply.to"]);
        Assert.Equal(2, headers["rabbitmq.delivery.mode"]);
        Assert.False((bool)headers["rabbitmq.redeliver"]!);
        Assert.Equal(string.Empty, headers["rabbitmq.exchange"]);
        Assert.Equal(queue, headers["rabbitmq.routing.key"]);
        Assert.StartsWith("amq.ctag-", (string)headers["rabbitmq.consumer.tag"]!, StringComparison.Ordinal);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000), headers["rabbitmq.timestamp"]);
        Assert.Equal("acme", headers["rabbitmq.tenant"]);
        Assert.Equal(3, headers["rabbitmq.attempt"]);
        Assert.Equal(["a", "b"], (IEnumerable<string?>)headers["rabbitmq.tags"]!);
    }

    [Fact]
    public async Task StopAsync_BeforeKafkaHasTheRecords_UnacknowledgedMessagesRedelivered()
    {
        var queue = await broker.CreateQueueAsync();
        await broker.PublishNumberedAsync(queue, "m", 0, 5);
        var first = await StartTaskAsync(queue);
        var polled = await PollUntilAsync(first, 5, queue);

        // Kafka acknowledged the first two only; then the task stops (or its worker dies) before the rest.
        foreach (var record in polled.Take(2))
        {
            first.CommitRecord(record, new RecordMetadata("rabbit", 0, 0, 0));
        }

        await first.CommitAsync(CancellationToken.None);
        await first.StopAsync(CancellationToken.None);
        Assert.Equal(3u, await broker.MessageCountAsync(queue));

        var second = await StartTaskAsync(queue);
        var again = await PollUntilAsync(second, 3, queue);
        Assert.Equal(["m2", "m3", "m4"], again.Select(r => (string)r.Key!).Order(StringComparer.Ordinal));
        Assert.All(again, r => Assert.True((bool)r.Headers.LastWithName("rabbitmq.redeliver")!.Value!));
        foreach (var record in again)
        {
            second.CommitRecord(record, new RecordMetadata("rabbit", 0, 0, 0));
        }

        await second.StopAsync(CancellationToken.None);
        Assert.Equal(0u, await broker.MessageCountAsync(queue));
    }

    [Fact]
    public async Task CommitRecord_DroppedByTransformation_MessageAcknowledged()
    {
        var queue = await broker.CreateQueueAsync();
        await broker.PublishNumberedAsync(queue, "d", 0, 1);
        var task = await StartTaskAsync(queue);
        var record = Assert.Single(await PollUntilAsync(task, 1, queue));

        // Null metadata: a transformation dropped the record; the runtime commits past it, so the message is done.
        task.CommitRecord(record, null);
        await task.StopAsync(CancellationToken.None);

        Assert.Equal(0u, await broker.MessageCountAsync(queue));
    }

    [Fact]
    public async Task StartAsync_QueueMissing_FailsNamingTheQueueAndKey()
    {
        var task = new RabbitMQSourceTask();
        var props = Config("no-such-queue-" + Guid.NewGuid().ToString("N"));
        task.Initialize(new TestSourceTaskContext(props));

        var error = await Assert.ThrowsAsync<ConnectException>(() => task.StartAsync(props, CancellationToken.None));

        Assert.Contains("rabbitmq.queue", error.Message, StringComparison.Ordinal);
        Assert.Contains(props["rabbitmq.queue"], error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PollAsync_QueueDeletedWhileConsumed_FailsNamingTheQueue()
    {
        var queue = await broker.CreateQueueAsync();
        var task = await StartTaskAsync(queue);
        await using (var connection = await broker.ConnectionFactory().CreateConnectionAsync(TestContext.Current.CancellationToken))
        await using (var channel = await connection.CreateChannelAsync(cancellationToken: TestContext.Current.CancellationToken))
        {
            await channel.QueueDeleteAsync(queue, cancellationToken: TestContext.Current.CancellationToken);
        }

        using var timeout = new CancellationTokenSource(Patience);
        var error = await Assert.ThrowsAsync<ConnectException>(async () =>
        {
            while (true)
            {
                await task.PollAsync(timeout.Token);
            }
        });
        await task.StopAsync(CancellationToken.None);

        Assert.Contains($"'{queue}' of 'rabbitmq.queue'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_WrongPassword_FailsNamingTheCredentialKeys()
    {
        var queue = await broker.CreateQueueAsync();
        var task = new RabbitMQSourceTask();
        var props = new Dictionary<string, string>(Config(queue)) { ["rabbitmq.password"] = "wrong" };
        task.Initialize(new TestSourceTaskContext(props));

        var error = await Assert.ThrowsAsync<ConnectException>(() => task.StartAsync(props, CancellationToken.None));

        Assert.Contains("rabbitmq.password", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PollAsync_BrokerRestartsWithMessagesInFlight_NothingLost()
    {
        var queue = await broker.CreateQueueAsync();
        await broker.PublishNumberedAsync(queue, "r", 0, 6);
        var task = await StartTaskAsync(queue);
        var beforeRestart = await PollUntilAsync(task, 6, queue);
        foreach (var record in beforeRestart.Where(r => (string)r.Key! is "r0" or "r1" or "r2"))
        {
            task.CommitRecord(record, new RecordMetadata("rabbit", 0, 0, 0));
        }

        await task.CommitAsync(CancellationToken.None);

        // r3..r5 are in flight to Kafka when the broker goes away; Kafka's late acknowledgements must not ack anything.
        await broker.StopAsync();
        await broker.StartAsync();
        foreach (var record in beforeRestart.Where(r => (string)r.Key! is "r3" or "r4" or "r5"))
        {
            task.CommitRecord(record, new RecordMetadata("rabbit", 0, 0, 0));
        }

        await broker.PublishNumberedAsync(queue, "r", 6, 2);
        var afterRestart = await PollUntilAsync(task, 5, queue);
        foreach (var record in afterRestart)
        {
            task.CommitRecord(record, new RecordMetadata("rabbit", 0, 0, 0));
        }

        await task.StopAsync(CancellationToken.None);

        Assert.Equal(["r3", "r4", "r5", "r6", "r7"], afterRestart.Select(r => (string)r.Key!).Order(StringComparer.Ordinal));
        Assert.Equal(0u, await broker.MessageCountAsync(queue));
    }

    [Fact]
    public void Validate_MissingQueueAndTopic_ErrorsNameTheKeys()
    {
        var results = new RabbitMQSourceConnector().Validate(broker.ConnectorConfig);

        Assert.NotEmpty(Errors(results, RabbitMQSourceConfig.QueueConfig));
        Assert.NotEmpty(Errors(results, RabbitMQSourceConfig.KafkaTopicConfig));
    }

    [Theory]
    [InlineData("rabbitmq.port", "not-a-port")]
    [InlineData("rabbitmq.port", "70000")]
    [InlineData("rabbitmq.prefetch.count", "-1")]
    [InlineData("rabbitmq.queue", "")]
    [InlineData("rabbitmq.security.protocol", "SSL")]
    [InlineData("rabbitmq.ssl", "true")]
    public void Validate_BadValue_ErrorNamesTheKey(string key, string value)
    {
        var props = new Dictionary<string, string>(Config("q")) { [key] = value };

        var results = new RabbitMQSourceConnector().Validate(props);

        Assert.Contains(Errors(results, key), e => e.Contains(key, StringComparison.Ordinal));
        Assert.All(results.Where(r => r.Name != key), r => Assert.Empty(r.ErrorMessages));
    }

    [Fact]
    public void StartAsync_BadValue_ConfigExceptionNamesTheKey()
    {
        var props = new Dictionary<string, string>(Config("q")) { ["rabbitmq.prefetch.count"] = "lots" };

        var error = Assert.Throws<ConfigException>(() => new RabbitMQSourceConfig(props));

        Assert.Equal("rabbitmq.prefetch.count", error.Name);
    }

    private static IReadOnlyList<string> Errors(IReadOnlyList<ConfigValue> results, string key) =>
        results.Single(r => r.Name == key).ErrorMessages;

    private Dictionary<string, string> Config(string queue, string topic = "rabbit") => new(broker.ConnectorConfig)
    {
        ["rabbitmq.queue"] = queue,
        ["kafka.topic"] = topic,
        ["rabbitmq.prefetch.count"] = "100",
        ["rabbitmq.network.recovery.interval.ms"] = "200",
    };

    private async Task<RabbitMQSourceTask> StartTaskAsync(string queue, string topic = "rabbit")
    {
        var props = Config(queue, topic);
        var task = new RabbitMQSourceTask();
        task.Initialize(new TestSourceTaskContext(props));
        await task.StartAsync(props, CancellationToken.None);
        return task;
    }

    /// <summary>Polls as the runtime does (a retriable failure is polled again) until there are <paramref name="count"/> records.</summary>
    private static async Task<List<SourceRecord>> PollUntilAsync(RabbitMQSourceTask task, int count, string queue)
    {
        var records = new List<SourceRecord>();
        var failures = 0;
        using var timeout = new CancellationTokenSource(Patience);
        while (records.Count < count)
        {
            if (timeout.IsCancellationRequested)
            {
                Assert.Fail($"Polled {records.Count.ToString(CultureInfo.InvariantCulture)} records from queue {queue}, expected {count.ToString(CultureInfo.InvariantCulture)}, in {Patience.TotalSeconds} s ({failures.ToString(CultureInfo.InvariantCulture)} retriable poll failures)");
            }

            try
            {
                records.AddRange(await task.PollAsync(timeout.Token) ?? []);
            }
            catch (RetriableException)
            {
                failures++;
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested)
            {
                // Reported at the top of the loop.
            }
        }

        return records;
    }
}
