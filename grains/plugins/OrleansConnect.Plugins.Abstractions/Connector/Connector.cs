using OrleansConnect.Plugins.Config;

namespace OrleansConnect.Plugins.Connector;

/// <summary>
/// A connector, as Kafka's <c>Connector</c>: it validates its configuration and splits the work into task configs.
/// The runtime creates one instance per connector (in the connector's grain), calls <see cref="Initialize"/>, then
/// <see cref="StartAsync"/>, then <see cref="TaskConfigs"/> whenever task configs are needed, and <see cref="StopAsync"/>
/// when the connector is stopped, paused, reconfigured or deleted. Calls are never concurrent. Derive from
/// <see cref="Source.SourceConnector"/> or <see cref="Sink.SinkConnector"/>.
/// </summary>
public abstract class Connector
{
    private IConnectorContext? _context;

    /// <summary>The context set by <see cref="Initialize"/>.</summary>
    /// <exception cref="InvalidOperationException">Read before <see cref="Initialize"/>.</exception>
    protected IConnectorContext Context => _context ?? throw new InvalidOperationException("The connector has not been initialized.");

    /// <summary>The plugin version; by default the informational version of the plugin's assembly.</summary>
    public virtual string Version => PluginVersion.Of(GetType());

    /// <summary>The connector's configuration keys (the runtime adds the common ones such as <c>tasks.max</c>).</summary>
    public abstract ConfigDef Config { get; }

    /// <summary>The task class the connector's tasks run; a <see cref="Source.SourceTask"/> or <see cref="Sink.SinkTask"/> with a public parameterless constructor.</summary>
    public abstract Type TaskType { get; }

    /// <summary>Called once before <see cref="StartAsync"/>.</summary>
    /// <param name="context">The runtime's context for this connector.</param>
    public virtual void Initialize(IConnectorContext context) => _context = context;

    /// <summary>Starts the connector with its configuration. Called once per start; throw to fail the connector.</summary>
    /// <param name="props">The whole connector configuration.</param>
    /// <param name="cancellationToken">Cancelled when the start must be abandoned.</param>
    /// <returns>A task that completes when the connector is started.</returns>
    public abstract Task StartAsync(IReadOnlyDictionary<string, string> props, CancellationToken cancellationToken);

    /// <summary>
    /// Splits the work into at most <paramref name="maxTasks"/> task configurations. Each becomes one task's
    /// configuration; the runtime adds <c>task.class</c> and, when the connector config has them, <c>topics</c> and
    /// <c>topics.regex</c>, as Kafka's worker does. Not called for a connector created PAUSED or STOPPED until it is
    /// resumed. Must be deterministic for the same
    /// state: the runtime restarts tasks only when the result changes.
    /// </summary>
    /// <param name="maxTasks">The value of <c>tasks.max</c>.</param>
    /// <returns>One configuration per task; may be fewer than <paramref name="maxTasks"/>.</returns>
    public abstract IReadOnlyList<IReadOnlyDictionary<string, string>> TaskConfigs(int maxTasks);

    /// <summary>Stops the connector and releases what <see cref="StartAsync"/> acquired. Idempotent.</summary>
    /// <param name="cancellationToken">Cancelled when the stop takes too long.</param>
    /// <returns>A task that completes when stopped.</returns>
    public abstract Task StopAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Validates a configuration and reports every problem per key; by default <see cref="ConfigDef.Validate"/> of
    /// <see cref="Config"/>. Override to add checks across keys. Called on a fresh instance that was never started.
    /// </summary>
    /// <param name="props">The configuration to check.</param>
    /// <returns>One result per key; errors are in <see cref="ConfigValue.ErrorMessages"/>.</returns>
    public virtual IReadOnlyList<ConfigValue> Validate(IReadOnlyDictionary<string, string> props) => Config.Validate(props);
}
