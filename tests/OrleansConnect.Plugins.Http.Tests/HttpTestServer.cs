using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OrleansConnect.Plugins.Http.Tests;

/// <summary>
/// A real HTTP server (Kestrel on a free loopback port) for the tests of one class. Each test takes its own
/// <see cref="ScriptedEndpoint"/> under a unique path and tells it how to misbehave: fail, be slow, rate-limit, ask for
/// credentials. <c>POST /token</c> is an OAuth2 token endpoint of the client credentials grant.
/// </summary>
public sealed class HttpTestServer : IAsyncLifetime
{
    public const string ClientId = "orleans-connect";
    public const string ClientSecret = "s3cret:with/specials";

    private readonly ConcurrentDictionary<string, ScriptedEndpoint> _endpoints = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _validTokens = new(StringComparer.Ordinal);
    private WebApplication? _app;
    private int _tokensIssued;
    private Uri? _baseAddress;

    public Uri BaseAddress => _baseAddress ?? throw new InvalidOperationException("The server has not been started.");


    public Uri TokenUrl => new(BaseAddress, "token");

    public int TokensIssued => Volatile.Read(ref _tokensIssued);

    /// <summary>The token requests, for checking how the client authenticated.</summary>
    public ConcurrentQueue<ReceivedRequest> TokenRequests { get; } = [];

    public ScriptedEndpoint Endpoint()
    {
        var endpoint = new ScriptedEndpoint(this, Guid.NewGuid().ToString("N"));
        _endpoints[endpoint.Name] = endpoint;
        return endpoint;
    }

    /// <summary>Makes every token issued so far invalid, as an expiry on the server's side would.</summary>
    public void RevokeTokens() => _validTokens.Clear();

    internal bool IsValidToken(string token) => _validTokens.ContainsKey(token);

    public async ValueTask InitializeAsync() => await StartAsync();

    public async ValueTask DisposeAsync() => await StopAsync();

    /// <summary>Starts the server: on a free port the first time, on the same port after <see cref="StopAsync"/>.</summary>
    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, _baseAddress?.Port ?? 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPost("/token", (Func<HttpContext, Task<IResult>>)TokenAsync);
        app.MapMethods("/{endpoint}/{**rest}", ["GET", "POST", "PUT", "PATCH", "DELETE"], (HttpContext context, string endpoint) =>
            _endpoints.TryGetValue(endpoint, out var scripted) ? scripted.HandleAsync(context) : Task.FromResult<IResult>(Results.NotFound()));
        await app.StartAsync();
        _baseAddress ??= new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        _app = app;
    }

    /// <summary>Stops the server, as an outage of the endpoint: connections are refused until <see cref="StartAsync"/>.</summary>
    public async Task StopAsync()
    {
        if (_app is { } app)
        {
            _app = null;
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    private async Task<IResult> TokenAsync(HttpContext context)
    {
        var request = await ReceivedRequest.ReadAsync(context);
        TokenRequests.Enqueue(request);
        var form = await context.Request.ReadFormAsync();
        string? id = form["client_id"];
        string? secret = form["client_secret"];
        if (context.Request.Headers.Authorization.ToString() is { } header && header.StartsWith("Basic ", StringComparison.Ordinal))
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..])).Split(':', 2);
            (id, secret) = (Uri.UnescapeDataString(pair[0]), Uri.UnescapeDataString(pair[1]));
        }

        if (form["grant_type"] != "client_credentials" || id != ClientId || secret != ClientSecret)
        {
            return Results.Json(new { error = "invalid_client" }, statusCode: 401);
        }

        var token = "tok-" + Interlocked.Increment(ref _tokensIssued) + "-" + Guid.NewGuid().ToString("N");
        _validTokens[token] = true;
        return Results.Text(JsonSerializer.Serialize(new Dictionary<string, object> { ["access_token"] = token, ["token_type"] = "bearer", ["expires_in"] = 3600 }), "application/json");
    }
}
