using System.Text;
using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.Data;
using OrleansConnect.Plugins.Errors;
using OrleansConnect.Plugins.Headers;
using OrleansConnect.Plugins.RabbitMQ.Sink;
using OrleansConnect.Plugins.Sink;
using RabbitMQ.Client;

namespace OrleansConnect.Plugins.RabbitMQ.Tests;

[Collection(RabbitMqCollection.Name)]
public sealed class RabbitMQSinkTaskTests(RabbitMqFixture broker)
{
    [Fact]
    public async Task PutAsync_Records_ConsumerReadsThemInOrderWithKeyMetadataAndHeaders()
    {
        var queue = await broker.CreateQueueAsync();
        var task = await StartTaskAsync(new Dictionary<string, string>
        {
            ["rabbitmq.exchange"] = string.Empty,
            ["rabbitmq.routing.key"] = queue,
            ["rabbitmq.forward.kafka.key"] = "true",
            ["rabbitmq.forward.kafka.metadata"] = "true",
            ["rabbitmq.forward.kafka.headers"] = "true",
        });

        await task.PutAsync([.. Enumerable.Range(0, 20).Select(i => Record("orders", i, $"k{i}", $"v{i}"))], CancellationToken.None);
        await task.StopAsync(CancellationToken.None);

        var messages = await broker.DrainAsync(queue);
        Assert.Equal([.. Enumerable.Range(0, 20).Select(i => $"v{i}")], messages.Select(m => Encoding.UTF8.GetString(m.Body)));
        var (properties, _) = messages[7];
        Assert.Equal("k7", properties.CorrelationId);
        Assert.Equal(DeliveryModes.Persistent, properties.DeliveryMode);
        Assert.Equal("orders", Encoding.UTF8.GetString((byte[])properties.Headers!["KAFKA_TOPIC"]!));
        Assert.Equal(3, properties.Headers["KAFKA_PARTITION"]);
        Assert.Equal(107L, properties.Headers["KAFKA_OFFSET"]);
        Assert.Equal("trace-7", Encoding.UTF8.GetString((byte[])properties.Headers["trace"]!));
    }

    [Fact]
    public async Task PutAsync_ToAnExchange_RoutedByTheRoutingKey()
    {
        var queue = await broker.CreateQueueAsync();
        var exchange = $"oc-ex-{Guid.NewGuid():N}";
        var cancellation = TestContext.Current.CancellationToken;
        await using (var connection = await broker.ConnectionFactory().CreateConnectionAsync(cancellation))
        await using (var channel = await connection.CreateChannelAsync(cancellationToken: cancellation))
        {
            await channel.ExchangeDeclareAsync(exchange, ExchangeType.Direct, durable: true, cancellationToken: cancellation);
            await channel.QueueBindAsync(queue, exchange, "orders.created", cancellationToken: cancellation);
        }

        var task = await StartTaskAsync(new Dictionary<string, string>
        {
            ["rabbitmq.exchange"] = exchange,
            ["rabbitmq.routing.key"] = "orders.created",
            ["rabbitmq.delivery.mode"] = "TRANSIENT",
        });

        await task.PutAsync([Record("orders", 0, "k", "created")], CancellationToken.None);
        await task.StopAsync(CancellationToken.None);

        var (properties, body) = Assert.Single(await broker.DrainAsync(queue));
        Assert.Equal("created", Encoding.UTF8.GetString(body));
        Assert.Equal(DeliveryModes.Transient, properties.DeliveryMode);
        Assert.Null(properties.CorrelationId);
    }

    [Fact]
    public async Task PutAsync_ExchangeMissing_FailsNamingTheExchangeAndKey()
    {
        var task = await StartTaskAsync(new Dictionary<string, string>
        {
            ["rabbitmq.exchange"] = "no-such-exchange",
            ["rabbitmq.routing.key"] = "x",
        });

        var error = await Assert.ThrowsAsync<ConnectException>(() => task.PutAsync([Record("orders", 0, "k", "v")], CancellationToken.None));

        Assert.IsNotType<RetriableException>(error);
        Assert.Contains("'no-such-exchange' of 'rabbitmq.exchange'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PutAsync_StructValue_DataExceptionNamesTheConverter()
    {
        var queue = await broker.CreateQueueAsync();
        var task = await StartTaskAsync(new Dictionary<string, string> { ["rabbitmq.exchange"] = string.Empty, ["rabbitmq.routing.key"] = queue });
        var schema = SchemaBuilder.Struct().Field("id", Schema.Int32).Build();

        var error = await Assert.ThrowsAsync<DataException>(() => task.PutAsync([new SinkRecord("orders", 0, null, null, schema, new Struct(schema).Put("id", 1), 0)], CancellationToken.None));

        Assert.Contains("value.converter", error.Message, StringComparison.Ordinal);
        Assert.Empty(await broker.DrainAsync(queue));
    }

    [Fact]
    public async Task PutAsync_BrokerRestarts_PutFailsRetriableThenNothingLost()
    {
        var queue = await broker.CreateQueueAsync();
        var context = new TestSinkTaskContext(new Dictionary<string, string>());
        var task = await StartTaskAsync(new Dictionary<string, string> { ["rabbitmq.exchange"] = string.Empty, ["rabbitmq.routing.key"] = queue }, context);
        await task.PutAsync([.. Enumerable.Range(0, 3).Select(i => Record("orders", i, "k", $"v{i}"))], CancellationToken.None);

        await broker.StopAsync();
        var batch = Enumerable.Range(3, 3).Select(i => Record("orders", i, "k", $"v{i}")).ToList();

        // The runtime keeps the offsets of a failed put and puts the same batch again.
        await Assert.ThrowsAsync<RetriableException>(() => task.PutAsync(batch, CancellationToken.None));
        await Assert.ThrowsAsync<RetriableException>(() => task.PutAsync(batch, CancellationToken.None));
        Assert.Equal(200, context.TimeoutMs);
        await broker.StartAsync();
        await task.PutAsync(batch, CancellationToken.None);
        await task.StopAsync(CancellationToken.None);

        var messages = await broker.DrainAsync(queue);
        Assert.Equal(["v0", "v1", "v2", "v3", "v4", "v5"], messages.Select(m => Encoding.UTF8.GetString(m.Body)));
    }

    [Fact]
    public void Validate_MissingExchangeAndRoutingKey_ErrorsNameTheKeys()
    {
        var results = new RabbitMQSinkConnector().Validate(broker.ConnectorConfig);

        Assert.NotEmpty(results.Single(r => r.Name == RabbitMQSinkConfig.ExchangeConfig).ErrorMessages);
        Assert.NotEmpty(results.Single(r => r.Name == RabbitMQSinkConfig.RoutingKeyConfig).ErrorMessages);
    }

    [Fact]
    public async Task StartAsync_BadDeliveryMode_ConfigExceptionNamesTheKey()
    {
        var props = new Dictionary<string, string>(broker.ConnectorConfig)
        {
            ["rabbitmq.exchange"] = string.Empty,
            ["rabbitmq.routing.key"] = "q",
            ["rabbitmq.delivery.mode"] = "DURABLE",
        };
        var task = new RabbitMQSinkTask();
        task.Initialize(new TestSinkTaskContext(props));

        var error = await Assert.ThrowsAsync<ConfigException>(() => task.StartAsync(props, CancellationToken.None));

        Assert.Equal("rabbitmq.delivery.mode", error.Name);
        Assert.Contains("DURABLE", error.Message, StringComparison.Ordinal);
    }

    private static SinkRecord Record(string topic, int index, string key, string value) =>
        new(topic, 3, Schema.String, key, Schema.String, value, 100 + index, 1_700_000_000_000, TimestampType.CreateTime,
            [new Header("trace", Schema.String, $"trace-{index}")]);

    private async Task<RabbitMQSinkTask> StartTaskAsync(IReadOnlyDictionary<string, string> sinkConfig, TestSinkTaskContext? context = null)
    {
        var props = new Dictionary<string, string>(broker.ConnectorConfig) { ["rabbitmq.network.recovery.interval.ms"] = "200" };
        foreach (var (key, value) in sinkConfig)
        {
            props[key] = value;
        }

        var task = new RabbitMQSinkTask();
        task.Initialize(context ?? new TestSinkTaskContext(props));
        await task.StartAsync(props, CancellationToken.None);
        return task;
    }
}
