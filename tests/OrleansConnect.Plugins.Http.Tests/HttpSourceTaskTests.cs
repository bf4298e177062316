using System.Globalization;
using System.Text.Json;
using System.Web;
using OrleansConnect.Plugins.Errors;
using OrleansConnect.Plugins.Http.Source;
using OrleansConnect.Plugins.Source;

namespace OrleansConnect.Plugins.Http.Tests;

public sealed class HttpSourceTaskTests(HttpTestServer server) : IClassFixture<HttpTestServer>
{
    private static Dictionary<string, string> Config(ScriptedEndpoint endpoint, string url, params (string Key, string Value)[] settings)
    {
        var config = new Dictionary<string, string>
        {
            ["connector.class"] = "io.confluent.connect.http.HttpSourceConnector",
            [HttpSourceConfig.UrlConfig] = endpoint.Url + url,
            [HttpSourceConfig.TopicNamePatternConfig] = "events",
            [HttpSourceConfig.RequestIntervalMsConfig] = "200",
            [HttpClientConfig.RetryBackoffMsConfig] = "10",
            [HttpClientConfig.RetryBackoffPolicyConfig] = HttpClientConfig.BackoffConstant,
        };
        foreach (var (key, value) in settings)
        {
            config[key] = value;
        }

        return config;
    }

    private static async Task<HttpSourceTask> StartAsync(Dictionary<string, string> config, TestSourceTaskContext context)
    {
        var task = new HttpSourceTask();
        task.Initialize(context);
        await task.StartAsync(config, CancellationToken.None);
        return task;
    }

    /// <summary>Polls until <paramref name="count"/> records came, committing each batch as the runtime does once Kafka has it.</summary>
    private static async Task<List<SourceRecord>> PollAsync(HttpSourceTask task, TestSourceTaskContext context, int count)
    {
        var records = new List<SourceRecord>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (records.Count < count)
        {
            Assert.False(timeout.IsCancellationRequested, $"Polled {records.Count} records of the {count} expected in 10 s");
            var batch = await task.PollAsync(timeout.Token) ?? [];
            context.Commit(batch);
            records.AddRange(batch);
        }

        return records;
    }

    private static int Id(SourceRecord record) => JsonDocument.Parse((string)record.Value!).RootElement.GetProperty("id").GetInt32();

    private static string Offset(SourceRecord record) => (string)record.SourceOffset![HttpSourceTask.OffsetKey]!;

    /// <summary>Items 0..total-1, three from <c>?offset=</c> at a time, under <c>/data/items</c>.</summary>
    private static Func<ReceivedRequest, string> Paged(Func<int> total) => request =>
    {
        var from = int.Parse(HttpUtility.ParseQueryString(new Uri("http://x" + request.RawTarget).Query)["offset"]!, CultureInfo.InvariantCulture);
        var items = Enumerable.Range(from, Math.Max(0, Math.Min(3, total() - from))).Select(i => new { id = i });
        return JsonSerializer.Serialize(new { data = new { items } });
    };

    [Fact]
    public async Task PollAsync_SimpleIncrementing_ReadsEveryPageAndResumesFromTheCommittedOffset()
    {
        var total = 7;
        var endpoint = server.Endpoint().Serve(Paged(() => total));
        var config = Config(endpoint, "items?offset=${offset}", (HttpSourceConfig.DataPointerConfig, "/data/items"));
        var context = new TestSourceTaskContext(config);
        var task = await StartAsync(config, context);

        var records = await PollAsync(task, context, 7);
        await task.StopAsync(CancellationToken.None);

        Assert.Equal(Enumerable.Range(0, 7), records.Select(Id));
        Assert.Equal(["1", "2", "3", "4", "5", "6", "7"], records.Select(Offset));
        Assert.All(records, r => Assert.Equal("events", r.Topic));

        total = 9;
        var requestsBefore = endpoint.Accepted.Count;
        var restarted = await StartAsync(config, context);
        var more = await PollAsync(restarted, context, 2);
        await restarted.StopAsync(CancellationToken.None);
        Assert.Equal([7, 8], more.Select(Id));
        Assert.Equal($"/{endpoint.Name}/items?offset=7", endpoint.Accepted.ElementAt(requestsBefore).RawTarget);
    }

    [Fact]
    public async Task PollAsync_CursorPagination_FollowsTheCursorsAndThenOnlyNewRecordsOfTheLastPage()
    {
        var lastPage = new List<int> { 4 };
        var endpoint = server.Endpoint().Serve(request =>
        {
            var cursor = HttpUtility.ParseQueryString(new Uri("http://x" + request.RawTarget).Query)["cursor"];
            return cursor switch
            {
                "" or null => JsonSerializer.Serialize(new { results = new[] { new { id = 1 }, new { id = 2 } }, next = "p/2" }),
                "p/2" => JsonSerializer.Serialize(new { results = new[] { new { id = 3 } }, next = "p3" }),
                _ => JsonSerializer.Serialize(new { results = lastPage.Select(i => new { id = i }), next = (string?)null }),
            };
        });
        var config = Config(endpoint, "events",
            (HttpSourceConfig.OffsetModeConfig, "CURSOR_PAGINATION"),
            (HttpSourceConfig.RequestParametersConfig, "cursor=${offset}&limit=2"),
            (HttpSourceConfig.DataPointerConfig, "/results"),
            (HttpSourceConfig.NextPagePointerConfig, "/next"));
        var context = new TestSourceTaskContext(config);
        var task = await StartAsync(config, context);

        var records = await PollAsync(task, context, 4);
        lastPage.Add(5);
        records.AddRange(await PollAsync(task, context, 1));
        await task.StopAsync(CancellationToken.None);

        Assert.Equal([1, 2, 3, 4, 5], records.Select(Id));
        Assert.Equal(["p/2", "p/2", "p3", "p3", "p3"], records.Select(Offset));
        Assert.Contains(endpoint.Accepted, r => r.RawTarget.EndsWith("?cursor=p%2F2&limit=2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PollAsync_Chaining_AsksFromTheLastRecordsOffset()
    {
        var endpoint = server.Endpoint().Serve(request =>
        {
            var since = int.Parse(request.RawTarget[(request.RawTarget.LastIndexOf('/') + 1)..], CultureInfo.InvariantCulture);
            return JsonSerializer.Serialize(Enumerable.Range(since + 1, since < 4 ? 2 : 0).Select(i => new { id = i, seq = i * 10 }));
        });
        var config = Config(endpoint, "since/${offset}",
            (HttpSourceConfig.OffsetModeConfig, "chaining"),
            (HttpSourceConfig.InitialOffsetConfig, "0"),
            (HttpSourceConfig.OffsetPointerConfig, "/id"));
        var context = new TestSourceTaskContext(config);
        var task = await StartAsync(config, context);

        var records = await PollAsync(task, context, 4);
        await task.StopAsync(CancellationToken.None);

        Assert.Equal([1, 2, 3, 4], records.Select(Id));
        Assert.Equal(["1", "2", "3", "4"], records.Select(Offset));
        Assert.Equal([$"/{endpoint.Name}/since/0", $"/{endpoint.Name}/since/2"], endpoint.Accepted.Take(2).Select(r => r.RawTarget));
    }

    [Fact]
    public async Task PollAsync_ServerFailsTwice_RetriesWithinThePoll()
    {
        var endpoint = server.Endpoint().FailWith(502, 2).Serve(Paged(() => 2));
        var config = Config(endpoint, "items?offset=${offset}", (HttpSourceConfig.DataPointerConfig, "/data/items"), (HttpClientConfig.MaxRetriesConfig, "3"));
        var context = new TestSourceTaskContext(config);
        var task = await StartAsync(config, context);

        var records = await task.PollAsync(CancellationToken.None);
        await task.StopAsync(CancellationToken.None);

        Assert.Equal([0, 1], records!.Select(Id));
        Assert.Equal(3, endpoint.Requests.Count);
    }

    [Fact]
    public async Task PollAsync_ServerKeepsFailing_ThrowsRetriableAndKeepsTheOffset()
    {
        var endpoint = server.Endpoint().FailWith(500, 3).Serve(Paged(() => 1));
        var config = Config(endpoint, "items?offset=${offset}", (HttpSourceConfig.DataPointerConfig, "/data/items"), (HttpClientConfig.MaxRetriesConfig, "1"));
        var context = new TestSourceTaskContext(config);
        var task = await StartAsync(config, context);

        var error = await Assert.ThrowsAsync<RetriableException>(() => task.PollAsync(CancellationToken.None));
        var afterOutage = await PollAsync(task, context, 1);
        await task.StopAsync(CancellationToken.None);

        Assert.Contains("answered 500", error.Message, StringComparison.Ordinal);
        Assert.Equal([0], afterOutage.Select(Id));
        Assert.All(endpoint.Requests, r => Assert.EndsWith("offset=0", r.RawTarget, StringComparison.Ordinal));
    }

    [Fact]
    public async Task PollAsync_EndpointRestarted_ResumesAtTheSameOffsetWithNothingLost()
    {
        var total = 2;
        var endpoint = server.Endpoint().Serve(Paged(() => total));
        var config = Config(endpoint, "items?offset=${offset}", (HttpSourceConfig.DataPointerConfig, "/data/items"), (HttpClientConfig.MaxRetriesConfig, "1"));
        var context = new TestSourceTaskContext(config);
        var task = await StartAsync(config, context);
        var before = await PollAsync(task, context, 2);

        total = 5;
        await server.StopAsync();
        RetriableException error;
        try
        {
            error = await Assert.ThrowsAsync<RetriableException>(() => task.PollAsync(TestContext.Current.CancellationToken));
        }
        finally
        {
            await server.StartAsync();
        }

        var after = await PollAsync(task, context, 3);
        await task.StopAsync(CancellationToken.None);

        Assert.Contains("offset '2'", error.Message, StringComparison.Ordinal);
        Assert.Equal([0, 1, 2, 3, 4], before.Concat(after).Select(Id));
    }

    [Fact]
    public async Task PollAsync_PostWithBearerToken_SendsTheBodyWithTheOffset()
    {
        var endpoint = server.Endpoint().RequireBearer().Serve(_ => """{"id":1}""");
        var config = Config(endpoint, "search",
            (HttpSourceConfig.RequestMethodConfig, "POST"),
            (HttpSourceConfig.RequestBodyConfig, """{"after":${offset}}"""),
            (HttpSourceConfig.InitialOffsetConfig, "5"),
            (HttpClientConfig.AuthTypeConfig, "OAUTH2"),
            (HttpClientConfig.OAuth2TokenUrlConfig, server.TokenUrl.ToString()),
            (HttpClientConfig.OAuth2ClientIdConfig, HttpTestServer.ClientId),
            (HttpClientConfig.OAuth2ClientSecretConfig, HttpTestServer.ClientSecret));
        var context = new TestSourceTaskContext(config);
        var task = await StartAsync(config, context);

        var records = await task.PollAsync(CancellationToken.None);
        await task.StopAsync(CancellationToken.None);

        Assert.Equal(["6"], records!.Select(Offset));
        var request = Assert.Single(endpoint.Accepted);
        Assert.Equal("POST", request.Method);
        Assert.Equal("""{"after":5}""", request.Body);
    }
}
