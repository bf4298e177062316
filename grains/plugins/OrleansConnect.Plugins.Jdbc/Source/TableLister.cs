using System.Data.Common;
using System.Text.RegularExpressions;
using OrleansConnect.Plugins.Jdbc.Dialects;

namespace OrleansConnect.Plugins.Jdbc.Source;

/// <summary>Finds the tables a source connector reads: the catalog's relations of <c>table.types</c>, then the configured filters.</summary>
internal static class TableLister
{
    public static async Task<IReadOnlyList<TableId>> ListAsync(JdbcDialect dialect, DbConnection connection, JdbcSourceConfig config, CancellationToken cancellationToken) =>
        Filter(await dialect.ListTablesAsync(connection, config, cancellationToken).ConfigureAwait(false), config);

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
