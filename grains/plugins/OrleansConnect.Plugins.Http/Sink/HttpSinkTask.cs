using System.Text;
using OrleansConnect.Plugins.Errors;
using OrleansConnect.Plugins.Sink;
using Polly.Timeout;

namespace OrleansConnect.Plugins.Http.Sink;

/// <summary>
/// The task of <see cref="HttpSinkConnector"/>. A put sends its records in order before it returns: consecutive records
/// with the same URL and batch key go in one request of up to <c>batch.max.size</c> records. The client retries an
/// attempt that fails, times out or answers a code of <c>retry.on.status.codes</c> up to <c>max.retries</c> times; a
/// request that still fails is handled by <c>behavior.on.error</c>: with <c>fail</c> the put throws, so the runtime
/// commits no offset past it and the records are delivered again after a restart (at-least-once).
/// </summary>
public sealed class HttpSinkTask : SinkTask
{
    // Set by StartAsync, which the runtime calls before any other method.
    private HttpSinkConfig _config = null!;
    private HttpClient? _client;

    public override Task StartAsync(IReadOnlyDictionary<string, string> props, CancellationToken cancellationToken)
    {
        _config = new HttpSinkConfig(props);
        _client = HttpClients.Create(HttpClientConfig.Settings(_config));
        return Task.CompletedTask;
    }

    public override async Task PutAsync(IReadOnlyCollection<SinkRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        var maxSize = _config.GetInt(HttpSinkConfig.BatchMaxSizeConfig);
        var pattern = _config.GetString(HttpSinkConfig.BatchKeyPatternConfig)!;
        var batch = new List<SinkRecord>(Math.Min(maxSize, records.Count));
        string? batchUrl = null;
        string? batchKey = null;
        foreach (var record in records)
        {
            var url = Substitute(_config.Url, record, escape: true);
            if (record.Value is null)
            {
                if (_config.BehaviorOnNullValues == HttpSinkConfig.BehaviorDelete)
                {
                    // The delete must follow the records before it, which may be about the same key.
                    await SendBatchAsync(batch, batchUrl, cancellationToken).ConfigureAwait(false);
                }

                await NullValueAsync(record, url, cancellationToken).ConfigureAwait(false);
                continue;
            }

            var key = Substitute(pattern, record, escape: false);
            if (batch.Count > 0 && (url != batchUrl || key != batchKey))
            {
                await SendBatchAsync(batch, batchUrl, cancellationToken).ConfigureAwait(false);
            }

            batch.Add(record);
            (batchUrl, batchKey) = (url, key);
            if (batch.Count >= maxSize)
            {
                await SendBatchAsync(batch, batchUrl, cancellationToken).ConfigureAwait(false);
            }
        }

        await SendBatchAsync(batch, batchUrl, cancellationToken).ConfigureAwait(false);
    }

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        _client?.Dispose();
        _client = null;
        return Task.CompletedTask;
    }

    /// <summary>Fills <c>${topic}</c> and <c>${key}</c> in, the key URL-escaped when the text is a URL.</summary>
    private static string Substitute(string text, SinkRecord record, bool escape)
    {
        var result = text.Replace("${topic}", escape ? Uri.EscapeDataString(record.Topic) : record.Topic, StringComparison.Ordinal);
        if (result.Contains("${key}", StringComparison.Ordinal))
        {
            var key = RequestBody.Text(record.Key);
            result = result.Replace("${key}", escape ? Uri.EscapeDataString(key) : key, StringComparison.Ordinal);
        }

        return result;
    }

    private async Task SendBatchAsync(List<SinkRecord> batch, string? url, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return;
        }

        var mediaType = _config.BodyFormat == HttpSinkConfig.FormatJson ? "application/json" : "text/plain";
        var content = new StringContent(RequestBody.Write(_config, batch), Encoding.UTF8, mediaType);
        SinkRecord[] records = [.. batch];
        batch.Clear();
        await SendAsync(_config.Method, url!, content, records, cancellationToken).ConfigureAwait(false);
    }

    private async Task NullValueAsync(SinkRecord record, string url, CancellationToken cancellationToken)
    {
        switch (_config.BehaviorOnNullValues)
        {
            case HttpSinkConfig.BehaviorDelete:
                await SendAsync(HttpMethod.Delete, url, null, [record], cancellationToken).ConfigureAwait(false);
                break;
            case HttpSinkConfig.BehaviorLog:
                await ReportAsync([record], new DataException($"A record with a null value at {Where(record)} ({HttpSinkConfig.BehaviorOnNullValuesConfig}=log)")).ConfigureAwait(false);
                break;
            case HttpSinkConfig.BehaviorFail:
                await OnErrorAsync([record], new DataException($"A record with a null value at {Where(record)} and {HttpSinkConfig.BehaviorOnNullValuesConfig}=fail")).ConfigureAwait(false);
                break;
            default:
                break;
        }
    }

    private async Task SendAsync(HttpMethod method, string url, HttpContent? content, SinkRecord[] records, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, url) { Content = content };
        HttpClients.AddHeaders(request, _config.Headers);

        ConnectException error;
        try
        {
            using var response = await _client!.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return;
            }

            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            error = new ConnectException(
                $"{method} {url} answered {(int)response.StatusCode} {response.ReasonPhrase} for {records.Length} records from {Where(records[0])}{Retried((int)response.StatusCode)}: {(body.Length <= 500 ? body : body[..500] + "...")}");
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutRejectedException && !cancellationToken.IsCancellationRequested)
        {
            error = new ConnectException($"{method} {url} failed for {records.Length} records from {Where(records[0])}{Retried(null)}: {e.Message}", e);
        }

        await OnErrorAsync(records, error).ConfigureAwait(false);
    }

    private string Retried(int? status) =>
        status is null || _config.RetryOnStatusCodes.Contains(status.Value) || status is 401 or 408 or 429
            ? $", after {_config.GetInt(HttpSinkConfig.MaxRetriesConfig)} retries"
            : $" (not retried: not in {HttpSinkConfig.RetryOnStatusCodesConfig})";

    private async Task OnErrorAsync(SinkRecord[] records, ConnectException error)
    {
        switch (_config.BehaviorOnError)
        {
            case HttpSinkConfig.BehaviorFail:
                throw error;
            case HttpSinkConfig.BehaviorLog:
                await ReportAsync(records, error).ConfigureAwait(false);
                break;
            default:
                break;
        }
    }

    /// <summary>
    /// Hands the records to the runtime's errant record reporter, which logs them (errors.log.enable) and writes them to
    /// the dead letter queue (errors.tolerance=all); the put goes on even when errors.tolerance=none refuses them, as
    /// Confluent's "log" goes on.
    /// </summary>
    private async Task ReportAsync(SinkRecord[] records, Exception error)
    {
        foreach (var record in records)
        {
            try
            {
                await Context.ErrantRecordReporter.ReportAsync(record, error).ConfigureAwait(false);
            }
            catch (ConnectException)
            {
                // errors.tolerance=none: reported to the runtime's reporters, then refused; "log" still goes on.
            }
        }
    }

    private static string Where(SinkRecord record) => $"{record.Topic}-{record.KafkaPartition} offset {record.KafkaOffset}";
}
