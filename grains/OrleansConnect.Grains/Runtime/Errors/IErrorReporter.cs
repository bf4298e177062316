namespace OrleansConnect.Grains.Runtime.Errors;

/// <summary>Where a failed record is reported: the log, the dead letter queue.</summary>
internal interface IErrorReporter : IDisposable
{
    void Report(ErrorContext context);

    /// <summary>
    /// Waits up to <paramref name="timeout"/> until everything reported is durable: false when some is still
    /// outstanding; throws when a report could not be delivered.
    /// </summary>
    bool Flush(TimeSpan timeout);
}
