using System.Collections.Immutable;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace OrleansConnect.Grains.Hosting;

/// <summary>
/// The log levels set at runtime on this silo (Kafka's <c>/admin/loggers</c>). Each becomes a logging filter rule
/// added after the configured ones, and setting one signals <see cref="LoggerFilterOptions"/> to reload, so every
/// logger picks it up at once. A logger name is a category prefix, as Kafka's logger namespaces; <c>root</c> is the
/// default rule. Provider-specific configured levels (<c>Logging:Console:LogLevel</c>) still win for their provider.
/// </summary>
internal sealed class LogLevels(IConfiguration configuration, TimeProvider time)
    : IPostConfigureOptions<LoggerFilterOptions>, IOptionsChangeTokenSource<LoggerFilterOptions>
{
    public const string Root = "root";
    private const string ConfigurationSection = "Logging:LogLevel";
    private const string ConfigurationDefault = "Default";

    private static readonly ImmutableArray<(string Name, LogLevel Level)> Names =
    [
        ("TRACE", LogLevel.Trace), ("DEBUG", LogLevel.Debug), ("INFO", LogLevel.Information), ("WARN", LogLevel.Warning),
        ("ERROR", LogLevel.Error), ("FATAL", LogLevel.Critical), ("OFF", LogLevel.None),
    ];

    private readonly Lock _gate = new();
    private ImmutableDictionary<string, (LogLevel Level, long LastModified)> _set = ImmutableDictionary.Create<string, (LogLevel, long)>(StringComparer.Ordinal);
    private CancellationTokenSource _changed = new();

    public string? Name => Options.DefaultName;

    /// <summary>Reads Kafka's level name (any case); null when it is not one.</summary>
    public static LogLevel? Parse(string level) =>
        Names.Where(n => string.Equals(n.Name, level, StringComparison.OrdinalIgnoreCase)).Select(n => (LogLevel?)n.Level).FirstOrDefault();

    public IChangeToken GetChangeToken()
    {
        lock (_gate)
        {
            return new CancellationChangeToken(_changed.Token);
        }
    }

    public void PostConfigure(string? name, LoggerFilterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        // Added last, so they win over configured rules of the same category (the last matching rule is used).
        foreach (var (logger, (level, _)) in _set.OrderBy(p => p.Key.Length))
        {
            options.Rules.Add(new LoggerFilterRule(null, logger == Root ? null : logger, level, null));
        }
    }

    /// <summary>The explicitly set loggers: configured ones, overridden by those set at runtime; root always.</summary>
    public ImmutableArray<LoggerLevel> List()
    {
        var levels = new Dictionary<string, LoggerLevel>(StringComparer.Ordinal)
        {
            [Root] = new(Root, KafkaName(LogLevel.Information), null),
        };
        foreach (var entry in configuration.GetSection(ConfigurationSection).GetChildren())
        {
            if (Enum.TryParse<LogLevel>(entry.Value, ignoreCase: true, out var level))
            {
                var logger = entry.Key == ConfigurationDefault ? Root : entry.Key;
                levels[logger] = new LoggerLevel(logger, KafkaName(level), null);
            }
        }

        foreach (var (logger, (level, modified)) in _set)
        {
            levels[logger] = new LoggerLevel(logger, KafkaName(level), modified);
        }

        return [.. levels.Values.OrderBy(l => l.Logger, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Sets the level of a logger and of every logger set below it (Kafka sets a namespace's descendants too); root
    /// sets all. Answers the loggers changed.
    /// </summary>
    public ImmutableArray<string> Set(string logger, LogLevel level)
    {
        ImmutableArray<string> affected;
        CancellationTokenSource changed;
        lock (_gate)
        {
            var now = time.GetUtcNow().ToUnixTimeMilliseconds();
            var below = List().Select(l => l.Logger).Where(l => l != logger && (logger == Root || l.StartsWith(logger + ".", StringComparison.Ordinal)));
            affected = [.. below.Prepend(logger).Distinct().Order(StringComparer.Ordinal)];
            _set = _set.SetItems(affected.Select(l => KeyValuePair.Create(l, (level, now))));
            changed = _changed;
            _changed = new CancellationTokenSource();
        }

        // Outside the lock: listeners re-read the options, which calls PostConfigure.
        changed.Cancel();
        changed.Dispose();
        return affected;
    }

    private static string KafkaName(LogLevel level) =>
        Names.First(n => n.Level == level).Name;
}
