using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace OrleansConnect.Plugins.Http;

/// <summary>
/// Puts an OAuth2 bearer token on every attempt, fetched with the client credentials grant and kept until it expires
/// or the endpoint answers 401, after which the next attempt (a retry) fetches a new one. It sits under the retry
/// handler, so a token endpoint that fails is retried like the request itself.
/// </summary>
internal sealed class OAuth2Handler(OAuth2Settings settings, HttpMessageInvoker tokenClient, TimeProvider time) : DelegatingHandler
{
    // Refresh a little before the server's expiry, so a token never expires between fetch and use.
    private static readonly TimeSpan ExpiryMargin = TimeSpan.FromSeconds(30);
    private readonly SemaphoreSlim _lock = new(1, 1);
    private string? _token;
    private DateTimeOffset _expires;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var token = await TokenAsync(cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            Interlocked.CompareExchange(ref _token, null, token);
        }

        return response;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _lock.Dispose();
            tokenClient.Dispose();
        }

        base.Dispose(disposing);
    }

    private async Task<string> TokenAsync(CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_token is { } cached && time.GetUtcNow() < _expires)
            {
                return cached;
            }

            var form = new List<KeyValuePair<string, string>> { new("grant_type", "client_credentials") };
            if (!string.IsNullOrEmpty(settings.Scope))
            {
                form.Add(new("scope", settings.Scope));
            }

            if (!settings.CredentialsInHeader)
            {
                form.Add(new("client_id", settings.ClientId));
                form.Add(new("client_secret", settings.ClientSecret.Value));
            }

            using var request = new HttpRequestMessage(HttpMethod.Post, settings.TokenUrl) { Content = new FormUrlEncodedContent(form) };
            if (settings.CredentialsInHeader)
            {
                // RFC 6749 2.3.1: the client id and secret are form-encoded before they are joined.
                var credentials = Uri.EscapeDataString(settings.ClientId) + ":" + Uri.EscapeDataString(settings.ClientSecret.Value);
                request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
            }

            using var response = await tokenClient.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new HttpRequestException($"The OAuth2 token endpoint {settings.TokenUrl} answered {(int)response.StatusCode}: {Snippet(body)}", null, response.StatusCode);
            }

            string token;
            long? expiresIn;
            try
            {
                using var json = JsonDocument.Parse(body);
                token = json.RootElement.TryGetProperty(settings.TokenProperty, out var t) && t.ValueKind == JsonValueKind.String
                    ? t.GetString()!
                    : throw new HttpRequestException($"The OAuth2 token response of {settings.TokenUrl} has no string property '{settings.TokenProperty}' (oauth2.token.property)");
                expiresIn = json.RootElement.TryGetProperty("expires_in", out var e) && e.TryGetInt64(out var seconds) ? seconds : null;
            }
            catch (JsonException e)
            {
                throw new HttpRequestException($"The OAuth2 token response of {settings.TokenUrl} is not JSON: {e.Message}", e);
            }

            _token = token;
            _expires = expiresIn is { } s ? time.GetUtcNow() + TimeSpan.FromSeconds(s) - ExpiryMargin : DateTimeOffset.MaxValue;
            return token;
        }
        finally
        {
            _lock.Release();
        }
    }

    private static string Snippet(string body) => body.Length <= 200 ? body : body[..200] + "...";
}
