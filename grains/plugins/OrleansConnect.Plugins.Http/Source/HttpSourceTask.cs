using System.Globalization;
using System.Text;
using System.Text.Json;
using OrleansConnect.Plugins.Data;
using OrleansConnect.Plugins.Errors;
using OrleansConnect.Plugins.Source;
using Polly.Timeout;

namespace OrleansConnect.Plugins.Http.Source;

/// <summary>
/// The task of <see cref="HttpSourceConnector"/>: each poll makes one request with the current offset and returns the
/// records at <c>http.response.data.json.pointer</c>, each with the offset to ask for after it, so the runtime commits
/// an offset only once Kafka has the record before it (at-least-once). A response with records is followed by the next
/// request at once; one with nothing new, after <c>request.interval.ms</c>. A request that still fails after its
/// retries is a <see cref="RetriableException"/>: the runtime polls again after a backoff, at the same offset.
/// </summary>
public sealed class HttpSourceTask : SourceTask
{
    internal const string PartitionKey = "url";
    internal const string OffsetKey = "offset";

    // Polls wait at most this long for the next request time, as the SPI asks.
    private static readonly TimeSpan MaxPollWait = TimeSpan.FromSeconds(1);

    // Set by StartAsync, which the runtime calls before any other method.
    private HttpSourceConfig _config = null!;
    private HttpClient? _client;
    private IReadOnlyDictionary<string, object?> _partition = null!;
    private string _offset = string.Empty;
    private int _seenOnLastPage;
    private DateTimeOffset _nextRequestAt;

    public override async Task StartAsync(IReadOnlyDictionary<string, string> props, CancellationToken cancellationToken)
    {
        _config = new HttpSourceConfig(props);
        _client = HttpClients.Create(HttpClientConfig.Settings(_config));
        _partition = new Dictionary<string, object?> { [PartitionKey] = _config.GetString(HttpSourceConfig.UrlConfig) };
        var stored = await Context.OffsetStorageReader.OffsetAsync(_partition, cancellationToken).ConfigureAwait(false);
        _offset = stored?.GetValueOrDefault(OffsetKey) is { } offset
            ? Convert.ToString(offset, CultureInfo.InvariantCulture)!
            : _config.GetString(HttpSourceConfig.InitialOffsetConfig)!;
        if (_offset.Length == 0 && _config.OffsetMode == HttpSourceConfig.SimpleIncrementing)
        {
            _offset = "0";
        }
    }

    public override async Task<IReadOnlyList<SourceRecord>?> PollAsync(CancellationToken cancellationToken)
    {
        var wait = _nextRequestAt - DateTimeOffset.UtcNow;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait < MaxPollWait ? wait : MaxPollWait, cancellationToken).ConfigureAwait(false);
            if (_nextRequestAt > DateTimeOffset.UtcNow)
            {
                return null;
            }
        }

        var body = await RequestAsync(cancellationToken).ConfigureAwait(false);
        using var document = Parse(body);
        var elements = Records(document.RootElement);
        var records = _config.OffsetMode switch
        {
            HttpSourceConfig.CursorPagination => CursorPage(document.RootElement, elements),
            HttpSourceConfig.Chaining => Chained(elements),
            _ => Incrementing(elements),
        };
        _nextRequestAt = records.Count > 0 ? DateTimeOffset.MinValue : DateTimeOffset.UtcNow.AddMilliseconds(_config.GetInt(HttpSourceConfig.RequestIntervalMsConfig));
        return records;
    }

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        _client?.Dispose();
        _client = null;
        return Task.CompletedTask;
    }

    private List<SourceRecord> Incrementing(List<JsonElement> elements)
    {
        var start = long.Parse(_offset, CultureInfo.InvariantCulture);
        var records = elements.Select((e, i) => Record(e, (start + i + 1).ToString(CultureInfo.InvariantCulture))).ToList();
        _offset = (start + elements.Count).ToString(CultureInfo.InvariantCulture);
        return records;
    }

    private List<SourceRecord> Chained(List<JsonElement> elements)
    {
        var pointer = _config.GetString(HttpSourceConfig.OffsetPointerConfig)!;
        var records = new List<SourceRecord>(elements.Count);
        foreach (var element in elements)
        {
            if (!JsonPointer.TryResolve(element, pointer, out var value) || value.ValueKind is JsonValueKind.Null or JsonValueKind.Object or JsonValueKind.Array)
            {
                throw new DataException($"A record of {Url()} has no offset at {HttpSourceConfig.OffsetPointerConfig}={pointer}: {Snippet(element.GetRawText())}");
            }

            _offset = Scalar(value);
            records.Add(Record(element, _offset));
        }

        return records;
    }

    /// <summary>
    /// A page with a next cursor: its records carry that cursor, so a restart asks for the next page. The last page (no
    /// cursor) is asked for again at every interval, and only the records past those already returned are new.
    /// </summary>
    private List<SourceRecord> CursorPage(JsonElement root, List<JsonElement> elements)
    {
        var hasNext = JsonPointer.TryResolve(root, _config.GetString(HttpSourceConfig.NextPagePointerConfig)!, out var next)
            && next.ValueKind is not (JsonValueKind.Null or JsonValueKind.Object or JsonValueKind.Array)
            && Scalar(next).Length > 0;
        if (hasNext)
        {
            var cursor = Scalar(next);
            var records = elements.Skip(_seenOnLastPage).Select(e => Record(e, cursor)).ToList();
            (_offset, _seenOnLastPage) = (cursor, 0);
            return records;
        }

        var fresh = elements.Skip(_seenOnLastPage).Select(e => Record(e, _offset)).ToList();
        _seenOnLastPage = Math.Max(_seenOnLastPage, elements.Count);
        return fresh;
    }

    private SourceRecord Record(JsonElement element, string offset) =>
        new(_partition, new Dictionary<string, object?> { [OffsetKey] = offset }, _config.GetString(HttpSourceConfig.TopicNamePatternConfig)!, Schema.String, element.GetRawText());

    private List<JsonElement> Records(JsonElement root)
    {
        if (!JsonPointer.TryResolve(root, _config.GetString(HttpSourceConfig.DataPointerConfig)!, out var data) || data.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        return data.ValueKind == JsonValueKind.Array ? [.. data.EnumerateArray()] : [data];
    }

    private string Url()
    {
        var url = _config.GetString(HttpSourceConfig.UrlConfig)!.Replace("${offset}", Uri.EscapeDataString(_offset), StringComparison.Ordinal);
        var parameters = _config.GetString(HttpSourceConfig.RequestParametersConfig)!;
        if (parameters.Length == 0)
        {
            return url;
        }

        var query = string.Join("&", parameters
            .Split(_config.GetString(HttpSourceConfig.RequestParametersSeparatorConfig), StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2))
            .Select(p => Uri.EscapeDataString(p[0]) + "=" + Uri.EscapeDataString(p.Length > 1 ? p[1].Replace("${offset}", _offset, StringComparison.Ordinal) : string.Empty)));
        return url + (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + query;
    }

    private async Task<string> RequestAsync(CancellationToken cancellationToken)
    {
        var url = Url();
        using var request = new HttpRequestMessage(_config.Method, url);
        if (_config.Method == HttpMethod.Post)
        {
            var body = _config.GetString(HttpSourceConfig.RequestBodyConfig)!.Replace("${offset}", _offset, StringComparison.Ordinal);
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        HttpClients.AddHeaders(request, _config.Headers);
        try
        {
            using var response = await _client!.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new RetriableException($"{request.Method} {url} answered {(int)response.StatusCode} {response.ReasonPhrase}, will retry at offset '{_offset}': {Snippet(text)}");
            }

            return text;
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutRejectedException && !cancellationToken.IsCancellationRequested)
        {
            throw new RetriableException($"{request.Method} {url} failed, will retry at offset '{_offset}': {e.Message}", e);
        }
    }

    private static JsonDocument Parse(string body)
    {
        try
        {
            return JsonDocument.Parse(body.Length == 0 ? "null" : body);
        }
        catch (JsonException e)
        {
            throw new DataException($"The response is not JSON ({e.Message}): {Snippet(body)}", e);
        }
    }

    private static string Scalar(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();

    private static string Snippet(string text) => text.Length <= 300 ? text : text[..300] + "...";
}
