using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace OrleansConnect.Plugins.Http.Tests;

/// <summary>
/// One test's path on <see cref="HttpTestServer"/>: it keeps every request and answers the next scripted fault, if
/// any, else 200. Credentials are checked before faults are taken, so a refused request does not use one up.
/// </summary>
public sealed class ScriptedEndpoint(HttpTestServer server, string name)
{
    private readonly ConcurrentQueue<Fault> _faults = [];
    private (string User, string Password)? _basic;
    private bool _bearer;
    private Func<ReceivedRequest, string>? _respond;

    public string Name { get; } = name;

    /// <summary>The endpoint's URL, ending in a slash; append a path as a relative URI.</summary>
    public Uri Url => new(server.BaseAddress, Name + "/");

    /// <summary>Every request, in arrival order.</summary>
    public ConcurrentQueue<ReceivedRequest> Requests { get; } = [];

    /// <summary>The requests answered with a 2xx.</summary>
    public ConcurrentQueue<ReceivedRequest> Accepted { get; } = [];

    public ScriptedEndpoint FailWith(int status, int times)
    {
        for (var i = 0; i < times; i++)
        {
            _faults.Enqueue(new Fault(status, TimeSpan.Zero, null));
        }

        return this;
    }

    public ScriptedEndpoint RateLimit(int retryAfterSeconds, int times = 1)
    {
        for (var i = 0; i < times; i++)
        {
            _faults.Enqueue(new Fault(429, TimeSpan.Zero, retryAfterSeconds));
        }

        return this;
    }

    /// <summary>Answers the next requests only after a delay (or when the client gives up).</summary>
    public ScriptedEndpoint Stall(TimeSpan delay, int times = 1)
    {
        for (var i = 0; i < times; i++)
        {
            _faults.Enqueue(new Fault(200, delay, null));
        }

        return this;
    }

    public void Heal() => _faults.Clear();

    /// <summary>Answers requests that pass the faults with this JSON body.</summary>
    public ScriptedEndpoint Serve(Func<ReceivedRequest, string> respond)
    {
        _respond = respond;
        return this;
    }

    public ScriptedEndpoint RequireBasic(string user, string password)
    {
        _basic = (user, password);
        return this;
    }

    public ScriptedEndpoint RequireBearer()
    {
        _bearer = true;
        return this;
    }

    internal async Task<IResult> HandleAsync(HttpContext context)
    {
        var request = await ReceivedRequest.ReadAsync(context);
        Requests.Enqueue(request);
        var authorization = context.Request.Headers.Authorization.ToString();
        if (_basic is { } basic && authorization != "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(basic.User + ":" + basic.Password)))
        {
            return Results.StatusCode(401);
        }

        if (_bearer && !(authorization.StartsWith("Bearer ", StringComparison.Ordinal) && server.IsValidToken(authorization["Bearer ".Length..])))
        {
            return Results.StatusCode(401);
        }

        if (_faults.TryDequeue(out var fault))
        {
            if (fault.Delay > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(fault.Delay, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    return Results.Empty;
                }
            }

            if (fault.RetryAfterSeconds is { } seconds)
            {
                context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            if (fault.Status >= 300)
            {
                return Results.Text($"scripted {fault.Status}", statusCode: fault.Status);
            }
        }

        Accepted.Enqueue(request);
        return _respond is { } respond ? Results.Text(respond(request), "application/json") : Results.Ok();
    }

    private sealed record Fault(int Status, TimeSpan Delay, int? RetryAfterSeconds);
}
