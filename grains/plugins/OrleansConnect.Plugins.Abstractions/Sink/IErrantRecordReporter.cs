namespace OrleansConnect.Plugins.Sink;

/// <summary>
/// Lets a sink task hand over a record it cannot write (Kafka's <c>ErrantRecordReporter</c>, KIP-610): the runtime
/// treats it as a failed record under the connector's <c>errors.*</c> settings, so with <c>errors.tolerance=all</c> it
/// is logged and written to the dead letter queue and the task goes on; with <c>none</c> the call throws and the task
/// fails.
/// </summary>
public interface IErrantRecordReporter
{
    /// <summary>
    /// Reports the record. Call it from <see cref="SinkTask.PutAsync"/> with a record of the batch being put. The
    /// returned task completes once the report is durable; the runtime also waits for every report before it
    /// commits offsets past the record, so a task need not await it.
    /// </summary>
    /// <param name="record">The record, as given to <see cref="SinkTask.PutAsync"/>.</param>
    /// <param name="error">Why it cannot be written.</param>
    /// <returns>A task that completes when the report is durable.</returns>
    Task ReportAsync(SinkRecord record, Exception error);
}
