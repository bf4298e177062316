using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Timeout;

namespace OrleansConnect.Plugins.Http;

/// <summary>
/// Builds the connector's HttpClient: Polly's HTTP retry (max.retries, retry.backoff.ms, Retry-After honoured) around a
/// per-attempt timeout, then the authentication, then the socket handler with the connect timeout.
/// </summary>
internal static class HttpClients
{
    public static HttpClient Create(HttpClientSettings settings, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        // No proxy, not even from HTTP_PROXY: Confluent's connectors use one only when http.proxy.* says so (not yet here).
        HttpMessageHandler inner = new SocketsHttpHandler { ConnectTimeout = settings.ConnectTimeout, PooledConnectionLifetime = TimeSpan.FromMinutes(5), UseProxy = false };
        if (settings.OAuth2 is { } oauth)
        {
            var tokenClient = new HttpClient(new SocketsHttpHandler { ConnectTimeout = settings.ConnectTimeout, UseProxy = false }) { Timeout = settings.RequestTimeout };
            inner = new OAuth2Handler(oauth, tokenClient, time ?? TimeProvider.System) { InnerHandler = inner };
        }

        var client = new HttpClient(new ResilienceHandler(Pipeline(settings)) { InnerHandler = inner }) { Timeout = Timeout.InfiniteTimeSpan };
        if (settings.AuthType == HttpClientConfig.AuthBasic)
        {
            var credentials = settings.User + ":" + settings.Password?.Value;
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
        }

        return client;
    }

    /// <summary>Adds configured headers; content headers (Content-Type, ...) go on the body and replace its own.</summary>
    internal static void AddHeaders(HttpRequestMessage request, IEnumerable<KeyValuePair<string, string>> headers)
    {
        foreach (var (name, value) in headers)
        {
            if (!request.Headers.TryAddWithoutValidation(name, value) && request.Content is { } content)
            {
                content.Headers.Remove(name);
                content.Headers.TryAddWithoutValidation(name, value);
            }
        }
    }

    /// <summary>Whether an attempt's outcome is retried: a failure to reach the endpoint, a timeout, or a listed code.</summary>
    internal static bool ShouldRetry(HttpClientSettings settings, Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException or TimeoutRejectedException } => true,
        { Result: { IsSuccessStatusCode: false } response } =>
            response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests
            || settings.RetryOnStatusCodes.Contains((int)response.StatusCode),
        _ => false,
    };

    private static ResiliencePipeline<HttpResponseMessage> Pipeline(HttpClientSettings settings)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage>();
        if (settings.MaxRetries > 0)
        {
            builder.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = settings.MaxRetries,
                Delay = settings.RetryBackoff,
                BackoffType = settings.ExponentialBackoff ? DelayBackoffType.Exponential : DelayBackoffType.Constant,
                UseJitter = settings.ExponentialBackoff,
                ShouldRetryAfterHeader = true,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(settings, args.Outcome)),
            });
        }

        // Inside the retry, so each attempt gets the whole timeout and a timed-out attempt is retried.
        return builder.AddTimeout(settings.RequestTimeout).Build();
    }
}
