using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime;
using OrleansConnect.Grains.Runtime;

namespace OrleansConnect.Grains.Hosting;

/// <summary>
/// On silo shutdown, stops this silo's task loops first (leaving the Active stage, before grains are deactivated and
/// storage goes away), so their final offset commits land; then bounds what is left of the shutdown.
/// </summary>
internal sealed class TaskDrainer(TaskRuntime runtime, IOptions<ClusterMembershipOptions> membership) : ILifecycleParticipant<ISiloLifecycle>
{
    /// <summary>How long each of the silo's last membership writes (ShuttingDown, Stopping, Dead) is retried.</summary>
    internal static readonly TimeSpan LeavingStatusWriteLimit = TimeSpan.FromSeconds(5);

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(TaskDrainer), ServiceLifecycleStage.Active, _ => Task.CompletedTask, _ => DrainAsync());

    private async Task DrainAsync()
    {
        await runtime.DrainAsync();

        // Orleans retries the silo's own status writes for MaxJoinAttemptTime (5 minutes by default) and ignores the
        // shutdown's cancellation while it does: with PostgreSQL down, a graceful stop took 2 minutes after its tasks had
        // stopped, beyond any platform's grace period. Once the tasks are stopped nothing is left to save: each status
        // write gets a few seconds, and the silos left learn from their probes that this one is gone. The limit is read
        // at each write from these shared options (the same instance Orleans holds). It also is what this silo, for the
        // seconds it has left, allows another silo to stay Joining; the other silos keep their own limit.
        var options = membership.Value;
        if (options.MaxJoinAttemptTime > LeavingStatusWriteLimit)
        {
            options.MaxJoinAttemptTime = LeavingStatusWriteLimit;
        }
    }
}
