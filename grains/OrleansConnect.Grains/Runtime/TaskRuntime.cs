using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansConnect.Grains.Hosting;
using OrleansConnect.Grains.Kafka;
using OrleansConnect.Grains.Plugins;

namespace OrleansConnect.Grains.Runtime;

/// <summary>What a task loop needs from its silo. One per silo.</summary>
internal sealed class TaskRuntime(
    PluginRegistry registry,
    IOptions<WorkerOptions> options,
    KafkaCluster kafka,
    IGrainFactory grains,
    ILoggerFactory loggerFactory)
{
    public PluginRegistry Registry { get; } = registry;

    public WorkerOptions Options { get; } = options.Value;

    public KafkaCluster Kafka { get; } = kafka;

    public IGrainFactory Grains { get; } = grains;

    public ILoggerFactory LoggerFactory { get; } = loggerFactory;
}
