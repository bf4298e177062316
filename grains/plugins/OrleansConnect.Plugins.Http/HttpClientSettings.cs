using OrleansConnect.Plugins.Config;

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
}

/// <summary>The client credentials grant: where to ask for a token and as whom.</summary>
internal sealed record OAuth2Settings(Uri TokenUrl, string ClientId, Password ClientSecret, string TokenProperty, string? Scope, bool CredentialsInHeader);
