using System.Data.Common;
using OrleansConnect.Plugins.Data;
using OrleansConnect.Plugins.Errors;
using OrleansConnect.Plugins.Jdbc.Dialects;
using OrleansConnect.Plugins.Sink;

namespace OrleansConnect.Plugins.Jdbc.Sink;

/// <summary>
/// The task of <see cref="JdbcSinkConnector"/>. Each put is written in order in one transaction, in round trips of up
/// to <c>batch.size</c> statements, and committed before the put returns, so the runtime's offset commit always
/// follows durable rows. A failed statement rolls the whole put back and becomes a <see cref="RetriableException"/>
/// (the runtime redelivers the batch after <c>retry.backoff.ms</c>) up to <c>max.retries</c> times in a row, then a
/// <see cref="ConnectException"/> that fails the task. Losing the database connection always retries, without
/// counting, so the task recovers when the database is back.
/// </summary>
public sealed class JdbcSinkTask : SinkTask
{
    private readonly Dictionary<(string Table, Schema? Key, Schema? Value), FieldsMetadata> _fields = [];
    // Set by StartAsync, which the runtime calls before any other method.
    private JdbcSinkConfig _config = null!;
    private JdbcDialect _dialect = null!;
    private TableManager _tables = null!;
    private DbDataSource? _dataSource;
    private DbConnection? _connection;
    private int _remainingRetries;

    public override Task StartAsync(IReadOnlyDictionary<string, string> props, CancellationToken cancellationToken)
    {
        _config = new JdbcSinkConfig(props);
        _dialect = JdbcDialect.For(_config);
        _tables = new TableManager(_config, _dialect);
        _remainingRetries = _config.GetInt(JdbcSinkConfig.MaxRetriesConfig);
        _dataSource = _dialect.CreateDataSource(_config);
        return Task.CompletedTask;
    }

    public override async Task PutAsync(IReadOnlyCollection<SinkRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count == 0)
        {
            return;
        }

        try
        {
            _connection ??= await JdbcConnectionConfig.OpenAsync(_dialect, _dataSource!, cancellationToken).ConfigureAwait(false);
            await WriteAsync(_connection, records, cancellationToken).ConfigureAwait(false);
            _remainingRetries = _config.GetInt(JdbcSinkConfig.MaxRetriesConfig);
        }
        catch (Exception e) when (JdbcErrors.IsDatabaseError(e) && !cancellationToken.IsCancellationRequested)
        {
            await ResetAsync().ConfigureAwait(false);
            var backoff = _config.GetInt(JdbcSinkConfig.RetryBackoffMsConfig);
            if (JdbcErrors.IsConnectionFailure(e))
            {
                Context.Timeout(backoff);
                throw new RetriableException("Lost the database connection while writing, will retry: " + e.Message, e);
            }

            if (_remainingRetries <= 0)
            {
                throw new ConnectException($"Writing {records.Count} records failed after {_config.GetInt(JdbcSinkConfig.MaxRetriesConfig)} retries: {e.Message}", e);
            }

            _remainingRetries--;
            Context.Timeout(backoff);
            throw new RetriableException($"Writing {records.Count} records failed, will retry ({_remainingRetries} retries left): {e.Message}", e);
        }
        catch (RetriableException)
        {
            await ResetAsync().ConfigureAwait(false);
            Context.Timeout(_config.GetInt(JdbcSinkConfig.RetryBackoffMsConfig));
            throw;
        }
        catch
        {
            await ResetAsync().ConfigureAwait(false);
            throw;
        }
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

    private async Task WriteAsync(DbConnection connection, IReadOnlyCollection<SinkRecord> records, CancellationToken cancellationToken)
    {
        var batchSize = Math.Max(1, _config.GetInt(JdbcSinkConfig.BatchSizeConfig));
        var deleteEnabled = _config.GetBoolean(JdbcSinkConfig.DeleteEnabledConfig);
        var format = _config.GetString(JdbcSinkConfig.TableNameFormatConfig)!;
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var batch = NewBatch(connection, transaction);
        try
        {
            foreach (var record in records)
            {
                var tableName = format.Replace("${topic}", record.Topic, StringComparison.Ordinal);
                var table = TableId.Parse(tableName);
                var tombstone = record.Value is null;
                if (tombstone && !deleteEnabled)
                {
                    throw new DataException(
                        $"Sink connector is configured with '{JdbcSinkConfig.DeleteEnabledConfig}=false' and '{JdbcSinkConfig.PkModeConfig}={_config.PkMode}' and therefore requires records with a non-null Struct value and non-null Struct schema, but found record at (topic='{record.Topic}',partition={record.KafkaPartition},offset={record.KafkaOffset}) with a null value.");
                }

                if (!tombstone && (record.ValueSchema is not { Type: SchemaType.Struct } || record.Value is not Struct))
                {
                    throw new DataException(
                        $"Sink connector requires records with a non-null Struct value and non-null Struct schema, but found record at (topic='{record.Topic}',partition={record.KafkaPartition},offset={record.KafkaOffset}) with a {record.Value?.GetType().Name ?? "null"} value and {(record.ValueSchema is null ? "null" : record.ValueSchema.ToString())} value schema.");
                }

                var fields = Fields(tableName, record);
                if (!tombstone)
                {
                    // Statements still queued in the batch never need the DDL this may run: they were checked against the
                    // table before, and a new column or table is only used by this record and later ones.
                    await _tables.EnsureAsync(connection, transaction, table, fields, cancellationToken).ConfigureAwait(false);
                }

                if (Command(batch, table, fields, record, tombstone) is { } command)
                {
                    batch.BatchCommands.Add(command);
                }

                if (batch.BatchCommands.Count >= batchSize)
                {
                    await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                    await batch.DisposeAsync().ConfigureAwait(false);
                    batch = NewBatch(connection, transaction);
                }
            }

            if (batch.BatchCommands.Count > 0)
            {
                await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            await batch.DisposeAsync().ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private FieldsMetadata Fields(string tableName, SinkRecord record)
    {
        var key = (tableName, record.KeySchema, record.ValueSchema);
        if (!_fields.TryGetValue(key, out var fields))
        {
            fields = FieldsMetadata.For(_config, tableName, record.KeySchema, record.ValueSchema);
            _fields[key] = fields;
        }

        return fields;
    }

    private static DbBatch NewBatch(DbConnection connection, DbTransaction transaction)
    {
        var batch = connection.CreateBatch();
        batch.Transaction = transaction;
        return batch;
    }

    private DbBatchCommand? Command(DbBatch batch, TableId table, FieldsMetadata fields, SinkRecord record, bool tombstone)
    {
        string? sql;
        IEnumerable<SinkColumn> parameters;
        if (tombstone)
        {
            sql = Statements.Delete(_dialect, table, fields);
            parameters = fields.KeyColumns;
        }
        else if (_config.InsertMode == JdbcSinkConfig.InsertModeUpdate)
        {
            sql = Statements.Update(_dialect, table, fields);
            parameters = fields.ValueColumns.Concat(fields.KeyColumns);
        }
        else
        {
            sql = Statements.Insert(_dialect, table, fields, _config.InsertMode == JdbcSinkConfig.InsertModeUpsert);
            parameters = fields.AllColumns;
        }

        if (sql is null)
        {
            return null;
        }

        var command = batch.CreateBatchCommand();
        command.CommandText = sql;
        foreach (var column in parameters)
        {
            command.Parameters.Add(_dialect.Parameter(column.Schema, column.Value(record)));
        }

        return command;
    }

    private async Task ResetAsync()
    {
        _tables?.Clear();
        if (_connection is not null)
        {
            try
            {
                await _connection.DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (JdbcErrors.IsDatabaseError(e))
            {
                // Already broken; the next put opens a new one.
            }

            _connection = null;
        }
    }
}
