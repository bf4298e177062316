using System.Text;
using MQTTnet;
using MQTTnet.Protocol;
using OrleansConnect.Plugins.Errors;
using OrleansConnect.Plugins.Sink;

namespace OrleansConnect.Plugins.Mqtt.Sink;

/// <summary>
/// The task of <see cref="MqttSinkConnector"/>: publishes each record to the MQTT topic named as its Kafka topic (a
/// RegexRouter renames it), with <c>mqtt.qos</c> and <c>mqtt.retained.enabled</c>. The value is the payload: bytes as
/// they are, a string as UTF-8, null as an empty payload; a record with any other value is reported to the errant record
/// reporter (Confluent's sink takes bytes and string schemas only). <see cref="PutAsync"/> returns once the broker acknowledged every message
/// (PUBACK, or PUBCOMP for QoS 2), so the runtime commits the consumer offsets only past what the broker has. A lost
/// connection fails the batch retriably; the runtime retries it a second later, and the next put connects again.
/// </summary>
public sealed class MqttSinkTask : SinkTask
{
    /// <summary>How long the runtime waits before it retries a batch the broker did not take (Kafka's SinkTaskContext.timeout).</summary>
    private const long RetryBackoffMs = 1000;

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
            try
            {
                await MqttClientConnection.ConnectAsync(_client, _config, _clientId, cancellationToken).ConfigureAwait(false);
            }
            catch (RetriableException)
            {
                Context.Timeout(RetryBackoffMs);
                throw;
            }
        }

        var qos = (MqttQualityOfServiceLevel)_config.Qos;
        foreach (var record in records)
        {
            if (Payload(record) is not { } payload)
            {
                // Not the broker's fault: the record goes to errors.tolerance (the dead letter queue, or the task fails).
                await Context.ErrantRecordReporter.ReportAsync(record, new DataException(
                    $"The MQTT sink publishes bytes or strings; the value of {record.Topic}-{record.KafkaPartition} at offset {record.KafkaOffset} is a {record.Value!.GetType().Name} (use ByteArrayConverter or StringConverter)"))
                    .ConfigureAwait(false);
                continue;
            }

            var message = new MqttApplicationMessageBuilder()
                .WithTopic(record.Topic)
                .WithPayload(payload)
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
                Context.Timeout(RetryBackoffMs);
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

    private static byte[]? Payload(SinkRecord record) => record.Value switch
    {
        null => [],
        byte[] bytes => bytes,
        string text => Encoding.UTF8.GetBytes(text),
        _ => null,
    };
}
