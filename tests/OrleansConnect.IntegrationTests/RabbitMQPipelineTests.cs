using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using RabbitMQ.Client;

namespace OrleansConnect.IntegrationTests;

/// <summary>
/// Confluent's RabbitMQ source and sink configs on a running silo: RabbitMQ -> embedded Kafka -> RabbitMQ through the
/// runtime, checked on the broker and, independently, on the topic with kcat.
/// </summary>
[Collection(SiloCollection.Name)]
public sealed class RabbitMQPipelineTests(SiloFixture silo, RabbitMqFixture broker) : IClassFixture<RabbitMqFixture>
{
    [Fact]
    public async Task Source_MoreMessagesThanThePrefetch_AllReachKafka()
    {
        var queue = await broker.CreateQueueAsync();
        var (name, topic) = Names("rabbit-source");
        var expected = Enumerable.Range(0, 500).Select(i => $"message-{i.ToString(CultureInfo.InvariantCulture)}").ToList();
        await PublishAsync(queue, expected);

        // The broker hands out 50 at a time until they are acknowledged, and a message is acknowledged only once the
        // runtime reports its record written: all 500 arriving proves the acknowledgements follow Kafka's.
        await Rest.CreateConnectorAsync(silo.Http, Connector(name, new JsonObject
        {
            ["connector.class"] = "io.confluent.connect.rabbitmq.RabbitMQSourceConnector",
            ["rabbitmq.queue"] = queue,
            ["kafka.topic"] = topic,
            ["rabbitmq.prefetch.count"] = "50",
            ["value.converter"] = "org.apache.kafka.connect.converters.ByteArrayConverter",
        }));

        var values = await Eventually.HoldsAsync(
            () => Kcat.ConsumeAllAsync(silo.KafkaBootstrapServers, topic),
            records => records.Distinct().Count() >= expected.Count,
            records => $"topic {topic} has {records.Distinct().Count()} distinct records of connector {name}, expected {expected.Count}\n{Tail(silo.Output)}",
            TimeSpan.FromSeconds(60));
        Assert.Equal(expected.Order(StringComparer.Ordinal), values.Distinct().Order(StringComparer.Ordinal));
        await Rest.ExpectAsync(silo.Http, HttpMethod.Delete, $"/connectors/{name}", System.Net.HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task Sink_TopicToQueue_EveryRecordPublishedInOrder()
    {
        var queue = await broker.CreateQueueAsync();
        var (name, topic) = Names("rabbit-sink");
        var expected = Enumerable.Range(0, 300).Select(i => $"record-{i.ToString(CultureInfo.InvariantCulture)}").ToList();
        await Kcat.ProduceAsync(silo.KafkaBootstrapServers, topic, expected);

        await Rest.CreateConnectorAsync(silo.Http, Connector(name, new JsonObject
        {
            ["connector.class"] = "io.confluent.connect.rabbitmq.sink.RabbitMQSinkConnector",
            ["topics"] = topic,
            ["rabbitmq.exchange"] = string.Empty,
            ["rabbitmq.routing.key"] = queue,
            ["value.converter"] = "org.apache.kafka.connect.converters.ByteArrayConverter",
        }));

        await Eventually.HoldsAsync(
            () => broker.MessageCountAsync(queue),
            count => count >= expected.Count,
            count => $"queue {queue} has {count} messages from connector {name}, expected {expected.Count}\n{Tail(silo.Output)}",
            TimeSpan.FromSeconds(60));
        await Rest.ExpectAsync(silo.Http, HttpMethod.Delete, $"/connectors/{name}", System.Net.HttpStatusCode.NoContent);
        Assert.Equal(expected, await DrainAsync(queue));
    }

    private JsonObject Connector(string name, JsonObject config)
    {
        foreach (var (key, value) in broker.ConnectorConfig)
        {
            config[key] = value;
        }

        return new JsonObject { ["name"] = name, ["config"] = config };
    }

    private async Task PublishAsync(string queue, IEnumerable<string> bodies)
    {
        var cancellation = TestContext.Current.CancellationToken;
        await using var connection = await broker.ConnectionFactory().CreateConnectionAsync(cancellation);
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellation);
        foreach (var body in bodies)
        {
            await channel.BasicPublishAsync(string.Empty, queue, mandatory: true, new BasicProperties { Persistent = true }, Encoding.UTF8.GetBytes(body), cancellation);
        }
    }

    private async Task<List<string>> DrainAsync(string queue)
    {
        var cancellation = TestContext.Current.CancellationToken;
        await using var connection = await broker.ConnectionFactory().CreateConnectionAsync(cancellation);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellation);
        var bodies = new List<string>();
        while (await channel.BasicGetAsync(queue, autoAck: true, cancellation) is { } message)
        {
            bodies.Add(Encoding.UTF8.GetString(message.Body.Span));
        }

        return bodies;
    }

    private static (string Name, string Topic) Names(string prefix)
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        return ($"{prefix}-{id}", $"{prefix}-{id}");
    }

    private static string Tail(string text) => text.Length <= 4000 ? text : text[^4000..];
}
