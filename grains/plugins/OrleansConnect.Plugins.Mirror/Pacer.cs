namespace OrleansConnect.Plugins.Mirror;

/// <summary>
/// Paces a task's emissions to an interval while its polls return within about a second, so that pausing and stopping
/// the task stay prompt (Kafka's tasks sleep the whole interval inside <c>poll</c>).
/// </summary>
internal sealed class Pacer(TimeSpan interval)
{
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(1);
    private DateTime _next = DateTime.UtcNow + interval;

    /// <summary>True when the interval has passed (the next one starts now); otherwise waits a little and answers false.</summary>
    public async Task<bool> DueAsync(CancellationToken cancellationToken)
    {
        var wait = _next - DateTime.UtcNow;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait < MaxWait ? wait : MaxWait, cancellationToken).ConfigureAwait(false);
            return false;
        }

        _next = DateTime.UtcNow + interval;
        return true;
    }
}
