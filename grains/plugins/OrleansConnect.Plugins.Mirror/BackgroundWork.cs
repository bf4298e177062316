namespace OrleansConnect.Plugins.Mirror;

/// <summary>A connector's periodic admin work (Kafka's <c>Scheduler</c>), on the thread pool, cancelled and awaited at stop.</summary>
internal sealed class BackgroundWork
{
    private CancellationTokenSource? _stop;
    private Task _task = Task.CompletedTask;

    public void Start(Func<CancellationToken, Task> work)
    {
        _stop = new CancellationTokenSource();
        var token = _stop.Token;
        _task = Task.Run(() => work(token), CancellationToken.None);
    }

    /// <summary>Cancels the work and waits for it; idempotent.</summary>
    public async Task StopAsync()
    {
        if (_stop is null)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        await _task.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
        _stop = null;
    }
}
