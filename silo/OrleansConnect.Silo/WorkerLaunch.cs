using System.Collections.Immutable;
using System.Text.Json;
using Microsoft.Extensions.Configuration.Memory;
using OrleansConnect.Api;
using OrleansConnect.Grains;
using OrleansConnect.Grains.Hosting;

namespace OrleansConnect.Silo;

/// <summary>
/// Kafka's worker commands: <c>connect-distributed worker.properties</c> and <c>connect-standalone worker.properties
/// [connector.properties|connector.json ...]</c>, each followed by any .NET command-line settings (<c>--key=value</c>
/// or <c>--key value</c>). Everything the files say is read and checked before anything starts; the worker file
/// becomes the lowest-precedence configuration source (any .NET source that gives the same setting wins), and the
/// connector files are created or updated once the silo is up.
/// </summary>
internal sealed partial class WorkerLaunch
{
    public const string DistributedCommand = "connect-distributed";
    public const string StandaloneCommand = "connect-standalone";

    /// <summary>Kafka's exit code for a worker that cannot start (AbstractConnectCli).</summary>
    public const int WorkerErrorExitCode = 2;

    /// <summary>Kafka's exit code when connect-standalone stops after a connector error.</summary>
    public const int ConnectorErrorExitCode = 3;

    private WorkerLaunch(WorkerMode mode, WorkerProperties worker, IReadOnlyList<ConnectorFile> connectors, string[] hostArguments) =>
        (Mode, Worker, Connectors, HostArguments) = (mode, worker, connectors, hostArguments);

    public WorkerMode Mode { get; }

    public WorkerProperties Worker { get; }

    /// <summary>The connectors of connect-standalone's files, in command-line order.</summary>
    public IReadOnlyList<ConnectorFile> Connectors { get; }

    /// <summary>The arguments left for .NET configuration.</summary>
    public string[] HostArguments { get; }

    /// <summary>
    /// Reads the command line: null when it names no worker command (a plain silo). Throws
    /// <see cref="WorkerFileException"/> for a file that is missing or wrong, naming it and the line.
    /// </summary>
    public static WorkerLaunch? Parse(string[] args)
    {
        var mode = args switch
        {
            [DistributedCommand, ..] => WorkerMode.Distributed,
            [StandaloneCommand, ..] => WorkerMode.Standalone,
            _ => (WorkerMode?)null,
        };
        if (mode is null)
        {
            return null;
        }

        var files = new List<string>();
        var host = new List<string>();
        for (var i = 1; i < args.Length; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal))
            {
                host.Add(args[i]);
                if (!args[i].Contains('=', StringComparison.Ordinal) && i + 1 < args.Length)
                {
                    host.Add(args[++i]);
                }
            }
            else
            {
                files.Add(args[i]);
            }
        }

        var command = mode == WorkerMode.Distributed ? DistributedCommand : StandaloneCommand;
        if (files.Count == 0)
        {
            throw new WorkerFileException($"{command} needs a worker properties file: {command} worker.properties{(mode == WorkerMode.Standalone ? " [connector.properties|connector.json ...]" : string.Empty)} [--setting=value ...]");
        }

        if (mode == WorkerMode.Distributed && files.Count > 1)
        {
            throw new WorkerFileException($"{command} takes one worker file; connectors are created through the REST API (got also: {string.Join(", ", files.Skip(1))})");
        }

        var worker = WorkerProperties.Load(files[0], mode.Value);
        var connectors = files.Skip(1).Select(ConnectorFile.Load).ToList();
        var duplicate = connectors.GroupBy(c => c.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new WorkerFileException(duplicate.Last().File, 0, $"connector '{duplicate.Key}' is also in {duplicate.First().File}");
        }

        return new WorkerLaunch(mode.Value, worker, connectors, [.. host]);
    }

    /// <summary>
    /// Adds the worker file's settings under every other source, and checks what the mode needs of the result:
    /// connect-standalone refuses a PostgreSQL connection string from anywhere (it would join a cluster).
    /// </summary>
    public void Configure(IConfigurationManager configuration)
    {
        configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = Worker.Settings });
        if (Mode == WorkerMode.Standalone && !string.IsNullOrWhiteSpace(configuration.GetConnectionString(ClusterDefaults.PostgreSqlConnectionName)))
        {
            throw new WorkerFileException(Worker.File, 0, "connect-standalone with ConnectionStrings:PostgreSQL set (environment or command line): standalone keeps no shared state; unset it, or start connect-distributed");
        }
    }

    /// <summary>Logs the file's warnings, and that a distributed worker without a state store forms no cluster.</summary>
    public void LogStart(ILogger logger, IConfiguration configuration)
    {
        foreach (var warning in Worker.Warnings)
        {
            LogWorkerFileWarning(logger, warning);
        }

        if (Mode == WorkerMode.Distributed && string.IsNullOrWhiteSpace(configuration.GetConnectionString(ClusterDefaults.PostgreSqlConnectionName)))
        {
            LogNoStateStore(logger, Worker.File, WorkerProperties.PostgreSqlKey);
        }
    }

    /// <summary>
    /// Creates each connector of the files, or updates its config when it exists, through the grain calls of
    /// <c>POST /connectors</c> and <c>PUT /connectors/{name}/config</c>. False after the first that fails, logged
    /// with its file (connect-standalone then stops, as Kafka's does).
    /// </summary>
    public async Task<bool> CreateConnectorsAsync(IGrainFactory grains, ILogger logger, CancellationToken cancellationToken)
    {
        foreach (var connector in Connectors)
        {
            var grain = grains.GetGrain<IConnectorGrain>(connector.Name);
            try
            {
                try
                {
                    await grain.CreateAsync(connector.Request, cancellationToken);
                    LogConnectorCreated(logger, connector.Name, connector.File);
                }
                catch (ConnectRestException e) when (e.StatusCode == StatusCodes.Status409Conflict)
                {
                    await grain.PutConfigAsync(connector.Request.Config, cancellationToken);
                    LogConnectorUpdated(logger, connector.Name, connector.File);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A ConnectRestException is the config's fault (400 naming the key); anything else is still this
                // connector's start failing, and connect-standalone stops either way.
                LogConnectorFailed(logger, connector.File, connector.Name, e.Message);
                return false;
            }
        }

        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Warning}")]
    private static partial void LogWorkerFileWarning(ILogger logger, string warning);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{WorkerFile} names no state store ({Key} or ConnectionStrings:PostgreSQL): this silo keeps connectors and offsets in memory and forms no cluster with other silos")]
    private static partial void LogNoStateStore(ILogger logger, string workerFile, string key);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created connector {ConnectorName} from {ConnectorFile}")]
    private static partial void LogConnectorCreated(ILogger logger, string connectorName, string connectorFile);

    [LoggerMessage(Level = LogLevel.Information, Message = "Updated connector {ConnectorName} from {ConnectorFile}")]
    private static partial void LogConnectorUpdated(ILogger logger, string connectorName, string connectorFile);

    [LoggerMessage(Level = LogLevel.Error, Message = "{ConnectorFile}: connector {ConnectorName} cannot be created: {Reason}. Stopping, as connect-standalone does after a connector error")]
    private static partial void LogConnectorFailed(ILogger logger, string connectorFile, string connectorName, string reason);

    /// <summary>One connector file of connect-standalone: properties, or JSON in either of Kafka's forms.</summary>
    internal sealed record ConnectorFile(string File, string Name, CreateConnectorRequest Request)
    {
        /// <summary>
        /// Reads <paramref name="path"/> in Kafka's order: JSON when it parses as JSON, else a properties file; it must
        /// name the connector (<c>name</c>).
        /// </summary>
        public static ConnectorFile Load(string path)
        {
            string text;
            try
            {
                text = System.IO.File.ReadAllText(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new WorkerFileException(path, 0, $"connector file cannot be read: {e.Message}");
            }

            JsonDocument? json = null;
            try
            {
                json = JsonDocument.Parse(text);
            }
            catch (JsonException) when (!text.TrimStart().StartsWith('{'))
            {
                // Not JSON: a properties file, as Kafka tries last.
            }
            catch (JsonException e)
            {
                throw new WorkerFileException(path, (int)(e.LineNumber ?? -1) + 1, $"connector file is not valid JSON: {e.Message}");
            }

            if (json is not null)
            {
                using (json)
                {
                    try
                    {
                        var (name, request) = ConnectorRequests.ReadConnectorFile(json.RootElement);
                        return new ConnectorFile(path, name, request);
                    }
                    catch (ConnectRestException e)
                    {
                        throw new WorkerFileException(path, 0, e.Message);
                    }
                }
            }

            var entries = JavaProperties.Load(path);
            var config = entries.GroupBy(e => e.Key, StringComparer.Ordinal).ToImmutableDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal);
            return config.TryGetValue("name", out var propertiesName) && propertiesName.Trim().Length > 0
                ? new ConnectorFile(path, propertiesName.Trim(), new CreateConnectorRequest(config))
                : throw new WorkerFileException(path, 0, "the connector config is missing the mandatory 'name' key");
        }
    }
}
