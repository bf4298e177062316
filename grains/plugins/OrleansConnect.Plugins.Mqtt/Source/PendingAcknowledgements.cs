using MQTTnet;
using OrleansConnect.Plugins.Source;

namespace OrleansConnect.Plugins.Mqtt.Source;

/// <summary>
/// The QoS 1 and 2 messages received and not yet acknowledged to the broker, in the order they arrived. A message is
/// acknowledged once Kafka has its record (<see cref="SourceTask.CommitRecord"/>), and only after every message
/// received before it, because MQTT 3.1.1 (4.6) asks a client to acknowledge in the order the broker sent. Each
/// message belongs to one connection: after a reconnect the broker of a persistent session sends the unacknowledged
/// ones again (with new packet ids), so the old ones are forgotten, never acknowledged on the new connection.
/// Thread-safe: messages arrive on MQTTnet's receive loop, records commit on the producer's delivery thread.
/// </summary>
internal sealed class PendingAcknowledgements
{
    private readonly Lock _lock = new();
    private readonly LinkedList<Pending> _inOrder = [];
    private readonly Dictionary<SourceRecord, LinkedListNode<Pending>> _byRecord = new(ReferenceEqualityComparer.Instance);
    private int _connection;

    /// <summary>The number of the current connection; messages of earlier ones are not acknowledged.</summary>
    public int Connection
    {
        get
        {
            lock (_lock)
            {
                return _connection;
            }
        }
    }

    /// <summary>How many messages wait for their acknowledgement.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _inOrder.Count;
            }
        }
    }

    /// <summary>Tracks a message just received (on the current connection); null when it needs no acknowledgement (QoS 0).</summary>
    public object? Received(MqttApplicationMessageReceivedEventArgs message)
    {
        if (message.ApplicationMessage.QualityOfServiceLevel == MQTTnet.Protocol.MqttQualityOfServiceLevel.AtMostOnce)
        {
            return null;
        }

        lock (_lock)
        {
            return _inOrder.AddLast(new Pending(message));
        }
    }

    /// <summary>Ties the record polled for a message to it (<paramref name="token"/> from <see cref="Received"/>).</summary>
    public void Polled(object? token, SourceRecord record)
    {
        lock (_lock)
        {
            if (token is LinkedListNode<Pending> { List: not null } node)
            {
                _byRecord[record] = node;
            }
        }
    }

    /// <summary>Marks a record's message done; returns the messages now to acknowledge, oldest first, and their connection.</summary>
    public IReadOnlyList<MqttApplicationMessageReceivedEventArgs> Committed(SourceRecord record, out int connection)
    {
        lock (_lock)
        {
            connection = _connection;
            if (!_byRecord.Remove(record, out var node) || node.List is null)
            {
                return [];
            }

            node.Value.Done = true;
            List<MqttApplicationMessageReceivedEventArgs>? ready = null;
            while (_inOrder.First is { Value.Done: true } first)
            {
                (ready ??= []).Add(first.Value.Message);
                _inOrder.RemoveFirst();
            }

            return ready ?? [];
        }
    }

    /// <summary>The connection ended: forgets its messages (the broker sends them again, or, with a clean session, drops them) and starts the next.</summary>
    public int Reset()
    {
        lock (_lock)
        {
            _inOrder.Clear();
            _byRecord.Clear();
            return ++_connection;
        }
    }

    private sealed class Pending(MqttApplicationMessageReceivedEventArgs message)
    {
        public MqttApplicationMessageReceivedEventArgs Message { get; } = message;

        public bool Done { get; set; }
    }
}
