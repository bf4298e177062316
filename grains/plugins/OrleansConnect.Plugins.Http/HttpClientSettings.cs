using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.Http.Sink;

namespace OrleansConnect.Plugins.Http;

/// <summary>What <see cref="HttpClients"/> needs to build a client: timeouts, retries and authentication.</summary>
internal sealed record HttpClientSettings
{
    public required TimeSpan ConnectTimeout { get; init; }

    public required TimeSpan RequestTimeout { get; init; }

    public required int MaxRetries { get; init; }

    public required TimeSpan RetryBackoff { get; init; }

    public required bool ExponentialBackoff { get; init; }

    public required StatusCodeRanges RetryOnStatusCodes { get; init; }

    /// <summary>NONE, BASIC or OAUTH2.</summary>
    public required string AuthType { get; init; }

    public string? User { get; init; }

    public Password? Password { get; init; }

    public OAuth2Settings? OAuth2 { get; init; }

    public static HttpClientSettings Of(HttpSinkConfig config) => new()
    {
        ConnectTimeout = TimeSpan.FromMilliseconds(config.GetInt(HttpSinkConfig.ConnectTimeoutMsConfig)),
        RequestTimeout = TimeSpan.FromMilliseconds(config.GetInt(HttpSinkConfig.RequestTimeoutMsConfig)),
        MaxRetries = config.GetInt(HttpSinkConfig.MaxRetriesConfig),
        RetryBackoff = TimeSpan.FromMilliseconds(config.GetInt(HttpSinkConfig.RetryBackoffMsConfig)),
        ExponentialBackoff = string.Equals(config.GetString(HttpSinkConfig.RetryBackoffPolicyConfig), HttpSinkConfig.BackoffExponentialWithJitter, StringComparison.OrdinalIgnoreCase),
        RetryOnStatusCodes = config.RetryOnStatusCodes,
        AuthType = config.AuthType,
        User = config.GetString(HttpSinkConfig.ConnectionUserConfig),
        Password = config.GetPassword(HttpSinkConfig.ConnectionPasswordConfig),
        OAuth2 = config.AuthType != HttpSinkConfig.AuthOAuth2 ? null : new OAuth2Settings(
            new Uri(config.GetString(HttpSinkConfig.OAuth2TokenUrlConfig)!),
            config.GetString(HttpSinkConfig.OAuth2ClientIdConfig)!,
            config.GetPassword(HttpSinkConfig.OAuth2ClientSecretConfig)!,
            config.GetString(HttpSinkConfig.OAuth2TokenPropertyConfig)!,
            config.GetString(HttpSinkConfig.OAuth2ClientScopeConfig),
            string.Equals(config.GetString(HttpSinkConfig.OAuth2ClientAuthModeConfig), HttpSinkConfig.ClientAuthHeader, StringComparison.OrdinalIgnoreCase)),
    };
}

/// <summary>The client credentials grant: where to ask for a token and as whom.</summary>
internal sealed record OAuth2Settings(Uri TokenUrl, string ClientId, Password ClientSecret, string TokenProperty, string? Scope, bool CredentialsInHeader);
