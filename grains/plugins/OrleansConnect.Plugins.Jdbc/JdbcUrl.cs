using System.Globalization;
using Npgsql;
using OrleansConnect.Plugins.Config;

namespace OrleansConnect.Plugins.Jdbc;

/// <summary>
/// Reads a PostgreSQL JDBC URL (<c>jdbc:postgresql://host[:port][,host2[:port2]]/database?user=..&amp;password=..</c>,
/// or <c>jdbc:postgresql:database</c> for localhost) into an Npgsql connection string. Only the URL parameters with an
/// Npgsql equivalent are accepted; any other is a config error naming <c>connection.url</c>, so a setting such as
/// <c>sslmode</c> is never silently dropped. Messages never repeat the URL, which may hold a password.
/// </summary>
internal static class JdbcUrl
{
    private const string Prefix = "jdbc:postgresql:";

    public static readonly IReadOnlyList<string> SupportedParameters =
        ["user", "password", "ssl", "sslmode", "currentSchema", "ApplicationName", "applicationName", "connectTimeout", "socketTimeout", "targetServerType"];

    public static NpgsqlConnectionStringBuilder Parse(string key, string url)
    {
        if (!url.StartsWith(Prefix, StringComparison.Ordinal))
        {
            throw Invalid(key, "it must start with '" + Prefix + "', 'jdbc:mysql://' or 'jdbc:mariadb://'");
        }

        var rest = url[Prefix.Length..];
        var query = string.Empty;
        var question = rest.IndexOf('?', StringComparison.Ordinal);
        if (question >= 0)
        {
            query = rest[(question + 1)..];
            rest = rest[..question];
        }

        var builder = new NpgsqlConnectionStringBuilder();
        string database;
        if (rest.StartsWith("//", StringComparison.Ordinal))
        {
            var slash = rest.IndexOf('/', 2);
            var hosts = slash < 0 ? rest[2..] : rest[2..slash];
            database = slash < 0 ? string.Empty : rest[(slash + 1)..];
            builder.Host = hosts.Length == 0 ? "localhost" : ParseHosts(key, hosts);
        }
        else
        {
            builder.Host = "localhost";
            database = rest;
        }

        if (database.Length > 0)
        {
            builder.Database = Uri.UnescapeDataString(database);
        }

        foreach (var (name, value) in JdbcUrl.QueryParameters(query))
        {
            Apply(key, builder, name, value);
        }

        return builder;
    }

    /// <summary>A URL's query string as name/value pairs, unescaped as Java's URL decoder does (<c>+</c> is a space in values).</summary>
    public static IEnumerable<(string Name, string Value)> QueryParameters(string query)
    {
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            yield return (
                Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]),
                equals < 0 ? string.Empty : Uri.UnescapeDataString(pair[(equals + 1)..].Replace('+', ' ')));
        }
    }

    private static string ParseHosts(string key, string hosts)
    {
        // Npgsql takes the same comma-separated host[:port] list; check each port so a typo is a config error.
        foreach (var host in hosts.Split(','))
        {
            var colon = host.LastIndexOf(':');
            if (host.Length == 0 || (colon >= 0 && !int.TryParse(host[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out _)))
            {
                throw Invalid(key, "a host must be host or host:port");
            }
        }

        return hosts;
    }

    private static void Apply(string key, NpgsqlConnectionStringBuilder builder, string name, string value)
    {
        switch (name)
        {
            case "user":
                builder.Username = value;
                break;
            case "password":
                builder.Password = value;
                break;
            case "ssl":
                builder.SslMode = value is "" or "true" ? SslMode.Require : SslMode.Disable;
                break;
            case "sslmode":
                builder.SslMode = value switch
                {
                    "disable" => SslMode.Disable,
                    "allow" => SslMode.Allow,
                    "prefer" => SslMode.Prefer,
                    "require" => SslMode.Require,
                    "verify-ca" => SslMode.VerifyCA,
                    "verify-full" => SslMode.VerifyFull,
                    _ => throw Invalid(key, "sslmode must be disable, allow, prefer, require, verify-ca or verify-full"),
                };
                break;
            case "currentSchema":
                builder.SearchPath = value;
                break;
            case "ApplicationName" or "applicationName":
                builder.ApplicationName = value;
                break;
            case "connectTimeout":
                builder.Timeout = ParseSeconds(key, name, value);
                break;
            case "socketTimeout":
                builder.CommandTimeout = ParseSeconds(key, name, value);
                break;
            case "targetServerType":
                builder.TargetSessionAttributes = value switch
                {
                    "any" => "any",
                    "primary" or "master" => "primary",
                    "secondary" or "slave" => "standby",
                    "preferSecondary" or "preferSlave" => "prefer-standby",
                    "preferPrimary" => "prefer-primary",
                    _ => throw Invalid(key, "targetServerType must be any, primary, secondary, preferSecondary or preferPrimary"),
                };
                break;
            default:
                throw Invalid(key, $"the URL parameter '{name}' is not supported; supported: {string.Join(", ", SupportedParameters)}");
        }
    }

    private static int ParseSeconds(string key, string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? seconds
            : throw Invalid(key, $"the URL parameter '{name}' must be a number of seconds");

    private static ConfigException Invalid(string key, string reason) =>
        new($"Invalid value [hidden] for configuration {key}: {reason}") { Name = key };
}
