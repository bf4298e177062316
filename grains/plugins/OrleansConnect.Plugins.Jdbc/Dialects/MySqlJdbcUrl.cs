using System.Globalization;
using MySqlConnector;
using OrleansConnect.Plugins.Config;

namespace OrleansConnect.Plugins.Jdbc.Dialects;

/// <summary>
/// Reads a MySQL or MariaDB JDBC URL (<c>jdbc:mysql://host[:port][,host2[:port]]/database?user=..&amp;password=..</c>,
/// or the same with <c>jdbc:mariadb:</c>) into a MySqlConnector connection string. As for PostgreSQL, only parameters
/// with an equivalent are accepted and any other is a config error naming <c>connection.url</c>; messages never
/// repeat the URL, which may hold a password. <c>connectTimeout</c> and <c>socketTimeout</c> are milliseconds, as
/// Connector/J and the MariaDB driver read them.
/// </summary>
internal static class MySqlJdbcUrl
{
    public static readonly IReadOnlyList<string> Prefixes = ["jdbc:mysql://", "jdbc:mariadb://"];

    public static readonly IReadOnlyList<string> SupportedParameters =
        ["user", "password", "useSSL", "requireSSL", "sslMode", "sslmode", "connectTimeout", "socketTimeout", "allowPublicKeyRetrieval", "useUnicode", "characterEncoding"];

    public static bool Accepts(string url) => Prefixes.Any(p => url.StartsWith(p, StringComparison.Ordinal));

    public static MySqlConnectionStringBuilder Parse(string key, string url)
    {
        var prefix = Prefixes.FirstOrDefault(p => url.StartsWith(p, StringComparison.Ordinal))
            ?? throw Invalid(key, "it must start with " + string.Join(" or ", Prefixes));
        var rest = url[prefix.Length..];
        var query = string.Empty;
        var question = rest.IndexOf('?', StringComparison.Ordinal);
        if (question >= 0)
        {
            query = rest[(question + 1)..];
            rest = rest[..question];
        }

        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var hosts = slash < 0 ? rest : rest[..slash];
        var database = slash < 0 ? string.Empty : rest[(slash + 1)..];
        var builder = new MySqlConnectionStringBuilder();
        ParseHosts(key, hosts, builder);
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

    private static void ParseHosts(string key, string hosts, MySqlConnectionStringBuilder builder)
    {
        if (hosts.Length == 0)
        {
            builder.Server = "localhost";
            return;
        }

        // MySqlConnector takes several hosts (tried in order) but one port for all of them.
        var names = new List<string>();
        uint? port = null;
        foreach (var host in hosts.Split(','))
        {
            var colon = host.LastIndexOf(':');
            var name = colon < 0 ? host : host[..colon];
            if (name.Length == 0)
            {
                throw Invalid(key, "a host must be host or host:port");
            }

            if (colon >= 0)
            {
                if (!uint.TryParse(host[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var p) || p is 0 or > 65535)
                {
                    throw Invalid(key, "a host must be host or host:port");
                }

                if (port is not null && port != p)
                {
                    throw Invalid(key, "all hosts must use the same port");
                }

                port = p;
            }

            names.Add(name);
        }

        builder.Server = string.Join(',', names);
        builder.Port = port ?? 3306;
    }

    private static void Apply(string key, MySqlConnectionStringBuilder builder, string name, string value)
    {
        switch (name)
        {
            case "user":
                builder.UserID = value;
                break;
            case "password":
                builder.Password = value;
                break;
            case "useSSL" or "requireSSL":
                builder.SslMode = value is "" or "true" ? MySqlSslMode.Required : MySqlSslMode.None;
                break;
            case "sslMode" or "sslmode":
                builder.SslMode = value.ToUpperInvariant() switch
                {
                    "DISABLED" or "DISABLE" => MySqlSslMode.None,
                    "PREFERRED" => MySqlSslMode.Preferred,
                    "REQUIRED" or "TRUST" => MySqlSslMode.Required,
                    "VERIFY_CA" or "VERIFY-CA" => MySqlSslMode.VerifyCA,
                    "VERIFY_IDENTITY" or "VERIFY-FULL" => MySqlSslMode.VerifyFull,
                    _ => throw Invalid(key, "sslMode must be DISABLED, PREFERRED, REQUIRED, VERIFY_CA or VERIFY_IDENTITY (or the MariaDB driver's disable, trust, verify-ca, verify-full)"),
                };
                break;
            case "connectTimeout":
                builder.ConnectionTimeout = Seconds(key, name, value);
                break;
            case "socketTimeout":
                builder.DefaultCommandTimeout = Seconds(key, name, value);
                break;
            case "allowPublicKeyRetrieval":
                builder.AllowPublicKeyRetrieval = value is "" or "true";
                break;
            case "useUnicode" when value is "" or "true":
            case "characterEncoding" when value.ToUpperInvariant() is "UTF-8" or "UTF8" or "UTF8MB4":
                // MySqlConnector always talks utf8mb4.
                break;
            case "useUnicode" or "characterEncoding":
                throw Invalid(key, $"the URL parameter '{name}' must be UTF-8: every connection uses utf8mb4");
            default:
                throw Invalid(key, $"the URL parameter '{name}' is not supported; supported: {string.Join(", ", SupportedParameters)}");
        }
    }

    // Connector/J's timeouts are milliseconds, MySqlConnector's seconds: rounded up, so a short timeout never becomes none (0).
    private static uint Seconds(string key, string name, string value) =>
        uint.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            ? (ms + 999) / 1000
            : throw Invalid(key, $"the URL parameter '{name}' must be a number of milliseconds");

    private static ConfigException Invalid(string key, string reason) =>
        new($"Invalid value [hidden] for configuration {key}: {reason}") { Name = key };
}
