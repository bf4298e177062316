using OrleansConnect.Plugins.Config;

namespace OrleansConnect.Plugins.Http;

/// <summary>The keys both HTTP connectors share, as Confluent names them: timeouts, retries and authentication.</summary>
public static class HttpClientConfig
{
    public const string ConnectTimeoutMsConfig = "http.connect.timeout.ms";
    public const string RequestTimeoutMsConfig = "http.request.timeout.ms";
    public const string AuthTypeConfig = "auth.type";
    public const string ConnectionUserConfig = "connection.user";
    public const string ConnectionPasswordConfig = "connection.password";
    public const string OAuth2TokenUrlConfig = "oauth2.token.url";
    public const string OAuth2ClientIdConfig = "oauth2.client.id";
    public const string OAuth2ClientSecretConfig = "oauth2.client.secret";
    public const string OAuth2TokenPropertyConfig = "oauth2.token.property";
    public const string OAuth2ClientScopeConfig = "oauth2.client.scope";
    public const string OAuth2ClientAuthModeConfig = "oauth2.client.auth.mode";
    public const string MaxRetriesConfig = "max.retries";
    public const string RetryBackoffMsConfig = "retry.backoff.ms";
    public const string RetryBackoffPolicyConfig = "retry.backoff.policy";
    public const string RetryOnStatusCodesConfig = "retry.on.status.codes";

    public const string AuthNone = "NONE";
    public const string AuthBasic = "BASIC";
    public const string AuthOAuth2 = "OAUTH2";
    public const string ClientAuthHeader = "header";
    public const string ClientAuthUrl = "url";
    public const string BackoffConstant = "CONSTANT_VALUE";
    public const string BackoffExponentialWithJitter = "EXPONENTIAL_WITH_JITTER";

    private const string Connection = "Connection";
    private const string Authentication = "Authentication";
    private const string Retries = "Retries";

    /// <summary>Defines the shared keys.</summary>
    /// <param name="definition">The connector's definition.</param>
    /// <returns>The definition, for chaining.</returns>
    public static ConfigDef DefineClient(this ConfigDef definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return definition
            .Define(ConnectTimeoutMsConfig, ConfigType.Int, 30000, Validators.AtLeast(1), Importance.Low,
                "Milliseconds to wait for a TCP connection to the endpoint.", Connection, 20, Width.Short, "Connect Timeout (ms)")
            .Define(RequestTimeoutMsConfig, ConfigType.Int, 30000, Validators.AtLeast(1), Importance.Low,
                "Milliseconds to wait for the response to one attempt of a request; a timed-out attempt is retried.", Connection, 21, Width.Short, "Request Timeout (ms)")
            .Define(AuthTypeConfig, ConfigType.String, AuthNone, Validators.CaseInsensitiveValidString(AuthNone, AuthBasic, AuthOAuth2), Importance.High,
                "How requests authenticate: NONE, BASIC (connection.user/connection.password) or OAUTH2 (the client credentials grant).", Authentication, 1, Width.Short, "Authentication Type")
            .Define(ConnectionUserConfig, ConfigType.String, null, null, Importance.High,
                "The user name of basic authentication.", Authentication, 2, Width.Medium, "Username")
            .Define(ConnectionPasswordConfig, ConfigType.Password, null, null, Importance.High,
                "The password of basic authentication.", Authentication, 3, Width.Medium, "Password")
            .Define(OAuth2TokenUrlConfig, ConfigType.String, null, Validators.With(ValidateOptionalUrl, "an absolute http or https URL"), Importance.High,
                "The token endpoint of the OAuth2 client credentials grant.", Authentication, 4, Width.Long, "OAuth2 token URL")
            .Define(OAuth2ClientIdConfig, ConfigType.String, null, null, Importance.High,
                "The OAuth2 client id.", Authentication, 5, Width.Medium, "OAuth2 client ID")
            .Define(OAuth2ClientSecretConfig, ConfigType.Password, null, null, Importance.High,
                "The OAuth2 client secret.", Authentication, 6, Width.Medium, "OAuth2 client secret")
            .Define(OAuth2TokenPropertyConfig, ConfigType.String, "access_token", Validators.NonEmptyString(), Importance.Low,
                "The property of the token response that holds the access token.", Authentication, 7, Width.Medium, "OAuth2 token property")
            .Define(OAuth2ClientScopeConfig, ConfigType.String, "any", null, Importance.Low,
                "The scope asked for with the token; empty asks for none.", Authentication, 8, Width.Medium, "OAuth2 scope")
            .Define(OAuth2ClientAuthModeConfig, ConfigType.String, ClientAuthHeader, Validators.CaseInsensitiveValidString(ClientAuthHeader, ClientAuthUrl), Importance.Low,
                "How the client authenticates to the token endpoint: header (HTTP basic) or url (client_id and client_secret in the form body).", Authentication, 9, Width.Short, "OAuth2 client authentication mode")
            .Define(MaxRetriesConfig, ConfigType.Int, 10, Validators.AtLeast(0), Importance.Medium,
                "How many times a failed request is retried.", Retries, 1, Width.Short, "Max retries")
            .Define(RetryBackoffMsConfig, ConfigType.Int, 3000, Validators.AtLeast(0), Importance.Medium,
                "Milliseconds before the first retry (a Retry-After header of the response wins).", Retries, 2, Width.Short, "Retry backoff (ms)")
            .Define(RetryBackoffPolicyConfig, ConfigType.String, BackoffExponentialWithJitter, Validators.CaseInsensitiveValidString(BackoffConstant, BackoffExponentialWithJitter), Importance.Low,
                "CONSTANT_VALUE waits retry.backoff.ms before every retry; EXPONENTIAL_WITH_JITTER doubles it each time, with jitter.", Retries, 3, Width.Short, "Retry backoff policy")
            .Define(RetryOnStatusCodesConfig, ConfigType.String, "400-", Validators.With(ValidateStatusCodes, "codes and ranges such as 404,408,500-"), Importance.Medium,
                "The response codes that are retried: codes and inclusive ranges, comma-separated (400- is every code from 400; 400-500 includes 500). 401, 408 and 429 are always retried.", Retries, 4, Width.Medium, "Retry on status codes");
    }

    /// <summary>The errors of the authentication keys that involve more than one key, each with the key it is reported on.</summary>
    public static IEnumerable<(string Key, string Message)> CrossKeyErrors(AbstractConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var auth = config.GetString(AuthTypeConfig)!.ToUpperInvariant();
        if (auth == AuthBasic && string.IsNullOrEmpty(config.GetString(ConnectionUserConfig)))
        {
            yield return (ConnectionUserConfig, $"{AuthTypeConfig}={AuthBasic} needs '{ConnectionUserConfig}' (and '{ConnectionPasswordConfig}')");
        }

        if (auth == AuthOAuth2)
        {
            foreach (var key in new[] { OAuth2TokenUrlConfig, OAuth2ClientIdConfig })
            {
                if (string.IsNullOrEmpty(config.GetString(key)))
                {
                    yield return (key, $"{AuthTypeConfig}={AuthOAuth2} needs '{key}'");
                }
            }

            if (config.GetPassword(OAuth2ClientSecretConfig) is null)
            {
                yield return (OAuth2ClientSecretConfig, $"{AuthTypeConfig}={AuthOAuth2} needs '{OAuth2ClientSecretConfig}'");
            }
        }
    }

    /// <summary>The client settings of a parsed configuration that defined the shared keys.</summary>
    internal static HttpClientSettings Settings(AbstractConfig config)
    {
        var auth = config.GetString(AuthTypeConfig)!.ToUpperInvariant();
        return new()
        {
            ConnectTimeout = TimeSpan.FromMilliseconds(config.GetInt(ConnectTimeoutMsConfig)),
            RequestTimeout = TimeSpan.FromMilliseconds(config.GetInt(RequestTimeoutMsConfig)),
            MaxRetries = config.GetInt(MaxRetriesConfig),
            RetryBackoff = TimeSpan.FromMilliseconds(config.GetInt(RetryBackoffMsConfig)),
            ExponentialBackoff = string.Equals(config.GetString(RetryBackoffPolicyConfig), BackoffExponentialWithJitter, StringComparison.OrdinalIgnoreCase),
            RetryOnStatusCodes = StatusCodeRanges.Parse(config.GetString(RetryOnStatusCodesConfig)!),
            AuthType = auth,
            User = config.GetString(ConnectionUserConfig),
            Password = config.GetPassword(ConnectionPasswordConfig),
            OAuth2 = auth != AuthOAuth2 ? null : new OAuth2Settings(
                new Uri(config.GetString(OAuth2TokenUrlConfig)!),
                config.GetString(OAuth2ClientIdConfig)!,
                config.GetPassword(OAuth2ClientSecretConfig)!,
                config.GetString(OAuth2TokenPropertyConfig)!,
                config.GetString(OAuth2ClientScopeConfig),
                string.Equals(config.GetString(OAuth2ClientAuthModeConfig), ClientAuthHeader, StringComparison.OrdinalIgnoreCase)),
        };
    }

    /// <summary>Checks an absolute http(s) URL, with the <c>${...}</c> templates filled in (they are not valid in a host).</summary>
    internal static void ValidateUrl(string name, object? value)
    {
        if (value is not string s)
        {
            return;
        }

        var filled = System.Text.RegularExpressions.Regex.Replace(s, @"\$\{[A-Za-z]+\}", "x");
        if (!Uri.TryCreate(filled, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new ConfigException(name, value, "Not an absolute http:// or https:// URL");
        }
    }

    private static void ValidateOptionalUrl(string name, object? value)
    {
        if (value is string s && s.Length > 0)
        {
            ValidateUrl(name, value);
        }
    }

    private static void ValidateStatusCodes(string name, object? value)
    {
        if (value is string s)
        {
            _ = StatusCodeRanges.Parse(s, name);
        }
    }
}
