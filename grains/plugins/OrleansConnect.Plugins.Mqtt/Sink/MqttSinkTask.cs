using System.Text;
using MQTTnet;
using MQTTnet.Protocol;
using OrleansConnect.Plugins.Errors;
using OrleansConnect.Plugins.Sink;

namespace OrleansConnect.Plugins.Mqtt.Sink;

/// <summary>
/// The task of <see cref="MqttSinkConnector"/>: publishes each record to the MQTT topic named as its Kafka topic (a
/// RegexRouter renames it), with <c>mqtt.qos</c> and <c>mqtt.retained.enabled</c>. The value is the payload: bytes as
/// they are, a string as UTF-8, null as an empty payload; any other value is a <see cref="DataException"/> (Confluent's
/// sink takes bytes and string schemas only). <see cref="PutAsync"/> returns once the broker acknowledged every message
/// (PUBACK, or PUBCOMP for QoS 2), so the runtime commits the consumer offsets only past what the broker has. A lost
/// connection fails the batch retriably; the runtime retries it, and the next put connects again.
/// </summary>
public sealed class MqttSinkTask : SinkTask
{
    // Set by StartAsync, which the runtime calls before any other method.
    private MqttSinkConfig _config = null!;
    private IMqttClient _client = null!;
    private string _clientId = null!;

    public override Task StartAsync(IReadOnlyDictionary<string, string> props, CancellationToken cancellationToken)
    {
        _config = new MqttSinkConfig(props);
        _clientId = _config.GetString(MqttConnectionConfig.ClientIdConfig) is { Length: > 0 } id
            ? id
            : MqttConnectionConfig.TaskClientId(_config, props.GetValueOrDefault("name"), 0, 1);
        _client = new MqttClientFactory().CreateMqttClient();
        return Task.CompletedTask;
    }

    public override async Task PutAsync(IReadOnlyCollection<SinkRecord> records, CancellationToken cancellationToken)
    {
        if (records.Count == 0)
        {
            return;
        }

        if (!_client.IsConnected)
        {
            await MqttClientConnection.ConnectAsync(_client, _config, _clientId, cancellationToken).ConfigureAwait(false);
        }

        var qos = (MqttQualityOfServiceLevel)_config.Qos;
        foreach (var record in records)
        {
            var message = new MqttApplicationMessageBuilder()
                .WithTopic(record.Topic)
                .WithPayload(Payload(record))
                .WithQualityOfServiceLevel(qos)
                .WithRetainFlag(_config.Retained)
                .Build();
            MqttClientPublishResult result;
            try
            {
                // One at a time, in order: MQTT keeps the order of one client's messages per topic only as they were sent.
                result = await _client.PublishAsync(message, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (MqttClientConnection.IsConnectionFailure(e) && !cancellationToken.IsCancellationRequested)
            {
                throw new RetriableException($"Publishing to MQTT topic '{record.Topic}' failed: {e.Message}", e);
            }

            if (!result.IsSuccess)
            {
                throw new ConnectException($"The MQTT broker refused the message for topic '{record.Topic}' ({result.ReasonCode} {result.ReasonString})");
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_client is null)
        {
            return;
        }

        if (_client.IsConnected)
        {
            await _client.TryDisconnectAsync().ConfigureAwait(false);
        }

        _client.Dispose();
    }

    private static byte[] Payload(SinkRecord record) => record.Value switch
    {
        null => [],
        byte[] bytes => bytes,
        string text => Encoding.UTF8.GetBytes(text),
        _ => throw new DataException(
            $"The MQTT sink publishes bytes or strings; the value of {record.Topic}-{record.KafkaPartition} at offset {record.KafkaOffset} is a {record.Value.GetType().Name} (use ByteArrayConverter or StringConverter)"),
    };
}
