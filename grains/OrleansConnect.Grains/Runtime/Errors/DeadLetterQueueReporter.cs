using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Confluent.Kafka;
using OrleansConnect.Grains.Runtime.Metrics;

namespace OrleansConnect.Grains.Runtime.Errors;

/// <summary>
/// A sink's dead letter queue: the consumed record's key, value, headers and timestamp, byte for byte, to
/// <c>errors.deadletterqueue.topic.name</c>, with Kafka's <c>__connect.errors.*</c> headers when
/// <c>errors.deadletterqueue.context.headers.enable</c> is set. <see cref="Flush"/> runs before the sink commits
/// its offsets, and the commit waits for it, so an offset never passes a record that is neither delivered nor in the
/// queue.
/// </summary>
internal sealed class DeadLetterQueueReporter(IProducer<byte[]?, byte[]?> producer, string topic, TaskId task, bool contextHeaders, TaskMetrics? metrics = null) : IErrorReporter
{
    public const string HeaderPrefix = "__connect.errors.";
    private readonly ConcurrentQueue<string> _failures = new();

    public void Report(ErrorContext context)
    {
        if (context.Consumed is not { } consumed)
        {
            return;
        }

        var headers = new Headers();
        foreach (var header in consumed.Message.Headers ?? [])
        {
            headers.Add(header.Key, header.GetValueBytes());
        }

        if (contextHeaders)
        {
            AddContextHeaders(headers, context, consumed);
        }

        var timestamp = consumed.Message.Timestamp.Type == TimestampType.NotAvailable
            ? new Timestamp(DateTimeOffset.UtcNow)
            : new Timestamp(consumed.Message.Timestamp.UnixTimestampMs, TimestampType.CreateTime);
        var message = new Message<byte[]?, byte[]?> { Key = consumed.Message.Key, Value = consumed.Message.Value, Headers = headers, Timestamp = timestamp };
        metrics?.RecordDeadLetterQueueRequest();
        producer.Produce(topic, message, report =>
        {
            if (report.Error.IsError)
            {
                metrics?.RecordDeadLetterQueueFailure();
                _failures.Enqueue($"Could not write {consumed.TopicPartitionOffset} to the dead letter queue {topic}: {report.Error.Reason}");
            }
        });
    }

    public bool Flush(TimeSpan timeout)
    {
        var remaining = producer.Flush(timeout);
        if (_failures.TryDequeue(out var failure))
        {
            throw new OrleansConnect.Plugins.Errors.ConnectException(failure);
        }

        return remaining == 0;
    }

    public void Dispose() => producer.Dispose();

    private void AddContextHeaders(Headers headers, ErrorContext context, ConsumeResult<byte[]?, byte[]?> consumed)
    {
        void Add(string name, string? value)
        {
            if (value is not null)
            {
                headers.Add(HeaderPrefix + name, Encoding.UTF8.GetBytes(value));
            }
        }

        Add("topic", consumed.Topic);
        Add("partition", consumed.Partition.Value.ToString(CultureInfo.InvariantCulture));
        Add("offset", consumed.Offset.Value.ToString(CultureInfo.InvariantCulture));
        Add("connector.name", task.Connector);
        Add("task.id", task.Task.ToString(CultureInfo.InvariantCulture));
        Add("stage", context.Stage.KafkaName());
        Add("class.name", context.ClassName);
        Add("exception.class.name", context.Error.GetType().FullName);
        Add("exception.message", context.Error.Message);
        Add("exception.stacktrace", context.Error.ToString());
    }
}
