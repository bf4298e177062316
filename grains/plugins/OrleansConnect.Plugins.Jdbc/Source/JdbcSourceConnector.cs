using System.Data.Common;
using System.Text.Json;
using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.Errors;
using OrleansConnect.Plugins.Jdbc.Dialects;
using OrleansConnect.Plugins.Source;

namespace OrleansConnect.Plugins.Jdbc.Source;

/// <summary>
/// Confluent's JDBC source on PostgreSQL, MySQL and MariaDB: copies tables (or one custom query) to topics named
/// <c>topic.prefix</c> + table, by polling with the configured <c>mode</c>. Tables are spread over
/// <c>min(tables, tasks.max)</c> tasks in contiguous groups; a custom query runs in one task. Every
/// <c>table.poll.interval.ms</c> the connector lists the tables again and asks the runtime to reconfigure the tasks when
/// the set changed.
/// </summary>
[PluginAlias("io.confluent.connect.jdbc.JdbcSourceConnector")]
public sealed class JdbcSourceConnector : SourceConnector
{
    private readonly Lock _lock = new();
    private JdbcSourceConfig? _config;
    private IReadOnlyDictionary<string, string> _props = new Dictionary<string, string>();
    private IReadOnlyList<TableId> _tables = [];
    private JdbcDialect? _dialect;
    private DbDataSource? _dataSource;
    private CancellationTokenSource? _monitorStop;
    private Task _monitor = Task.CompletedTask;

    public override ConfigDef Config => JdbcSourceConfig.Keys;

    public override Type TaskType => typeof(JdbcSourceTask);

    public override IReadOnlyList<ConfigValue> Validate(IReadOnlyDictionary<string, string> props)
    {
        var results = Config.Validate(props);
        if (results.All(r => r.ErrorMessages.Count == 0))
        {
            var config = new AbstractConfig(Config, props);
            foreach (var (key, message) in JdbcSourceConfig.CrossKeyErrors(config))
            {
                results.First(r => r.Name == key).AddErrorMessage(message);
            }
        }

        return results;
    }

    public override async Task StartAsync(IReadOnlyDictionary<string, string> props, CancellationToken cancellationToken)
    {
        _config = new JdbcSourceConfig(props);
        _props = props;
        if (_config.Query is not null)
        {
            return;
        }

        _dialect = JdbcDialect.For(_config);
        _dataSource = _dialect.CreateDataSource(_config);
        await using (var connection = await JdbcConnectionConfig.OpenWithAttemptsAsync(_dialect, _dataSource, _config, cancellationToken).ConfigureAwait(false))
        {
            _tables = await TableLister.ListAsync(_dialect, connection, _config, cancellationToken).ConfigureAwait(false);
        }

        _monitorStop = new CancellationTokenSource();
        _monitor = MonitorTablesAsync(TimeSpan.FromMilliseconds(_config.GetLong(JdbcSourceConfig.TablePollIntervalMsConfig)), _monitorStop.Token);
    }

    /// <summary>
    /// Checks the shape a task resumes from: a partition holds <c>"table": "schema.name"</c> (with Confluent's
    /// <c>"protocol": "1"</c>, or without it in the earlier shapes a task still reads) or, with <c>query</c>,
    /// <c>{"query": "query"}</c>; an offset holds the integers the <c>mode</c> reads (<c>incrementing</c>;
    /// <c>timestamp</c> in epoch milliseconds with an optional <c>timestamp_nanos</c> of that second). A null offset
    /// is always accepted, so a stale partition can be cleaned up; in <c>bulk</c> mode offsets are never read.
    /// </summary>
    public override Task<bool> AlterOffsetsAsync(
        IReadOnlyDictionary<string, string> connectorConfig,
        IReadOnlyCollection<KeyValuePair<IReadOnlyDictionary<string, object?>, IReadOnlyDictionary<string, object?>?>> offsets,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(offsets);
        var config = new JdbcSourceConfig(connectorConfig);
        foreach (var (partition, offset) in offsets)
        {
            if (offset is null || config.Mode == JdbcSourceConfig.ModeBulk)
            {
                continue;
            }

            var partitionKey = config.Query is null ? TableQuerier.TableField : TableQuerier.QueryField;
            if (partition.GetValueOrDefault(partitionKey) is not string)
            {
                throw new ConnectException($"Partition objects should contain the key '{partitionKey}' with a string value");
            }

            if (config.UsesIncrementing)
            {
                RequireLong(offset, TableQuerier.IncrementingField, long.MinValue, long.MaxValue);
            }

            if (config.UsesTimestamp)
            {
                RequireLong(offset, TableQuerier.TimestampField, long.MinValue, long.MaxValue);
                if (offset.ContainsKey(TableQuerier.TimestampNanosField))
                {
                    RequireLong(offset, TableQuerier.TimestampNanosField, 0, 999_999_999);
                }
            }
        }

        return Task.FromResult(true);
    }

    public override IReadOnlyList<IReadOnlyDictionary<string, string>> TaskConfigs(int maxTasks)
    {
        if (_config?.Query is not null)
        {
            return [_props];
        }

        IReadOnlyList<TableId> tables;
        lock (_lock)
        {
            tables = _tables;
        }

        var groups = Math.Min(tables.Count, maxTasks);
        var configs = new List<IReadOnlyDictionary<string, string>>(groups);
        for (var group = 0; group < groups; group++)
        {
            // Contiguous groups, the first ones one larger, as Kafka's ConnectorUtils.groupPartitions.
            var start = (group * (tables.Count / groups)) + Math.Min(group, tables.Count % groups);
            var count = (tables.Count / groups) + (group < tables.Count % groups ? 1 : 0);
            var names = tables.Skip(start).Take(count).Select(t => new[] { t.Schema!, t.Name }).ToArray();
            configs.Add(new Dictionary<string, string>(_props) { [JdbcSourceConfig.TablesConfig] = JsonSerializer.Serialize(names) });
        }

        return configs;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_monitorStop is not null)
        {
            await _monitorStop.CancelAsync().ConfigureAwait(false);
            await _monitor.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            _monitorStop.Dispose();
            _monitorStop = null;
        }

        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync().ConfigureAwait(false);
            _dataSource = null;
        }
    }

    private async Task MonitorTablesAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(interval, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (cancellationToken.IsCancellationRequested)
            {
                return;
            }

            IReadOnlyList<TableId> found;
            try
            {
                await using var connection = await _dialect!.OpenConnectionAsync(_dataSource!, cancellationToken).ConfigureAwait(false);
                found = await TableLister.ListAsync(_dialect, connection, _config!, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (JdbcErrors.IsDatabaseError(e) || e is OperationCanceledException)
            {
                // The database is unreachable: the tasks report that themselves; look again at the next interval.
                continue;
            }

            bool changed;
            lock (_lock)
            {
                changed = !found.SequenceEqual(_tables);
                _tables = found;
            }

            if (changed)
            {
                Context.RequestTaskReconfiguration();
            }
        }
    }

    private static void RequireLong(IReadOnlyDictionary<string, object?> offset, string key, long min, long max)
    {
        if (!offset.TryGetValue(key, out var value))
        {
            throw new ConnectException($"Offset objects should either be null or contain the key '{key}'");
        }

        if (value is not long n || n < min || n > max)
        {
            throw new ConnectException($"The value for the '{key}' key in the offset is expected to be an integer from {min} to {max}, not {value ?? "null"}");
        }
    }
}
