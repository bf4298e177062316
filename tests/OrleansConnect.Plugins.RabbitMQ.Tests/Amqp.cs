using RabbitMQ.Client;

namespace OrleansConnect.Plugins.RabbitMQ.Tests;

/// <summary>What the tests do on the broker themselves, as an independent client: publish with confirms and read back.</summary>
internal static class Amqp
{
    /// <summary>Publishes persistent messages to a queue (through the default exchange), waiting for the broker's confirms.</summary>
    public static async Task PublishAsync(this RabbitMqServer server, string queue, IEnumerable<(BasicProperties Properties, byte[] Body)> messages)
    {
        await using var connection = await server.ConnectionFactory().CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        foreach (var (properties, body) in messages)
        {
            properties.Persistent = true;
            await channel.BasicPublishAsync(string.Empty, queue, mandatory: true, properties, body);
        }
    }

    /// <summary>Publishes persistent messages whose ids and bodies are <c>{prefix}{i}</c>.</summary>
    public static Task PublishNumberedAsync(this RabbitMqServer server, string queue, string prefix, int from, int count) =>
        server.PublishAsync(queue, Enumerable.Range(from, count).Select(i => (new BasicProperties { MessageId = $"{prefix}{i}" }, System.Text.Encoding.UTF8.GetBytes($"{prefix}{i}"))));

    /// <summary>Takes (and acknowledges) every message a queue holds now.</summary>
    public static async Task<List<(IReadOnlyBasicProperties Properties, byte[] Body)>> DrainAsync(this RabbitMqServer server, string queue)
    {
        await using var connection = await server.ConnectionFactory().CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var messages = new List<(IReadOnlyBasicProperties, byte[])>();
        while (await channel.BasicGetAsync(queue, autoAck: true) is { } message)
        {
            messages.Add((new BasicProperties(message.BasicProperties), message.Body.ToArray()));
        }

        return messages;
    }
}
