using System.Data.Common;
using System.Text;
using OrleansConnect.Plugins.Errors;
using OrleansConnect.Plugins.Jdbc.Dialects;
using OrleansConnect.Plugins.Source;

namespace OrleansConnect.Plugins.Jdbc.Source;

/// <summary>
/// Reads one table (or the custom query) for a source task and remembers how far it got. Each query streams every
/// new row at the time it starts, across as many polls as <c>batch.max.rows</c> needs, ordered by the offset columns,
/// so the offset of each record is exact and a task restarted with it continues after the last row it sent.
/// </summary>
internal sealed class TableQuerier : IAsyncDisposable
{
    public const string TableField = "table";
    public const string ProtocolField = "protocol";
    public const string ProtocolVersion1 = "1";
    public const string QueryField = "query";
    public const string IncrementingField = "incrementing";
    public const string TimestampField = "timestamp";
    public const string TimestampNanosField = "timestamp_nanos";

    private static readonly DateTime NoTimestamp = DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Utc);

    private readonly JdbcSourceConfig _config;
    private readonly JdbcDialect _dialect;
    private readonly TableId? _table;
    private readonly string? _incrementingColumn;
    private readonly IReadOnlyList<string> _timestampColumns;
    private DbCommand? _command;
    private DbDataReader? _reader;
    private IRowReader? _columns;
    private int _incrementingOrdinal = -1;
    private int[] _timestampOrdinals = [];
    private bool _validated;
    private long? _lastIncrementing;
    private DateTime? _lastTimestamp;

    public TableQuerier(JdbcSourceConfig config, JdbcDialect dialect, TableId? table)
    {
        _config = config;
        _dialect = dialect;
        _table = table;
        _incrementingColumn = config.UsesIncrementing ? config.IncrementingColumn : null;
        _timestampColumns = config.UsesTimestamp ? config.TimestampColumns : [];
        Topic = table is null ? config.GetString(JdbcSourceConfig.TopicPrefixConfig)! : config.GetString(JdbcSourceConfig.TopicPrefixConfig) + table.Name;
        Partition = table is null
            ? new Dictionary<string, object?> { [QueryField] = QueryField }
            : new Dictionary<string, object?> { [ProtocolField] = ProtocolVersion1, [TableField] = table.ToString() };
        EarlierPartitions = table is null
            ? []
            :
            [
                // This runtime's shape before it took Confluent's: the qualified name without a protocol.
                new Dictionary<string, object?> { [TableField] = table.ToString() },

                // Confluent's protocol 0: the bare table name.
                new Dictionary<string, object?> { [TableField] = table.Name },
            ];
    }

    public string Topic { get; }

    /// <summary>
    /// The source partition of this table's records: Confluent's protocol 1, <c>{"protocol": "1", "table":
    /// "schema.name"}</c>, or <c>{"query": "query"}</c> for the custom query, so offsets imported from a Confluent
    /// JDBC source apply as they are.
    /// </summary>
    public IReadOnlyDictionary<string, object?> Partition { get; }

    /// <summary>
    /// Partitions an offset of this table may still be stored under, read in this order when <see cref="Partition"/>
    /// has none, as Confluent's task falls back from protocol 1 to protocol 0.
    /// </summary>
    public IReadOnlyList<IReadOnlyDictionary<string, object?>> EarlierPartitions { get; }

    /// <summary>When this table is next due; a querier with an open result set is always due.</summary>
    public DateTime NextPoll { get; set; } = DateTime.MinValue;

    public bool IsOpen => _reader is not null;

    private string Name => _table?.ToString() ?? "the query";

    /// <summary>Takes the stored offset, if any, as the point to continue from.</summary>
    public void Resume(IReadOnlyDictionary<string, object?>? offset)
    {
        if (offset is null)
        {
            return;
        }

        if (offset.GetValueOrDefault(IncrementingField) is { } inc)
        {
            _lastIncrementing = Convert.ToInt64(inc, System.Globalization.CultureInfo.InvariantCulture);
        }

        if (offset.GetValueOrDefault(TimestampField) is { } ms)
        {
            var millis = Convert.ToInt64(ms, System.Globalization.CultureInfo.InvariantCulture);
            var ticks = offset.GetValueOrDefault(TimestampNanosField) is { } nanos
                ? (FloorDiv(millis, 1000) * TimeSpan.TicksPerSecond) + (Convert.ToInt64(nanos, System.Globalization.CultureInfo.InvariantCulture) / 100)
                : millis * TimeSpan.TicksPerMillisecond;
            _lastTimestamp = DateTime.UnixEpoch.AddTicks(ticks);
        }
    }

    public async Task OpenAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        if (_config.UsesTimestamp && _lastTimestamp is null && _config.Get(JdbcSourceConfig.TimestampInitialConfig) is long initial)
        {
            _lastTimestamp = initial == JdbcSourceConfig.TimestampInitialCurrent
                ? await _dialect.CurrentTimeAsync(connection, cancellationToken).ConfigureAwait(false)
                : DateTime.UnixEpoch.AddTicks(initial * TimeSpan.TicksPerMillisecond);
        }

        _command = connection.CreateCommand();
        _command.CommandText = BuildSql();
        if (_incrementingColumn is not null)
        {
            JdbcDialect.AddParameter(_command, "inc", _lastIncrementing ?? -1L);
        }

        if (_timestampColumns.Count > 0)
        {
            JdbcDialect.AddParameter(_command, "ts", _dialect.TimestampValue(_lastTimestamp ?? NoTimestamp));
            JdbcDialect.AddParameter(_command, "delay", _dialect.DelayValue(TimeSpan.FromMilliseconds(_config.GetLong(JdbcSourceConfig.TimestampDelayIntervalMsConfig))));
        }

        // KeyInfo makes Npgsql read each column's NOT NULL from the catalog, which the schema and validate.non.null need.
        _reader = await _command.ExecuteReaderAsync(System.Data.CommandBehavior.KeyInfo, cancellationToken).ConfigureAwait(false);
        _columns = await _dialect.RowReaderAsync(_reader, _table?.Name, _config.GetString(JdbcSourceConfig.NumericMappingConfig) ?? JdbcSourceConfig.NumericMappingNone, cancellationToken).ConfigureAwait(false);
        _incrementingOrdinal = _incrementingColumn is null ? -1 : Ordinal(_incrementingColumn, JdbcSourceConfig.IncrementingColumnNameConfig);
        _timestampOrdinals = _timestampColumns.Select(c => Ordinal(c, JdbcSourceConfig.TimestampColumnNameConfig)).ToArray();
        if (!_validated)
        {
            await ValidateNonNullAsync(cancellationToken).ConfigureAwait(false);
            _validated = true;
        }
    }

    /// <summary>Reads up to <paramref name="max"/> rows; <paramref name="exhausted"/> says the query has no more.</summary>
    public async Task<(List<SourceRecord> Records, bool Exhausted)> ReadAsync(int max, CancellationToken cancellationToken)
    {
        var records = new List<SourceRecord>();
        var lastIncrementing = _lastIncrementing;
        var lastTimestamp = _lastTimestamp;
        var exhausted = false;
        while (records.Count < max)
        {
            if (!await _reader!.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                exhausted = true;
                break;
            }

            var value = _columns!.Read(_reader);
            Dictionary<string, object?>? offset = null;
            if (_incrementingOrdinal >= 0 || _timestampOrdinals.Length > 0)
            {
                offset = [];
                if (_incrementingOrdinal >= 0)
                {
                    lastIncrementing = Convert.ToInt64(_reader.GetValue(_incrementingOrdinal), System.Globalization.CultureInfo.InvariantCulture);
                    offset[IncrementingField] = lastIncrementing;
                }

                if (_timestampOrdinals.Length > 0)
                {
                    lastTimestamp = RowTimestamp();
                    var ticks = lastTimestamp.Value.Ticks - DateTime.UnixEpoch.Ticks;
                    offset[TimestampField] = FloorDiv(ticks, TimeSpan.TicksPerMillisecond);
                    offset[TimestampNanosField] = (ticks - (FloorDiv(ticks, TimeSpan.TicksPerSecond) * TimeSpan.TicksPerSecond)) * 100;
                }
            }

            records.Add(new SourceRecord(Partition, offset, Topic, null, null, null, value.Schema, value));
        }

        // Only rows handed to the runtime move the position: a failure mid-batch re-reads them.
        _lastIncrementing = lastIncrementing;
        _lastTimestamp = lastTimestamp;
        return (records, exhausted);
    }

    public async ValueTask DisposeAsync()
    {
        if (_reader is not null)
        {
            try
            {
                await _reader.DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (JdbcErrors.IsDatabaseError(e))
            {
                // The connection is broken and is being replaced; the reader has nothing left to release.
            }

            _reader = null;
        }

        if (_command is not null)
        {
            await _command.DisposeAsync().ConfigureAwait(false);
            _command = null;
        }
    }

    private string BuildSql()
    {
        var from = _table is not null ? _dialect.Quote(_table) : "(" + _config.Query + ") AS " + _dialect.Quote("oc_query");
        var sql = new StringBuilder("SELECT * FROM ").Append(from);
        var inc = _incrementingColumn is null ? null : _dialect.Quote(_incrementingColumn);
        var ts = _timestampColumns.Count switch
        {
            0 => null,
            1 => _dialect.Quote(_timestampColumns[0]),
            _ => "COALESCE(" + string.Join(", ", _timestampColumns.Select(_dialect.Quote)) + ")",
        };
        var before = _dialect.NowMinusDelay;
        switch (_config.Mode)
        {
            case JdbcSourceConfig.ModeIncrementing:
                sql.Append(" WHERE ").Append(inc).Append(" > @inc ORDER BY ").Append(inc).Append(" ASC");
                break;
            case JdbcSourceConfig.ModeTimestamp:
                sql.Append(" WHERE ").Append(ts).Append(" > @ts AND ").Append(ts).Append(" < ").Append(before).Append(" ORDER BY ").Append(ts).Append(" ASC");
                break;
            case JdbcSourceConfig.ModeTimestampIncrementing:
                sql.Append(" WHERE ").Append(ts).Append(" < ").Append(before).Append(" AND ((")
                    .Append(ts).Append(" = @ts AND ").Append(inc).Append(" > @inc) OR ").Append(ts).Append(" > @ts) ORDER BY ")
                    .Append(ts).Append(" ASC, ").Append(inc).Append(" ASC");
                break;
        }

        return sql.ToString();
    }

    private DateTime RowTimestamp()
    {
        foreach (var ordinal in _timestampOrdinals)
        {
            if (!_reader!.IsDBNull(ordinal))
            {
                return SourceColumns.ToUtc(_reader.GetValue(ordinal), _dialect.Timezone);
            }
        }

        throw new DataException($"Every timestamp column ({string.Join(", ", _timestampColumns)}) of a row of {Name} is null; the row cannot be tracked.");
    }

    private int Ordinal(string column, string key)
    {
        for (var i = 0; i < _reader!.FieldCount; i++)
        {
            if (_reader.GetName(i) == column)
            {
                return i;
            }
        }

        throw new ConnectException($"{Name} has no column \"{column}\" named by '{key}'.");
    }

    private async Task ValidateNonNullAsync(CancellationToken cancellationToken)
    {
        if (!_config.GetBoolean(JdbcSourceConfig.ValidateNonNullConfig))
        {
            return;
        }

        var schema = (await _reader!.GetColumnSchemaAsync(cancellationToken).ConfigureAwait(false)).ToArray();
        if (_incrementingOrdinal >= 0 && schema[_incrementingOrdinal].AllowDBNull == true)
        {
            throw new ConnectException(
                $"Cannot make incremental queries using incrementing column \"{_incrementingColumn}\" on {Name} because this column is nullable (set '{JdbcSourceConfig.ValidateNonNullConfig}=false' to skip this check).");
        }

        if (_timestampOrdinals.Length > 0 && _timestampOrdinals.All(o => schema[o].AllowDBNull == true))
        {
            throw new ConnectException(
                $"Cannot make incremental queries using timestamp columns [{string.Join(", ", _timestampColumns)}] on {Name} because all of these columns are nullable (set '{JdbcSourceConfig.ValidateNonNullConfig}=false' to skip this check).");
        }
    }

    private static long FloorDiv(long value, long divisor) => (value / divisor) - ((value % divisor) < 0 ? 1 : 0);
}
