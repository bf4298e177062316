using System.Buffers;
using System.Threading.Channels;
using MQTTnet;
using MQTTnet.Protocol;
using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.Data;
using OrleansConnect.Plugins.Errors;
using OrleansConnect.Plugins.Headers;
using OrleansConnect.Plugins.Source;

namespace OrleansConnect.Plugins.Mqtt.Source;

/// <summary>
/// The task of <see cref="MqttSourceConnector"/>: one MQTT client subscribed to its share of <c>mqtt.topics</c>. Each
/// message becomes a record for <c>kafka.topic</c> keyed by its MQTT topic, its payload as bytes, and the headers
/// <c>mqtt.message.id</c>, <c>mqtt.qos</c>, <c>mqtt.retained</c>, <c>mqtt.duplicate</c>. QoS 1 and 2 messages are
/// acknowledged to the broker only once Kafka has their record (<see cref="CommitRecord"/>), so with a persistent
/// session (<c>mqtt.clean.session.enabled=false</c>) a task that stops or dies before that gets them again. A lost
/// connection is opened again by the next poll, which fails retriably while no broker answers.
/// </summary>
public sealed class MqttSourceTask : SourceTask
{
    private static readonly TimeSpan MaxPollWait = TimeSpan.FromSeconds(1);

    private readonly PendingAcknowledgements _pending = new();
    private readonly Channel<(int Connection, MqttApplicationMessageReceivedEventArgs Message)> _acknowledgements =
        Channel.CreateUnbounded<(int, MqttApplicationMessageReceivedEventArgs)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stopping = new();
    // Set by StartAsync, which the runtime calls before any other method.
    private MqttSourceConfig _config = null!;
    private Channel<Received> _buffer = null!;
    private IMqttClient _client = null!;
    private string _clientId = null!;
    private TimeSpan _pollWait;
    private int _batchSize;
    private Task _acknowledging = Task.CompletedTask;

    /// <summary>The client id this task connects with.</summary>
    public string ClientId => _clientId;

    public override Task StartAsync(IReadOnlyDictionary<string, string> props, CancellationToken cancellationToken)
    {
        _config = new MqttSourceConfig(props);
        // The connector sets each task's id; a task started alone (or by an older configuration) makes the one-task id.
        _clientId = _config.GetString(MqttConnectionConfig.ClientIdConfig) is { Length: > 0 } id
            ? id
            : MqttConnectionConfig.TaskClientId(_config, props.GetValueOrDefault("name"), 0, 1);
        _batchSize = _config.GetInt(MqttSourceConfig.RecordsBufferMaxBatchSizeConfig);
        var wait = TimeSpan.FromMilliseconds(_config.GetLong(MqttSourceConfig.RecordsBufferTimeoutMsConfig));
        _pollWait = wait < MaxPollWait ? wait : MaxPollWait;
        _buffer = Channel.CreateBounded<Received>(new BoundedChannelOptions(_config.GetInt(MqttSourceConfig.RecordsBufferMaxCapacityConfig))
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _client = new MqttClientFactory().CreateMqttClient();
        _client.ApplicationMessageReceivedAsync += OnReceivedAsync;
        _client.DisconnectedAsync += _ =>
        {
            _pending.Reset();
            return Task.CompletedTask;
        };
        _acknowledging = AcknowledgeAsync(_stopping.Token);
        return Task.CompletedTask;
    }

    public override async Task<IReadOnlyList<SourceRecord>?> PollAsync(CancellationToken cancellationToken)
    {
        // Records already received go out first, even while the connection is down.
        if (!_buffer.Reader.TryPeek(out _) && !_client.IsConnected)
        {
            await ConnectAsync(cancellationToken).ConfigureAwait(false);
        }

        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(_pollWait);
        try
        {
            await _buffer.Reader.WaitToReadAsync(wait.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }

        var records = new List<SourceRecord>();
        while (records.Count < _batchSize && _buffer.Reader.TryRead(out var message))
        {
            var record = ToRecord(message);
            _pending.Polled(message.Token, record);
            records.Add(record);
        }

        return records;
    }

    /// <summary>Kafka has the record (or it was dropped or skipped): its message, and those before it, may be acknowledged.</summary>
    public override void CommitRecord(SourceRecord record, RecordMetadata? metadata)
    {
        var ready = _pending.Committed(record, out var connection);
        foreach (var message in ready)
        {
            _acknowledgements.Writer.TryWrite((connection, message));
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // The acknowledgements of records Kafka already has go out before the connection closes.
        _acknowledgements.Writer.TryComplete();
        try
        {
            await _acknowledging.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Out of time: the broker sends what was not acknowledged again.
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_client is not null)
        {
            if (_client.IsConnected)
            {
                // A normal DISCONNECT: with a persistent session the broker keeps the subscriptions and the messages not acknowledged.
                await _client.TryDisconnectAsync().ConfigureAwait(false);
            }

            _client.Dispose();
        }

        _stopping.Dispose();
    }

    private async Task ConnectAsync(CancellationToken cancellationToken)
    {
        var result = await MqttClientConnection.ConnectAsync(_client, _config, _clientId, cancellationToken).ConfigureAwait(false);
        if (result.IsSessionPresent)
        {
            // The broker kept the session's subscriptions; subscribing again would only send the retained messages twice.
            return;
        }

        var subscribe = new MqttClientSubscribeOptionsBuilder();
        foreach (var topic in _config.Topics)
        {
            subscribe.WithTopicFilter(topic, (MqttQualityOfServiceLevel)_config.Qos);
        }

        MqttClientSubscribeResult subscribed;
        try
        {
            subscribed = await _client.SubscribeAsync(subscribe.Build(), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (MqttClientConnection.IsConnectionFailure(e) && !cancellationToken.IsCancellationRequested)
        {
            throw new RetriableException($"Subscribing to {string.Join(", ", _config.Topics)} failed: {e.Message}", e);
        }

        if (subscribed.Items.FirstOrDefault(i => i.ResultCode > MqttClientSubscribeResultCode.GrantedQoS2) is { } refused)
        {
            throw new ConnectException($"The MQTT broker refused the subscription to '{refused.TopicFilter.Topic}' of {MqttSourceConfig.TopicsConfig} ({refused.ResultCode})");
        }
    }

    private Task OnReceivedAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        var message = e.ApplicationMessage;
        if (message.QualityOfServiceLevel != MqttQualityOfServiceLevel.AtMostOnce)
        {
            e.AutoAcknowledge = false;
        }

        var received = new Received(
            message.Topic, message.Payload.ToArray(), (int)message.QualityOfServiceLevel, message.Retain, message.Dup, e.PacketIdentifier, _pending.Received(e));

        // A full buffer holds up MQTTnet's receive loop, and so the broker: back-pressure, nothing is dropped.
        return _buffer.Writer.WriteAsync(received, _stopping.Token).AsTask();
    }

    /// <summary>Sends the acknowledgements in order, on one loop, so that CommitRecord (on the producer's thread) never waits for the network.</summary>
    private async Task AcknowledgeAsync(CancellationToken cancellationToken)
    {
        await foreach (var (connection, message) in _acknowledgements.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            if (connection != _pending.Connection)
            {
                // Its connection is gone: the broker sends the message again on the new one.
                continue;
            }

            try
            {
                await message.AcknowledgeAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (MqttClientConnection.IsConnectionFailure(e))
            {
                // The connection went down under it: the same as above.
            }
        }
    }

    private SourceRecord ToRecord(Received message)
    {
        var headers = new ConnectHeaders()
            .Add("mqtt.message.id", (int)message.PacketId, Schema.Int32)
            .Add("mqtt.qos", message.Qos, Schema.Int32)
            .Add("mqtt.retained", message.Retained, Schema.Boolean)
            .Add("mqtt.duplicate", message.Duplicate, Schema.Boolean);
        return new SourceRecord(null, null, _config.KafkaTopic, null, Schema.String, message.Topic, Schema.Bytes, message.Payload, null, headers);
    }

    private sealed record Received(string Topic, byte[] Payload, int Qos, bool Retained, bool Duplicate, ushort PacketId, object? Token);
}
