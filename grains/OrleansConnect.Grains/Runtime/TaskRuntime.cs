using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansConnect.Grains.Hosting;
using OrleansConnect.Grains.Kafka;
using OrleansConnect.Grains.Plugins;
using OrleansConnect.Grains.Runtime.Metrics;

namespace OrleansConnect.Grains.Runtime;

/// <summary>What a task loop needs from its silo, and the loops running on it. One per silo.</summary>
internal sealed class TaskRuntime : IDisposable
{
    private readonly ConcurrentDictionary<WorkerTask, bool> _running = new();
    private volatile bool _draining;

    public TaskRuntime(
        PluginRegistry registry,
        IOptions<WorkerOptions> options,
        KafkaCluster kafka,
        IGrainFactory grains,
        ILoggerFactory loggerFactory,
        IMeterFactory? meterFactory = null)
    {
        Registry = registry;
        Options = options.Value;
        Kafka = kafka;
        Grains = grains;
        LoggerFactory = loggerFactory;
        Metrics = new ConnectMetrics(meterFactory, () => _running.Keys);
    }

    public PluginRegistry Registry { get; }

    public WorkerOptions Options { get; }

    public KafkaCluster Kafka { get; }

    public IGrainFactory Grains { get; }

    public ILoggerFactory LoggerFactory { get; }

    /// <summary>The silo's Kafka Connect metrics, over the loops it runs.</summary>
    public ConnectMetrics Metrics { get; }

    /// <summary>The loops of this silo, running or ended but not yet stopped by their grain (a FAILED task's stays).</summary>
    public ICollection<WorkerTask> Tasks => _running.Keys;

    /// <summary>True once the silo is shutting down: no loop starts any more.</summary>
    public bool IsDraining => _draining;

    public void Started(WorkerTask task) => _running.TryAdd(task, true);

    public void Stopped(WorkerTask task) => _running.TryRemove(task, out _);

    /// <summary>
    /// Stops every loop of this silo while the cluster still serves grain calls and storage, so each commits its
    /// offsets; the grains' own deactivation comes later in shutdown, when storage may already be gone.
    /// </summary>
    public Task DrainAsync()
    {
        _draining = true;
        var graceful = TimeSpan.FromMilliseconds(Options.TaskShutdownGracefulTimeoutMs);
        return Task.WhenAll(_running.Keys.Select(task => task.StopAsync(graceful)));
    }

    public void Dispose() => Metrics.Dispose();
}
