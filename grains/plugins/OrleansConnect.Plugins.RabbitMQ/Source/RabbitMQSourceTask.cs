using System.Collections.Concurrent;
using System.Threading.Channels;
using OrleansConnect.Plugins.Data;
using OrleansConnect.Plugins.Errors;
using OrleansConnect.Plugins.Source;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using RabbitMQ.Client.Exceptions;

namespace OrleansConnect.Plugins.RabbitMQ.Source;

/// <summary>
/// The task of <see cref="RabbitMQSourceConnector"/>: one connection and channel, a consumer on each queue with manual
/// acknowledgements, and the deliveries buffered (at most <c>rabbitmq.prefetch.count</c> unacknowledged, when set) until
/// <see cref="PollAsync"/> turns them into records. A message is acknowledged only after the runtime reports, through
/// <see cref="CommitRecord"/>, that Kafka has its record (or that a transformation dropped it): a task that stops or
/// crashes before then leaves the message unacknowledged, and the broker gives it to the next consumer, flagged
/// redelivered. Duplicates are possible, losses are not. A lost connection is rebuilt on the next poll; the client's own
/// recovery stays off because it would start the delivery tags over on the new channel, where a late acknowledgement
/// for an old tag could acknowledge a different message.
/// </summary>
public sealed class RabbitMQSourceTask : SourceTask
{
    private const int MaxBatch = 1000;
    private static readonly TimeSpan PollWait = TimeSpan.FromSeconds(1);

    private readonly Channel<Delivery> _deliveries = Channel.CreateUnbounded<Delivery>(new UnboundedChannelOptions { SingleReader = true });

    // The records polled and not yet reported written, by reference: CommitRecord hands back the instance polled.
    private readonly ConcurrentDictionary<SourceRecord, Delivery> _inFlight = new(ReferenceEqualityComparer.Instance);

    // Filled on the producer's delivery thread, drained (acknowledged) on the task's own thread.
    private readonly ConcurrentQueue<Delivery> _written = new();
    private readonly SemaphoreSlim _channelLock = new(1, 1);

    // Set by StartAsync, which the runtime calls before any other method.
    private RabbitMQSourceConfig _config = null!;
    private ConnectionFactory _factory = null!;
    private IConnection? _connection;
    private IChannel? _channel;
    private long _session;
    private volatile bool _broken;

    public override async Task StartAsync(IReadOnlyDictionary<string, string> props, CancellationToken cancellationToken)
    {
        _config = new RabbitMQSourceConfig(props);
        _factory = RabbitMQConnectionConfig.CreateFactory(_config);
        try
        {
            await ConnectAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (RetriableException e)
        {
            throw new ConnectException(e.Message, e);
        }
    }

    public override async Task<IReadOnlyList<SourceRecord>?> PollAsync(CancellationToken cancellationToken)
    {
        await AcknowledgeWrittenAsync(cancellationToken).ConfigureAwait(false);
        if (_broken || _channel is null)
        {
            await ReconnectAsync(cancellationToken).ConfigureAwait(false);
        }

        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(PollWait);
        try
        {
            if (!await _deliveries.Reader.WaitToReadAsync(wait.Token).ConfigureAwait(false))
            {
                return null;
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }

        var records = new List<SourceRecord>();
        while (records.Count < MaxBatch && _deliveries.Reader.TryRead(out var delivery))
        {
            // From a connection that is gone: the broker requeued it when that connection closed.
            if (delivery.Session != Volatile.Read(ref _session))
            {
                continue;
            }

            var record = ToRecord(delivery);
            _inFlight[record] = delivery;
            records.Add(record);
        }

        return records;
    }

    /// <summary>Marks the message of a record written (or dropped); it is acknowledged on the task's thread, next poll or commit.</summary>
    public override void CommitRecord(SourceRecord record, RecordMetadata? metadata)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (_inFlight.TryRemove(record, out var delivery))
        {
            _written.Enqueue(delivery);
        }
    }

    public override Task CommitAsync(CancellationToken cancellationToken) => AcknowledgeWrittenAsync(cancellationToken);

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await AcknowledgeWrittenAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // Whatever is still unacknowledged goes back to the queue when the channel closes.
            await CloseAsync().ConfigureAwait(false);
            _channelLock.Dispose();
        }
    }

    private SourceRecord ToRecord(Delivery delivery) => new(
        new Dictionary<string, object?> { ["queue"] = delivery.Queue },
        new Dictionary<string, object?> { ["deliveryTag"] = (long)delivery.DeliveryTag },
        _config.KafkaTopic,
        null,
        Schema.OptionalString,
        delivery.Properties.MessageId,
        Schema.Bytes,
        delivery.Body,
        delivery.Properties.IsTimestampPresent() ? delivery.Properties.Timestamp.UnixTime * 1000 : null,
        MessageHeaders.ToConnect(delivery));

    private async Task AcknowledgeWrittenAsync(CancellationToken cancellationToken)
    {
        if (_written.IsEmpty)
        {
            return;
        }

        await _channelLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (_written.TryPeek(out var delivery))
            {
                if (delivery.Session != _session || _broken || _channel is null)
                {
                    // Its channel is gone, and with it the message's place: the broker redelivers it.
                    _written.TryDequeue(out _);
                    continue;
                }

                try
                {
                    await _channel.BasicAckAsync(delivery.DeliveryTag, multiple: false, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (RabbitMQConnectionConfig.IsConnectionFailure(e))
                {
                    // Unacknowledged, so redelivered: a duplicate in Kafka, never a loss.
                    _broken = true;
                    return;
                }

                _written.TryDequeue(out _);
            }
        }
        finally
        {
            _channelLock.Release();
        }
    }

    private async Task ReconnectAsync(CancellationToken cancellationToken)
    {
        await CloseAsync().ConfigureAwait(false);
        try
        {
            await ConnectAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (RetriableException)
        {
            await CloseAsync().ConfigureAwait(false);
            await Task.Delay(_config.GetInt(RabbitMQConnectionConfig.NetworkRecoveryIntervalConfig), cancellationToken).ConfigureAwait(false);
            throw;
        }
        catch (Exception e) when (RabbitMQConnectionConfig.IsConnectionFailure(e))
        {
            await CloseAsync().ConfigureAwait(false);
            throw new RetriableException($"Lost the connection to RabbitMQ at {RabbitMQConnectionConfig.Describe(_config)} while reconnecting: {e.Message}", e);
        }
    }

    private async Task ConnectAsync(CancellationToken cancellationToken)
    {
        var connection = await RabbitMQConnectionConfig.ConnectAsync(_factory, _config, cancellationToken).ConfigureAwait(false);
        var session = Interlocked.Increment(ref _session);
        _connection = connection;
        _broken = false;
        connection.ConnectionShutdownAsync += (_, _) => MarkBroken(session);
        var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        _channel = channel;
        channel.ChannelShutdownAsync += (_, _) => MarkBroken(session);
        foreach (var queue in _config.Queues)
        {
            await EnsureQueueAsync(connection, queue, cancellationToken).ConfigureAwait(false);
        }

        await channel.BasicQosAsync(0, (ushort)_config.GetInt(RabbitMQSourceConfig.PrefetchCountConfig), _config.GetBoolean(RabbitMQSourceConfig.PrefetchGlobalConfig), cancellationToken).ConfigureAwait(false);
        foreach (var queue in _config.Queues)
        {
            var consumer = new AsyncEventingBasicConsumer(channel);
            consumer.ReceivedAsync += (_, e) => ReceivedAsync(session, queue, e);

            // The broker cancels a consumer whose queue was deleted; reconnecting finds the queue missing and fails the task.
            consumer.UnregisteredAsync += (_, _) => MarkBroken(session);
            await channel.BasicConsumeAsync(queue, autoAck: false, consumer, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Checks on a channel of its own that a queue exists: a missing queue closes the channel that asked.</summary>
    private async Task EnsureQueueAsync(IConnection connection, string queue, CancellationToken cancellationToken)
    {
        await using var probe = await connection.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        try
        {
            await probe.QueueDeclarePassiveAsync(queue, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == Constants.NotFound)
        {
            throw new ConnectException($"The queue '{queue}' of '{RabbitMQSourceConfig.QueueConfig}' does not exist on RabbitMQ at {RabbitMQConnectionConfig.Describe(_config)}; the connector does not declare queues", e);
        }
    }

    private Task ReceivedAsync(long session, string queue, BasicDeliverEventArgs e)
    {
        // The body and the properties live in the client's buffers only until this callback returns.
        var delivery = new Delivery(session, queue, e.ConsumerTag, e.DeliveryTag, e.Redelivered, e.Exchange, e.RoutingKey, new BasicProperties(e.BasicProperties), e.Body.ToArray());
        return _deliveries.Writer.WriteAsync(delivery, e.CancellationToken).AsTask();
    }

    private Task MarkBroken(long session)
    {
        if (session == Volatile.Read(ref _session))
        {
            _broken = true;
        }

        return Task.CompletedTask;
    }

    private async Task CloseAsync()
    {
        var channel = _channel;
        var connection = _connection;
        _channel = null;
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
