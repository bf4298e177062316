using System.Buffers;
using System.Collections.Concurrent;
using System.Text;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace OrleansConnect.Plugins.Mqtt.Tests;

/// <summary>Plain MQTTnet clients that play the devices and applications on the other side of the connectors.</summary>
internal static class MqttClients
{
    public static async Task<IMqttClient> ConnectAsync(MosquittoServer server, string? clientId = null, bool cleanSession = true)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", server.Port)
            .WithProtocolVersion(MqttProtocolVersion.V311)
            .WithClientId(clientId ?? $"test-{Guid.NewGuid():N}")
            .WithCleanSession(cleanSession)
            .Build());
        return client;
    }

    /// <summary>Publishes each payload as UTF-8 with QoS 1, waiting for the broker's PUBACK.</summary>
    public static async Task PublishAsync(MosquittoServer server, string topic, params IEnumerable<string> payloads)
    {
        using var client = await ConnectAsync(server);
        foreach (var payload in payloads)
        {
            var result = await client.PublishStringAsync(topic, payload, MqttQualityOfServiceLevel.AtLeastOnce);
            Assert.True(result.IsSuccess, $"Publishing to {topic} failed: {result.ReasonCode}");
        }

        await client.TryDisconnectAsync();
    }

    /// <summary>A subscriber that keeps what it receives (topic, UTF-8 payload, retain flag), in order.</summary>
    public static async Task<(IMqttClient Client, ConcurrentQueue<(string Topic, string Payload, bool Retained)> Received)> SubscribeAsync(
        MosquittoServer server, string topicFilter, string? clientId = null, bool cleanSession = true)
    {
        var received = new ConcurrentQueue<(string, string, bool)>();
        var client = new MqttClientFactory().CreateMqttClient();
        client.ApplicationMessageReceivedAsync += e =>
        {
            received.Enqueue((e.ApplicationMessage.Topic, Encoding.UTF8.GetString(e.ApplicationMessage.Payload.ToArray()), e.ApplicationMessage.Retain));
            return Task.CompletedTask;
        };
        await client.ConnectAsync(new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", server.Port)
            .WithProtocolVersion(MqttProtocolVersion.V311)
            .WithClientId(clientId ?? $"test-{Guid.NewGuid():N}")
            .WithCleanSession(cleanSession)
            .Build());
        await client.SubscribeAsync(topicFilter, MqttQualityOfServiceLevel.AtLeastOnce);
        return (client, received);
    }
}
