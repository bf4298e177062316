using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace OrleansConnect.Grains.Runtime.Metrics;

/// <summary>
/// The silo's meter <see cref="MeterName"/>: Kafka Connect's worker and task metrics, named as the Prometheus JMX
/// exporter rules that Strimzi ships name them (<c>kafka.connect&lt;type=source-task-metrics, connector=c,
/// task=0&gt;&lt;&gt;source-record-poll-total</c> becomes <c>kafka_connect_source_task_source_record_poll_total{connector="c",task="0"}</c>;
/// docs/metrics.md has the whole table). Every instrument is observable: the task loops only bump fields of their
/// <see cref="TaskMetrics"/>, and the values are read here when the exporter collects, from the loops this silo runs.
/// All are gauges, as Strimzi's rules declare them, which also keeps the names exact (an OpenTelemetry counter would
/// get a second <c>_total</c>).
/// </summary>
internal sealed class ConnectMetrics : IDisposable
{
    /// <summary>The meter's name, for the host's OpenTelemetry registration.</summary>
    public const string MeterName = "OrleansConnect";

    private static readonly Dictionary<ConnectorState, KeyValuePair<string, object?>> StatusLabels =
        Enum.GetValues<ConnectorState>().ToDictionary(s => s, s => new KeyValuePair<string, object?>("status", s.ToString().ToLowerInvariant()));

    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Func<IEnumerable<WorkerTask>> _tasks;
    private readonly ConcurrentDictionary<string, (KeyValuePair<string, object?>[] Class, KeyValuePair<string, object?>[] Type)> _connectors = new(StringComparer.Ordinal);

    /// <param name="meterFactory">The host's meter factory; null outside a host (runner tests), then the meter is this object's own.</param>
    /// <param name="tasks">The task loops this silo runs, read at every collection.</param>
    public ConnectMetrics(IMeterFactory? meterFactory, Func<IEnumerable<WorkerTask>> tasks)
    {
        _tasks = tasks;
        _ownsMeter = meterFactory is null;
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);

        // connect-worker-metrics
        _meter.CreateObservableGauge("kafka_connect_worker_connector_count", () => (long)_connectors.Count, description: "The number of connectors run in this worker.");
        _meter.CreateObservableGauge("kafka_connect_worker_task_count", () => (long)_tasks().Count(), description: "The number of tasks run in this worker.");
        WorkerConnectorGauge("kafka_connect_worker_connector_total_task_count", null, "The number of tasks of the connector on the worker.");
        WorkerConnectorGauge("kafka_connect_worker_connector_running_task_count", ConnectorState.Running, "The number of running tasks of the connector on the worker.");
        WorkerConnectorGauge("kafka_connect_worker_connector_paused_task_count", ConnectorState.Paused, "The number of paused tasks of the connector on the worker.");
        WorkerConnectorGauge("kafka_connect_worker_connector_failed_task_count", ConnectorState.Failed, "The number of failed tasks of the connector on the worker.");
        WorkerConnectorGauge("kafka_connect_worker_connector_unassigned_task_count", ConnectorState.Unassigned, "The number of unassigned tasks of the connector on the worker.");

        // connector-metrics: Strimzi's rule turns the string attributes into a label of a series of value 1.
        _meter.CreateObservableGauge("kafka_connect_connector_connector_class", () => _connectors.Values.Select(c => new Measurement<long>(1, c.Class)), description: "The name of the connector class.");
        _meter.CreateObservableGauge("kafka_connect_connector_connector_type", () => _connectors.Values.Select(c => new Measurement<long>(1, c.Type)), description: "The type of the connector. One of 'source' or 'sink'.");

        // connector-task-metrics
        _meter.CreateObservableGauge("kafka_connect_connector_task_status", ObserveStatus, description: "The status of the connector task (label status), value 1, as Strimzi's rule maps the string attribute.");
        Gauge("kafka_connect_connector_task_batch_size_avg", null, m => m.BatchSize.Average(), "The average number of records in the batches the task has processed so far.");
        Gauge("kafka_connect_connector_task_batch_size_max", null, m => m.BatchSize.Maximum(), "The number of records in the largest batch the task has processed so far.");
        Gauge("kafka_connect_connector_task_offset_commit_avg_time_ms", null, m => m.OffsetCommitTime.Average(), "The average time in milliseconds taken by this task to commit offsets.");
        Gauge("kafka_connect_connector_task_offset_commit_max_time_ms", null, m => m.OffsetCommitTime.Maximum(), "The maximum time in milliseconds taken by this task to commit offsets.");
        Gauge("kafka_connect_connector_task_offset_commit_success_percentage", null, m => m.OffsetCommitOutcome.Average(), "The average percentage of this task's offset commit attempts that succeeded.");
        Gauge("kafka_connect_connector_task_offset_commit_failure_percentage", null, m => 1 - m.OffsetCommitOutcome.Average(), "The average percentage of this task's offset commit attempts that failed or had an error.");

        // source-task-metrics
        Gauge("kafka_connect_source_task_source_record_poll_total", ConnectorType.Source, m => m.SourceRecordPollTotal, "The total number of records produced/polled (before transformation) by this task belonging to the named source connector in this worker.");
        Gauge("kafka_connect_source_task_source_record_poll_rate", ConnectorType.Source, m => m.SourceRecordPollRate.RatePerSecond(), "The average per-second number of records produced/polled (before transformation) by this task.");
        Gauge("kafka_connect_source_task_source_record_write_total", ConnectorType.Source, m => m.SourceRecordWriteTotal, "The number of records output from the transformations and written to Kafka for this task.");
        Gauge("kafka_connect_source_task_source_record_write_rate", ConnectorType.Source, m => m.SourceRecordWriteRate.RatePerSecond(), "The average per-second number of records output from the transformations and written to Kafka for this task.");
        Gauge("kafka_connect_source_task_poll_batch_avg_time_ms", ConnectorType.Source, m => m.PollBatchTime.Average(), "The average time in milliseconds taken by this task to poll for a batch of source records.");
        Gauge("kafka_connect_source_task_poll_batch_max_time_ms", ConnectorType.Source, m => m.PollBatchTime.Maximum(), "The maximum time in milliseconds taken by this task to poll for a batch of source records.");
        Gauge("kafka_connect_source_task_source_record_active_count", ConnectorType.Source, m => m.SourceRecordActiveCount, "The number of records that have been produced by this task but not yet completely written to Kafka.");

        // sink-task-metrics
        Gauge("kafka_connect_sink_task_sink_record_read_total", ConnectorType.Sink, m => m.SinkRecordReadTotal, "The total number of records read from Kafka by this task belonging to the named sink connector in this worker.");
        Gauge("kafka_connect_sink_task_sink_record_read_rate", ConnectorType.Sink, m => m.SinkRecordReadRate.RatePerSecond(), "The average per-second number of records read from Kafka for this task.");
        Gauge("kafka_connect_sink_task_sink_record_send_total", ConnectorType.Sink, m => m.SinkRecordSendTotal, "The total number of records output from the transformations and sent/put to this task.");
        Gauge("kafka_connect_sink_task_sink_record_send_rate", ConnectorType.Sink, m => m.SinkRecordSendRate.RatePerSecond(), "The average per-second number of records output from the transformations and sent/put to this task.");
        Gauge("kafka_connect_sink_task_put_batch_avg_time_ms", ConnectorType.Sink, m => m.PutBatchTime.Average(), "The average time taken by this task to put a batch of sink records.");
        Gauge("kafka_connect_sink_task_put_batch_max_time_ms", ConnectorType.Sink, m => m.PutBatchTime.Maximum(), "The maximum time taken by this task to put a batch of sink records.");
        Gauge("kafka_connect_sink_task_offset_commit_completion_total", ConnectorType.Sink, m => m.OffsetCommitCompletionTotal, "The total number of offset commit completions that were completed successfully.");
        Gauge("kafka_connect_sink_task_offset_commit_completion_skip_total", ConnectorType.Sink, m => m.OffsetCommitCompletionSkipTotal, "The total number of offset commit completions that were received too late and skipped/ignored.");
        Gauge("kafka_connect_sink_task_partition_count", ConnectorType.Sink, m => m.PartitionCount, "The number of topic partitions assigned to this task belonging to the named sink connector in this worker.");

        // task-error-metrics
        Gauge("kafka_connect_task_error_total_record_errors", null, m => m.TotalRecordErrors, "The number of record processing errors in this task.");
        Gauge("kafka_connect_task_error_total_record_failures", null, m => m.TotalRecordFailures, "The number of record processing failures in this task.");
        Gauge("kafka_connect_task_error_total_records_skipped", null, m => m.TotalRecordsSkipped, "The number of records skipped due to errors.");
        Gauge("kafka_connect_task_error_total_retries", null, m => m.TotalRetries, "The number of operations retried.");
        Gauge("kafka_connect_task_error_total_errors_logged", null, m => m.TotalErrorsLogged, "The number of errors that were logged.");
        Gauge("kafka_connect_task_error_deadletterqueue_produce_requests", null, m => m.DeadLetterQueueProduceRequests, "The number of attempted writes to the dead letter queue.");
        Gauge("kafka_connect_task_error_deadletterqueue_produce_failures", null, m => m.DeadLetterQueueProduceFailures, "The number of failed writes to the dead letter queue.");
        Gauge("kafka_connect_task_error_last_error_timestamp", null, m => m.LastErrorTimestamp, "The epoch timestamp when this task last encountered an error.");
    }

    /// <summary>A plugin connector started on this silo (Kafka's <c>connector-count</c> and <c>connector-metrics</c>).</summary>
    /// <param name="connector">Its name.</param>
    /// <param name="connectorClass">Its <c>connector.class</c> as configured.</param>
    /// <param name="type">Source or sink.</param>
    public void ConnectorStarted(string connector, string connectorClass, ConnectorType type) =>
        _connectors[connector] = (
            [new("connector", connector), new("connector_class", connectorClass)],
            [new("connector", connector), new("connector_type", type.ToString().ToLowerInvariant())]);

    public void ConnectorStopped(string connector) => _connectors.TryRemove(connector, out _);

    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }

    private void Gauge(string name, ConnectorType? type, Func<TaskMetrics, double> value, string description) =>
        _meter.CreateObservableGauge(name, () => Observe(type, value), description: description);

    private void Gauge(string name, ConnectorType? type, Func<TaskMetrics, long> value, string description) =>
        _meter.CreateObservableGauge(name, () => Observe(type, value), description: description);

    private void WorkerConnectorGauge(string name, ConnectorState? state, string description) =>
        _meter.CreateObservableGauge(name, () => ObserveConnectorTasks(state), description: description);

    private IEnumerable<Measurement<T>> Observe<T>(ConnectorType? type, Func<TaskMetrics, T> value)
        where T : struct
    {
        foreach (var task in _tasks())
        {
            if (type is { } t && task.Assignment.Type != t)
            {
                continue;
            }

            var v = value(task.Metrics);

            // Kafka's average and maximum of an empty window are NaN: no sample rather than a NaN one.
            if (v is double d && double.IsNaN(d))
            {
                continue;
            }

            yield return new Measurement<T>(v, task.Metrics.Tags);
        }
    }

    private IEnumerable<Measurement<long>> ObserveStatus()
    {
        // Only the current status, as the JMX exporter shows it; a status the task left is no longer collected, and the
        // exporter drops a series that a collection does not report.
        foreach (var task in _tasks())
        {
            yield return new Measurement<long>(1, [.. task.Metrics.Tags, StatusLabels[task.State]]);
        }
    }

    private IEnumerable<Measurement<long>> ObserveConnectorTasks(ConnectorState? state) =>
        _tasks().GroupBy(t => t.Assignment.Id.Connector, StringComparer.Ordinal)
            .Select(g => new Measurement<long>(g.LongCount(t => state is null || t.State == state), new KeyValuePair<string, object?>("connector", g.Key)));
}
