using System.Data.Common;
using System.Text.Json;
using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.Jdbc.Dialects;
using OrleansConnect.Plugins.Source;

namespace OrleansConnect.Plugins.Jdbc.Source;

/// <summary>
/// The task of <see cref="JdbcSourceConnector"/>: polls its tables (or the custom query) in turn, each at most every
/// <c>poll.interval.ms</c>, on one connection. A database failure closes the connection and surfaces as a
/// <see cref="Errors.RetriableException"/>; the next poll reconnects and continues from the last row returned.
/// </summary>
public sealed class JdbcSourceTask : SourceTask
{
    private static readonly TimeSpan MaxPollWait = TimeSpan.FromSeconds(1);

    private readonly List<TableQuerier> _queriers = [];
    // Set by StartAsync, which the runtime calls before any other method.
    private JdbcSourceConfig _config = null!;
    private JdbcDialect _dialect = null!;
    private DbDataSource? _dataSource;
    private DbConnection? _connection;
    private TableQuerier? _current;
    private int _batchMaxRows;
    private TimeSpan _pollInterval;

    public override async Task StartAsync(IReadOnlyDictionary<string, string> props, CancellationToken cancellationToken)
    {
        _config = new JdbcSourceConfig(props);
        _dialect = JdbcDialect.For(_config);
        _batchMaxRows = _config.GetInt(JdbcSourceConfig.BatchMaxRowsConfig);
        _pollInterval = TimeSpan.FromMilliseconds(_config.GetInt(JdbcSourceConfig.PollIntervalMsConfig));
        if (_config.Query is not null)
        {
            _queriers.Add(new TableQuerier(_config, _dialect, null));
        }
        else
        {
            var tables = props.TryGetValue(JdbcSourceConfig.TablesConfig, out var json)
                ? JsonSerializer.Deserialize<string[][]>(json) ?? []
                : throw new ConfigException($"The task configuration has no '{JdbcSourceConfig.TablesConfig}'; it is set by the connector.");
            _queriers.AddRange(tables.Select(t => new TableQuerier(_config, _dialect, new TableId(t[0], t[1]))));
        }

        foreach (var querier in _queriers)
        {
            var offset = await Context.OffsetStorageReader.OffsetAsync(querier.Partition, cancellationToken).ConfigureAwait(false);
            foreach (var earlier in querier.EarlierPartitions)
            {
                offset ??= await Context.OffsetStorageReader.OffsetAsync(earlier, cancellationToken).ConfigureAwait(false);
            }

            querier.Resume(offset);
        }

        _dataSource = _dialect.CreateDataSource(_config);
    }

    public override async Task<IReadOnlyList<SourceRecord>?> PollAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + MaxPollWait;
        while (_queriers.Count > 0)
        {
            if (_current is null)
            {
                var next = _queriers.MinBy(q => q.NextPoll)!;
                var wait = next.NextPoll - DateTime.UtcNow;
                if (wait > TimeSpan.Zero)
                {
                    var remaining = deadline - DateTime.UtcNow;
                    if (wait > remaining)
                    {
                        await Task.Delay(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
                        return null;
                    }

                    await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
                }

                _current = next;
            }

            var querier = _current;
            try
            {
                _connection ??= await JdbcConnectionConfig.OpenAsync(_dialect, _dataSource!, cancellationToken).ConfigureAwait(false);
                if (!querier.IsOpen)
                {
                    await querier.OpenAsync(_connection, cancellationToken).ConfigureAwait(false);
                }

                var (records, exhausted) = await querier.ReadAsync(_batchMaxRows, cancellationToken).ConfigureAwait(false);
                if (exhausted)
                {
                    await querier.DisposeAsync().ConfigureAwait(false);
                    querier.NextPoll = DateTime.UtcNow + _pollInterval;
                    _current = null;
                }

                if (records.Count > 0)
                {
                    return records;
                }
            }
            catch (Exception e) when (JdbcErrors.IsDatabaseError(e) && !cancellationToken.IsCancellationRequested)
            {
                await ResetAsync().ConfigureAwait(false);
                querier.NextPoll = DateTime.UtcNow + _pollInterval;
                throw JdbcErrors.ForSource(e, $"Reading {querier.Topic}");
            }
            catch
            {
                await ResetAsync().ConfigureAwait(false);
                throw;
            }
        }

        await Task.Delay(MaxPollWait, cancellationToken).ConfigureAwait(false);
        return null;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await ResetAsync().ConfigureAwait(false);
        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync().ConfigureAwait(false);
            _dataSource = null;
        }
    }

    private async Task ResetAsync()
    {
        _current = null;
        foreach (var querier in _queriers)
        {
            await querier.DisposeAsync().ConfigureAwait(false);
        }

        if (_connection is not null)
        {
            try
            {
                await _connection.DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (JdbcErrors.IsDatabaseError(e))
            {
                // Already broken; a new one is opened on the next poll.
            }

            _connection = null;
        }
    }
}
