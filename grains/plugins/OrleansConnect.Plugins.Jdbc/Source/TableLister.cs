using System.Text.RegularExpressions;
using Npgsql;

namespace OrleansConnect.Plugins.Jdbc.Source;

/// <summary>Finds the tables a source connector reads: the catalog's relations of <c>table.types</c>, then the configured filters.</summary>
internal static class TableLister
{
    private const string Sql = """
        SELECT n.nspname, c.relname
        FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind::text = ANY(@kinds)
          AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_toast%'
          AND (@pattern::text IS NULL OR n.nspname LIKE @pattern::text)
          AND has_table_privilege(c.oid, 'SELECT')
        ORDER BY n.nspname, c.relname
        """;

    public static async Task<IReadOnlyList<TableId>> ListAsync(NpgsqlConnection connection, JdbcSourceConfig config, CancellationToken cancellationToken)
    {
        var kinds = config.GetList(JdbcSourceConfig.TableTypesConfig).Select(t => t.ToUpperInvariant() switch
        {
            "TABLE" => "r",
            "VIEW" => "v",
            "PARTITIONED TABLE" => "p",
            _ => "m",
        }).ToArray();
        var tables = new List<TableId>();
        await using (var command = new NpgsqlCommand(Sql, connection))
        {
            command.Parameters.AddWithValue("kinds", kinds);
            command.Parameters.Add(new NpgsqlParameter("pattern", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)config.GetString(JdbcSourceConfig.SchemaPatternConfig) ?? DBNull.Value });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                tables.Add(new TableId(reader.GetString(0), reader.GetString(1)));
            }
        }

        return Filter(tables, config);
    }

    public static IReadOnlyList<TableId> Filter(IEnumerable<TableId> tables, JdbcSourceConfig config)
    {
        var whitelist = config.GetList(JdbcSourceConfig.TableWhitelistConfig);
        var blacklist = config.GetList(JdbcSourceConfig.TableBlacklistConfig);
        var include = Regexes(config.GetList(JdbcSourceConfig.TableIncludeListConfig));
        var exclude = Regexes(config.GetList(JdbcSourceConfig.TableExcludeListConfig));
        return tables
            .Where(t => whitelist.Count == 0 || whitelist.Any(w => Names(t, w)))
            .Where(t => !blacklist.Any(b => Names(t, b)))
            .Where(t => include.Count == 0 || include.Any(r => r.IsMatch(t.ToString())))
            .Where(t => !exclude.Any(r => r.IsMatch(t.ToString())))
            .ToArray();
    }

    private static bool Names(TableId table, string entry) => entry == table.Name || entry == table.ToString();

    private static List<Regex> Regexes(IReadOnlyList<string> patterns) =>
        patterns.Select(p => new Regex("^(?:" + p + ")$", RegexOptions.None, TimeSpan.FromSeconds(1))).ToList();
}
