using Orleans.Runtime;
using OrleansConnect.Grains.Runtime;

namespace OrleansConnect.Grains.Hosting;

/// <summary>
/// On silo shutdown, stops this silo's task loops first (leaving the Active stage, before grains are deactivated and
/// storage goes away), so their final offset commits land.
/// </summary>
internal sealed class TaskDrainer(TaskRuntime runtime) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(TaskDrainer), ServiceLifecycleStage.Active, _ => Task.CompletedTask, _ => runtime.DrainAsync());
}
