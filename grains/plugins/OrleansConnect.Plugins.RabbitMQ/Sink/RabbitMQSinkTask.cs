using System.Globalization;
using System.Text;
using OrleansConnect.Plugins.Errors;
using OrleansConnect.Plugins.Sink;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace OrleansConnect.Plugins.RabbitMQ.Sink;

/// <summary>
/// The task of <see cref="RabbitMQSinkConnector"/>. A put publishes its records in order on a channel with publisher
/// confirms, without waiting between messages, and returns only when the broker has confirmed every one of them, so the runtime commits offsets only
/// behind messages the broker holds. A lost connection, a negative confirm or no confirm within
/// <see cref="ConfirmTimeout"/> fails the put with a <see cref="RetriableException"/>: the runtime keeps the offsets and
/// puts the same records again (after <c>rabbitmq.network.recovery.interval.ms</c>) on a new connection. Messages of the
/// failed put that the broker did take are published twice: at-least-once, as Confluent's sink.
/// </summary>
public sealed class RabbitMQSinkTask : SinkTask
{
    public const string KafkaTopicHeader = "KAFKA_TOPIC";
    public const string KafkaPartitionHeader = "KAFKA_PARTITION";
    public const string KafkaOffsetHeader = "KAFKA_OFFSET";

    /// <summary>How long a put waits for the broker's confirms before it fails and is retried.</summary>
    internal static readonly TimeSpan ConfirmTimeout = TimeSpan.FromSeconds(30);

    // Set by StartAsync, which the runtime calls before any other method.
    private RabbitMQSinkConfig _config = null!;
    private ConnectionFactory _factory = null!;
    private IConnection? _connection;
    private IChannel? _channel;
    private PublishConfirms? _confirms;

    public override Task StartAsync(IReadOnlyDictionary<string, string> props, CancellationToken cancellationToken)
    {
        _config = new RabbitMQSinkConfig(props);
        _factory = RabbitMQConnectionConfig.CreateFactory(_config);
        return Task.CompletedTask;
    }

    public override async Task PutAsync(IReadOnlyCollection<SinkRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count == 0)
        {
            return;
        }

        // Every record converted before the first is published: a record that cannot be a message fails the put whole.
        var messages = records.Select(r => (Properties: Properties(r), Body: Body(r))).ToList();
        using var confirms = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        confirms.CancelAfter(ConfirmTimeout);
        try
        {
            var channel = _channel ??= await OpenAsync(cancellationToken).ConfigureAwait(false);
            var pending = _confirms!;

            // Sent in order, one after the other, without waiting for each confirm; then the put waits for them all.
            foreach (var (properties, body) in messages)
            {
                pending.Expect(await channel.GetNextPublishSequenceNumberAsync(confirms.Token).ConfigureAwait(false));
                await channel.BasicPublishAsync(_config.Exchange, _config.RoutingKey, mandatory: false, properties, body, confirms.Token).ConfigureAwait(false);
            }

            await pending.WhenAllConfirmedAsync(confirms.Token).ConfigureAwait(false);
        }
        catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == Constants.NotFound)
        {
            await CloseAsync().ConfigureAwait(false);
            throw new ConnectException($"The exchange '{_config.Exchange}' of '{RabbitMQSinkConfig.ExchangeConfig}' does not exist on RabbitMQ at {RabbitMQConnectionConfig.Describe(_config)}: {e.Message}", e);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested
            && (RabbitMQConnectionConfig.IsConnectionFailure(e) || e is OperationCanceledException or RetriableException))
        {
            await CloseAsync().ConfigureAwait(false);
            Context.Timeout(_config.GetInt(RabbitMQConnectionConfig.NetworkRecoveryIntervalConfig));
            var reason = e switch
            {
                OperationCanceledException => $"the broker did not confirm every message within {ConfirmTimeout.TotalSeconds} s",
                _ => e.Message,
            };
            throw new RetriableException(
                $"Publishing {records.Count} records to exchange '{_config.Exchange}' of RabbitMQ at {RabbitMQConnectionConfig.Describe(_config)} failed, will retry: {reason}", e);
        }
        catch
        {
            await CloseAsync().ConfigureAwait(false);
            throw;
        }
    }

    public override Task StopAsync(CancellationToken cancellationToken) => CloseAsync();

    private async Task<IChannel> OpenAsync(CancellationToken cancellationToken)
    {
        _connection = await RabbitMQConnectionConfig.ConnectAsync(_factory, _config, cancellationToken).ConfigureAwait(false);
        // Confirms tracked here rather than by the client, whose tracking adds a header to every message and
        // completes each publish only on its own confirm (one broker fsync per message for persistent ones).
        var options = new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: false);
        var channel = await _connection.CreateChannelAsync(options, cancellationToken).ConfigureAwait(false);
        var confirms = new PublishConfirms();
        channel.BasicAcksAsync += (_, e) =>
        {
            confirms.Confirm(e.DeliveryTag, e.Multiple);
            return Task.CompletedTask;
        };
        channel.BasicNacksAsync += (_, e) =>
        {
            confirms.Refuse(e.DeliveryTag, e.Multiple);
            return Task.CompletedTask;
        };
        channel.ChannelShutdownAsync += (_, e) =>
        {
            confirms.Close(e.ReplyText);
            return Task.CompletedTask;
        };
        _confirms = confirms;
        if (_config.Exchange.Length > 0)
        {
            // On a channel of its own: a missing exchange closes the channel that asked.
            await using var probe = await _connection.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            await probe.ExchangeDeclarePassiveAsync(_config.Exchange, cancellationToken).ConfigureAwait(false);
        }

        return channel;
    }

    private BasicProperties Properties(SinkRecord record)
    {
        var properties = new BasicProperties
        {
            DeliveryMode = _config.Persistent ? DeliveryModes.Persistent : DeliveryModes.Transient,
        };
        if (record.Timestamp is { } timestamp)
        {
            properties.Timestamp = new AmqpTimestamp(timestamp / 1000);
        }

        if (_config.GetBoolean(RabbitMQSinkConfig.ForwardKafkaKeyConfig) && Text(record.Key) is { } key)
        {
            properties.CorrelationId = key;
        }

        var headers = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (_config.GetBoolean(RabbitMQSinkConfig.ForwardKafkaMetadataConfig))
        {
            headers[KafkaTopicHeader] = record.Topic;
            headers[KafkaPartitionHeader] = record.KafkaPartition;
            headers[KafkaOffsetHeader] = record.KafkaOffset;
        }

        if (_config.GetBoolean(RabbitMQSinkConfig.ForwardKafkaHeadersConfig))
        {
            foreach (var header in record.Headers)
            {
                headers[header.Key] = AmqpValue(header.Value);
            }
        }

        if (headers.Count > 0)
        {
            properties.Headers = headers;
        }

        return properties;
    }

    private static ReadOnlyMemory<byte> Body(SinkRecord record) => record.Value switch
    {
        null => ReadOnlyMemory<byte>.Empty,
        byte[] bytes => bytes,
        string text => Encoding.UTF8.GetBytes(text),
        var other => throw new DataException(
            $"The RabbitMQ sink publishes bytes or strings, but the value of {record.Topic}-{record.KafkaPartition}@{record.KafkaOffset} is a {other.GetType().Name}: "
            + "set value.converter to org.apache.kafka.connect.converters.ByteArrayConverter or org.apache.kafka.connect.storage.StringConverter"),
    };

    /// <summary>A Kafka header value as an AMQP field value: strings, numbers, booleans and bytes as they are, the rest as text.</summary>
    private static object? AmqpValue(object? value) => value switch
    {
        null or string or byte[] or bool or sbyte or short or int or long or float or double => value,
        _ => Text(value),
    };

    private static string? Text(object? value) => value switch
    {
        null => null,
        string text => text,
        byte[] bytes => Encoding.UTF8.GetString(bytes),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private async Task CloseAsync()
    {
        var channel = _channel;
        var connection = _connection;
        _channel = null;
        _confirms = null;
        _connection = null;
        foreach (var closing in new IAsyncDisposable?[] { channel, connection })
        {
            try
            {
                if (closing is not null)
                {
                    await closing.DisposeAsync().ConfigureAwait(false);
                }
            }
            catch (Exception e) when (RabbitMQConnectionConfig.IsConnectionFailure(e))
            {
                // Already gone with the broker.
            }
        }
    }
}
