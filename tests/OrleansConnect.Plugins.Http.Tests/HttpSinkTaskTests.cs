using System.Diagnostics;
using OrleansConnect.Plugins.Data;
using OrleansConnect.Plugins.Errors;
using OrleansConnect.Plugins.Http.Sink;
using OrleansConnect.Plugins.Sink;

namespace OrleansConnect.Plugins.Http.Tests;

public sealed class HttpSinkTaskTests(HttpTestServer server) : IClassFixture<HttpTestServer>
{
    private static readonly Schema ValueSchema = SchemaBuilder.Struct().Name("Order")
        .Field("id", Schema.Int32)
        .Field("item", Schema.String)
        .Build();

    private static SinkRecord Record(int id, string? key = null, string topic = "orders", bool tombstone = false) =>
        tombstone
            ? new SinkRecord(topic, 0, Schema.String, key ?? id.ToString(System.Globalization.CultureInfo.InvariantCulture), null, null, id)
            : new SinkRecord(topic, 0, Schema.String, key ?? id.ToString(System.Globalization.CultureInfo.InvariantCulture), ValueSchema, new Struct(ValueSchema).Put("id", id).Put("item", "item-" + id), id);

    private static Dictionary<string, string> Config(ScriptedEndpoint endpoint, params (string Key, string Value)[] settings)
    {
        var config = new Dictionary<string, string>
        {
            ["connector.class"] = "io.confluent.connect.http.HttpSinkConnector",
            ["topics"] = "orders",
            [HttpSinkConfig.HttpApiUrlConfig] = endpoint.Url + "api",
            [HttpSinkConfig.RetryBackoffMsConfig] = "10",
            [HttpSinkConfig.RetryBackoffPolicyConfig] = HttpSinkConfig.BackoffConstant,
        };
        foreach (var (key, value) in settings)
        {
            config[key] = value;
        }

        return config;
    }

    private static async Task<HttpSinkTask> StartAsync(Dictionary<string, string> config, TestSinkTaskContext? context = null)
    {
        var task = new HttpSinkTask();
        task.Initialize(context ?? new TestSinkTaskContext(config));
        await task.StartAsync(config, CancellationToken.None);
        return task;
    }

    [Fact]
    public async Task PutAsync_JsonBatchesWithPrefixSuffixAndSeparator_SendsBatchMaxSizeRecordsPerRequest()
    {
        var endpoint = server.Endpoint();
        var task = await StartAsync(Config(endpoint,
            (HttpSinkConfig.RequestBodyFormatConfig, "json"),
            (HttpSinkConfig.BatchMaxSizeConfig, "3"),
            (HttpSinkConfig.BatchPrefixConfig, "{\"orders\":["),
            (HttpSinkConfig.BatchSuffixConfig, "]}"),
            (HttpSinkConfig.BatchSeparatorConfig, ","),
            (HttpSinkConfig.HeadersConfig, "Content-Type:application/vnd.orders+json|X-Api-Key:abc:def")));

        await task.PutAsync([.. Enumerable.Range(1, 5).Select(i => Record(i))], CancellationToken.None);
        await task.StopAsync(CancellationToken.None);

        var requests = endpoint.Accepted.ToArray();
        Assert.Equal(
            [
                """{"orders":[{"id":1,"item":"item-1"},{"id":2,"item":"item-2"},{"id":3,"item":"item-3"}]}""",
                """{"orders":[{"id":4,"item":"item-4"},{"id":5,"item":"item-5"}]}""",
            ],
            requests.Select(r => r.Body));
        Assert.All(requests, r => Assert.Equal("POST", r.Method));
        Assert.All(requests, r => Assert.Equal("abc:def", r.Headers["X-Api-Key"]));
        Assert.All(requests, r => Assert.StartsWith("application/vnd.orders+json", r.Headers["Content-Type"], StringComparison.Ordinal));
    }

    [Fact]
    public async Task PutAsync_UrlWithTopicAndKey_SendsEachKeyToItsOwnEscapedUrl()
    {
        var endpoint = server.Endpoint();
        var task = await StartAsync(Config(endpoint,
            (HttpSinkConfig.HttpApiUrlConfig, endpoint.Url + "${topic}/${key}"),
            (HttpSinkConfig.RequestMethodConfig, "put"),
            (HttpSinkConfig.BatchMaxSizeConfig, "10")));

        await task.PutAsync([Record(1, "a b"), Record(2, "a b"), Record(3, "c/d", topic: "returns")], CancellationToken.None);
        await task.StopAsync(CancellationToken.None);

        var requests = endpoint.Accepted.ToArray();
        Assert.Equal([$"/{endpoint.Name}/orders/a%20b", $"/{endpoint.Name}/returns/c%2Fd"], requests.Select(r => r.RawTarget));
        Assert.Equal(["PUT", "PUT"], requests.Select(r => r.Method));
        Assert.Equal("""{"id":1,"item":"item-1"},{"id":2,"item":"item-2"}""", requests[0].Body);
        Assert.StartsWith("text/plain", requests[0].Headers["Content-Type"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task PutAsync_ServerFailsWith503ThreeTimes_RetriesAndDeliversOnce()
    {
        var endpoint = server.Endpoint().FailWith(503, 3);
        var task = await StartAsync(Config(endpoint, (HttpSinkConfig.MaxRetriesConfig, "5")));

        await task.PutAsync([Record(1)], CancellationToken.None);
        await task.StopAsync(CancellationToken.None);

        Assert.Equal(4, endpoint.Requests.Count);
        Assert.Single(endpoint.Accepted);
    }

    [Fact]
    public async Task PutAsync_ServerKeepsFailingWithBehaviorFail_ThrowsAndTheRecordsAreDeliveredAfterARestart()
    {
        var endpoint = server.Endpoint().FailWith(500, 100);
        var config = Config(endpoint, (HttpSinkConfig.MaxRetriesConfig, "2"), (HttpSinkConfig.BatchMaxSizeConfig, "2"));
        var task = await StartAsync(config);
        SinkRecord[] records = [Record(1), Record(2)];

        var error = await Assert.ThrowsAsync<ConnectException>(() => task.PutAsync(records, CancellationToken.None));
        await task.StopAsync(CancellationToken.None);

        Assert.Contains("answered 500", error.Message, StringComparison.Ordinal);
        Assert.Contains("after 2 retries", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, endpoint.Requests.Count);
        Assert.Empty(endpoint.Accepted);

        // The put failed, so the runtime committed nothing: after the restart the same records come again.
        endpoint.Heal();
        var restarted = await StartAsync(config);
        await restarted.PutAsync(records, CancellationToken.None);
        await restarted.StopAsync(CancellationToken.None);
        Assert.Equal(["""{"id":1,"item":"item-1"},{"id":2,"item":"item-2"}"""], endpoint.Accepted.Select(r => r.Body));
    }

    [Fact]
    public async Task PutAsync_EndpointDownAndBackWithinTheRetries_DeliversEveryRecordInOrder()
    {
        var endpoint = server.Endpoint();
        var task = await StartAsync(Config(endpoint, (HttpSinkConfig.MaxRetriesConfig, "100"), (HttpSinkConfig.RetryBackoffMsConfig, "50"), (HttpSinkConfig.BatchMaxSizeConfig, "2")));
        await server.StopAsync();

        var put = task.PutAsync([Record(1), Record(2), Record(3)], CancellationToken.None);
        // The outage itself: the put must still be retrying when the server comes back.
        await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
        var completedDuringOutage = put.IsCompleted;
        await server.StartAsync();
        await put;
        await task.StopAsync(CancellationToken.None);

        Assert.False(completedDuringOutage);
        Assert.Equal(
            ["""{"id":1,"item":"item-1"},{"id":2,"item":"item-2"}""", """{"id":3,"item":"item-3"}"""],
            endpoint.Accepted.Select(r => r.Body));
    }

    [Fact]
    public async Task PutAsync_EndpointDownPastTheRetries_FailsAndARestartedTaskDeliversWhenItIsBack()
    {
        var endpoint = server.Endpoint();
        var config = Config(endpoint, (HttpSinkConfig.MaxRetriesConfig, "2"));
        var task = await StartAsync(config);
        await server.StopAsync();

        ConnectException error;
        try
        {
            error = await Assert.ThrowsAsync<ConnectException>(() => task.PutAsync([Record(1)], CancellationToken.None));
        }
        finally
        {
            await server.StartAsync();
        }

        await task.StopAsync(CancellationToken.None);
        var restarted = await StartAsync(config);
        await restarted.PutAsync([Record(1)], CancellationToken.None);
        await restarted.StopAsync(CancellationToken.None);

        Assert.Contains("after 2 retries", error.Message, StringComparison.Ordinal);
        Assert.Equal(["""{"id":1,"item":"item-1"}"""], endpoint.Accepted.Select(r => r.Body));
    }

    [Fact]
    public async Task PutAsync_ServerKeepsFailingWithBehaviorLog_ReportsTheRecordsAndGoesOn()
    {
        var endpoint = server.Endpoint().FailWith(500, 3);
        var config = Config(endpoint, (HttpSinkConfig.MaxRetriesConfig, "2"), (HttpSinkConfig.BehaviorOnErrorConfig, "log"));
        var context = new TestSinkTaskContext(config);
        var task = await StartAsync(config, context);

        await task.PutAsync([Record(1), Record(2)], CancellationToken.None);
        await task.StopAsync(CancellationToken.None);

        var reported = Assert.Single(context.Reported);
        Assert.Equal(1, reported.Record.KafkaOffset);
        Assert.IsType<ConnectException>(reported.Error);
        Assert.Single(endpoint.Accepted);
    }

    [Fact]
    public async Task PutAsync_ServerFailsWithBehaviorIgnore_SkipsTheBatchSilently()
    {
        var endpoint = server.Endpoint().FailWith(500, 1);
        var config = Config(endpoint, (HttpSinkConfig.MaxRetriesConfig, "0"), (HttpSinkConfig.BehaviorOnErrorConfig, "ignore"));
        var context = new TestSinkTaskContext(config);
        var task = await StartAsync(config, context);

        await task.PutAsync([Record(1), Record(2)], CancellationToken.None);
        await task.StopAsync(CancellationToken.None);

        Assert.Empty(context.Reported);
        Assert.Equal(2, endpoint.Requests.Count);
        Assert.Single(endpoint.Accepted);
    }

    [Fact]
    public async Task PutAsync_CodeOutsideRetryOnStatusCodes_IsNotRetried()
    {
        var endpoint = server.Endpoint().FailWith(404, 1);
        var task = await StartAsync(Config(endpoint, (HttpSinkConfig.RetryOnStatusCodesConfig, "500-")));

        var error = await Assert.ThrowsAsync<ConnectException>(() => task.PutAsync([Record(1)], CancellationToken.None));
        await task.StopAsync(CancellationToken.None);

        Assert.Contains("not retried", error.Message, StringComparison.Ordinal);
        Assert.Single(endpoint.Requests);
    }

    [Fact]
    public async Task PutAsync_AttemptTimesOut_IsRetriedWithoutWaitingForTheSlowResponse()
    {
        var endpoint = server.Endpoint().Stall(TimeSpan.FromSeconds(10));
        var task = await StartAsync(Config(endpoint, (HttpSinkConfig.RequestTimeoutMsConfig, "300"), (HttpSinkConfig.MaxRetriesConfig, "3")));
        var watch = Stopwatch.StartNew();

        await task.PutAsync([Record(1)], CancellationToken.None);
        watch.Stop();
        await task.StopAsync(CancellationToken.None);

        Assert.Equal(2, endpoint.Requests.Count);
        Assert.Single(endpoint.Accepted);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"The put took {watch.Elapsed}: the timed-out attempt was waited for");
    }

    [Fact]
    public async Task PutAsync_RateLimitedWithRetryAfter_WaitsThatLongBeforeTheRetry()
    {
        var endpoint = server.Endpoint().RateLimit(retryAfterSeconds: 1);
        var task = await StartAsync(Config(endpoint, (HttpSinkConfig.MaxRetriesConfig, "3")));

        await task.PutAsync([Record(1)], CancellationToken.None);
        await task.StopAsync(CancellationToken.None);

        var requests = endpoint.Requests.ToArray();
        Assert.Equal(2, requests.Length);
        var gap = requests[1].At - requests[0].At;
        Assert.True(gap >= TimeSpan.FromMilliseconds(900), $"The retry came {gap.TotalMilliseconds} ms after the 429 with Retry-After: 1 (retry.backoff.ms=10)");
    }

    [Fact]
    public async Task PutAsync_BasicAuth_SendsTheCredentials()
    {
        var endpoint = server.Endpoint().RequireBasic("ada", "pa:ss");
        var task = await StartAsync(Config(endpoint,
            (HttpSinkConfig.AuthTypeConfig, "basic"),
            (HttpSinkConfig.ConnectionUserConfig, "ada"),
            (HttpSinkConfig.ConnectionPasswordConfig, "pa:ss")));

        await task.PutAsync([Record(1)], CancellationToken.None);
        await task.StopAsync(CancellationToken.None);

        Assert.Single(endpoint.Requests);
        Assert.Single(endpoint.Accepted);
    }

    [Fact]
    public async Task PutAsync_BasicAuthWithAWrongPassword_FailsAfterTheRetries()
    {
        var endpoint = server.Endpoint().RequireBasic("ada", "right");
        var task = await StartAsync(Config(endpoint,
            (HttpSinkConfig.AuthTypeConfig, "BASIC"),
            (HttpSinkConfig.ConnectionUserConfig, "ada"),
            (HttpSinkConfig.ConnectionPasswordConfig, "wrong"),
            (HttpSinkConfig.MaxRetriesConfig, "1")));

        var error = await Assert.ThrowsAsync<ConnectException>(() => task.PutAsync([Record(1)], CancellationToken.None));
        await task.StopAsync(CancellationToken.None);

        Assert.Contains("answered 401", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, endpoint.Requests.Count);
        Assert.Empty(endpoint.Accepted);
    }

    [Theory]
    [InlineData("header")]
    [InlineData("url")]
    public async Task PutAsync_OAuth2_FetchesOneTokenAndANewOneAfterA401(string clientAuthMode)
    {
        var endpoint = server.Endpoint().RequireBearer();
        var task = await StartAsync(Config(endpoint,
            (HttpSinkConfig.AuthTypeConfig, "OAUTH2"),
            (HttpSinkConfig.OAuth2TokenUrlConfig, server.TokenUrl.ToString()),
            (HttpSinkConfig.OAuth2ClientIdConfig, HttpTestServer.ClientId),
            (HttpSinkConfig.OAuth2ClientSecretConfig, HttpTestServer.ClientSecret),
            (HttpSinkConfig.OAuth2ClientAuthModeConfig, clientAuthMode)));
        var issuedBefore = server.TokensIssued;

        await task.PutAsync([Record(1)], CancellationToken.None);
        await task.PutAsync([Record(2)], CancellationToken.None);
        var issuedForTwoPuts = server.TokensIssued - issuedBefore;
        server.RevokeTokens();
        await task.PutAsync([Record(3)], CancellationToken.None);
        await task.StopAsync(CancellationToken.None);

        Assert.Equal(1, issuedForTwoPuts);
        Assert.Equal(2, server.TokensIssued - issuedBefore);
        Assert.Equal(3, endpoint.Accepted.Count);
        Assert.Equal(4, endpoint.Requests.Count);
        Assert.All(endpoint.Accepted, r => Assert.StartsWith("Bearer tok-", r.Headers["Authorization"], StringComparison.Ordinal));
    }

    [Fact]
    public async Task PutAsync_OAuth2WithAWrongSecret_FailsNamingTheTokenEndpoint()
    {
        var endpoint = server.Endpoint().RequireBearer();
        var task = await StartAsync(Config(endpoint,
            (HttpSinkConfig.AuthTypeConfig, "OAUTH2"),
            (HttpSinkConfig.OAuth2TokenUrlConfig, server.TokenUrl.ToString()),
            (HttpSinkConfig.OAuth2ClientIdConfig, HttpTestServer.ClientId),
            (HttpSinkConfig.OAuth2ClientSecretConfig, "wrong"),
            (HttpSinkConfig.MaxRetriesConfig, "1")));

        var error = await Assert.ThrowsAsync<ConnectException>(() => task.PutAsync([Record(1)], CancellationToken.None));
        await task.StopAsync(CancellationToken.None);

        Assert.Contains("token endpoint", error.Message, StringComparison.Ordinal);
        Assert.Empty(endpoint.Requests);
    }

    [Fact]
    public async Task PutAsync_NullValueWithBehaviorDelete_SendsADeleteInOrder()
    {
        var endpoint = server.Endpoint();
        var task = await StartAsync(Config(endpoint,
            (HttpSinkConfig.HttpApiUrlConfig, endpoint.Url + "${key}"),
            (HttpSinkConfig.BehaviorOnNullValuesConfig, "delete"),
            (HttpSinkConfig.BatchKeyPatternConfig, "all")));

        await task.PutAsync([Record(1, "k"), Record(2, "k", tombstone: true), Record(3, "k")], CancellationToken.None);
        await task.StopAsync(CancellationToken.None);

        Assert.Equal(["POST", "DELETE", "POST"], endpoint.Accepted.Select(r => r.Method));
        Assert.Equal(string.Empty, endpoint.Accepted.ElementAt(1).Body);
    }

    [Fact]
    public async Task PutAsync_NullValueByDefault_IsSkipped()
    {
        var endpoint = server.Endpoint();
        var task = await StartAsync(Config(endpoint, (HttpSinkConfig.BatchMaxSizeConfig, "10")));

        await task.PutAsync([Record(1), Record(2, tombstone: true), Record(3)], CancellationToken.None);
        await task.StopAsync(CancellationToken.None);

        var request = Assert.Single(endpoint.Accepted);
        Assert.Equal("""{"id":1,"item":"item-1"},{"id":3,"item":"item-3"}""", request.Body);
    }

    [Theory]
    [InlineData("log", "log", false)]
    [InlineData("fail", "log", false)]
    [InlineData("fail", "fail", true)]
    public async Task PutAsync_NullValueThatIsNotSkipped_IsReportedOrFailsThePut(string onNull, string onError, bool throws)
    {
        var endpoint = server.Endpoint();
        var config = Config(endpoint, (HttpSinkConfig.BehaviorOnNullValuesConfig, onNull), (HttpSinkConfig.BehaviorOnErrorConfig, onError));
        var context = new TestSinkTaskContext(config);
        var task = await StartAsync(config, context);

        var put = task.PutAsync([Record(1, tombstone: true), Record(2)], CancellationToken.None);
        if (throws)
        {
            var error = await Assert.ThrowsAsync<DataException>(() => put);
            Assert.Contains("orders-0 offset 1", error.Message, StringComparison.Ordinal);
        }
        else
        {
            await put;
        }

        await task.StopAsync(CancellationToken.None);

        Assert.Equal(throws ? 0 : 1, context.Reported.Count);
        Assert.Equal(throws ? 0 : 1, endpoint.Accepted.Count);
    }

    [Fact]
    public async Task PutAsync_JsonAsArray_SendsAJsonArray()
    {
        var endpoint = server.Endpoint();
        var task = await StartAsync(Config(endpoint,
            (HttpSinkConfig.RequestBodyFormatConfig, "json"),
            (HttpSinkConfig.BatchJsonAsArrayConfig, "true"),
            (HttpSinkConfig.BatchMaxSizeConfig, "10")));

        await task.PutAsync([Record(1), new SinkRecord("orders", 0, null, "2", null, new Dictionary<string, object?> { ["n"] = 2L, ["tags"] = new List<object?> { "x", true } }, 2)], CancellationToken.None);
        await task.StopAsync(CancellationToken.None);

        Assert.Equal("""[{"id":1,"item":"item-1"},{"n":2,"tags":["x",true]}]""", Assert.Single(endpoint.Accepted).Body);
        Assert.StartsWith("application/json", endpoint.Accepted.Single().Headers["Content-Type"], StringComparison.Ordinal);
    }
}
