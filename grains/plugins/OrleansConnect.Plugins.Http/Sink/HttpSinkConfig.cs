using OrleansConnect.Plugins.Config;

namespace OrleansConnect.Plugins.Http.Sink;

/// <summary>The keys of <see cref="HttpSinkConnector"/>, named and defaulted as Confluent's HttpSinkConfig.</summary>
public sealed class HttpSinkConfig : AbstractConfig
{
    public const string HttpApiUrlConfig = "http.api.url";
    public const string RequestMethodConfig = "request.method";
    public const string HeadersConfig = "headers";
    public const string HeaderSeparatorConfig = "header.separator";
    public const string ConnectTimeoutMsConfig = HttpClientConfig.ConnectTimeoutMsConfig;
    public const string RequestTimeoutMsConfig = HttpClientConfig.RequestTimeoutMsConfig;
    public const string BehaviorOnNullValuesConfig = "behavior.on.null.values";
    public const string BehaviorOnErrorConfig = "behavior.on.error";
    public const string AuthTypeConfig = HttpClientConfig.AuthTypeConfig;
    public const string ConnectionUserConfig = HttpClientConfig.ConnectionUserConfig;
    public const string ConnectionPasswordConfig = HttpClientConfig.ConnectionPasswordConfig;
    public const string OAuth2TokenUrlConfig = HttpClientConfig.OAuth2TokenUrlConfig;
    public const string OAuth2ClientIdConfig = HttpClientConfig.OAuth2ClientIdConfig;
    public const string OAuth2ClientSecretConfig = HttpClientConfig.OAuth2ClientSecretConfig;
    public const string OAuth2TokenPropertyConfig = HttpClientConfig.OAuth2TokenPropertyConfig;
    public const string OAuth2ClientScopeConfig = HttpClientConfig.OAuth2ClientScopeConfig;
    public const string OAuth2ClientAuthModeConfig = HttpClientConfig.OAuth2ClientAuthModeConfig;
    public const string BatchKeyPatternConfig = "batch.key.pattern";
    public const string BatchMaxSizeConfig = "batch.max.size";
    public const string BatchPrefixConfig = "batch.prefix";
    public const string BatchSuffixConfig = "batch.suffix";
    public const string BatchSeparatorConfig = "batch.separator";
    public const string BatchJsonAsArrayConfig = "batch.json.as.array";
    public const string RequestBodyFormatConfig = "request.body.format";
    public const string MaxRetriesConfig = HttpClientConfig.MaxRetriesConfig;
    public const string RetryBackoffMsConfig = HttpClientConfig.RetryBackoffMsConfig;
    public const string RetryBackoffPolicyConfig = HttpClientConfig.RetryBackoffPolicyConfig;
    public const string RetryOnStatusCodesConfig = HttpClientConfig.RetryOnStatusCodesConfig;
    public const string ReporterBootstrapServersConfig = "reporter.bootstrap.servers";
    public const string ReporterResultTopicNameConfig = "reporter.result.topic.name";
    public const string ReporterErrorTopicNameConfig = "reporter.error.topic.name";

    public const string AuthNone = HttpClientConfig.AuthNone;
    public const string AuthBasic = HttpClientConfig.AuthBasic;
    public const string AuthOAuth2 = HttpClientConfig.AuthOAuth2;
    public const string BehaviorFail = "fail";
    public const string BehaviorLog = "log";
    public const string BehaviorIgnore = "ignore";
    public const string BehaviorDelete = "delete";
    public const string FormatString = "string";
    public const string FormatJson = "json";
    public const string ClientAuthHeader = HttpClientConfig.ClientAuthHeader;
    public const string ClientAuthUrl = HttpClientConfig.ClientAuthUrl;
    public const string BackoffConstant = HttpClientConfig.BackoffConstant;
    public const string BackoffExponentialWithJitter = HttpClientConfig.BackoffExponentialWithJitter;

    private const string Connection = "Connection";
    private const string Batching = "Batching";
    private const string Reporter = "Reporter";

    public static ConfigDef Keys { get; } = new ConfigDef()
        .Define(HttpApiUrlConfig, ConfigType.String, ConfigDef.NoDefaultValue, Validators.All(Validators.NonEmptyString(), Validators.With(HttpClientConfig.ValidateUrl, "an absolute http or https URL")), Importance.High,
            "The URL records are sent to; ${topic} and ${key} are replaced by the record's topic and key (the key URL-escaped).", Connection, 1, Width.Long, "HTTP URL")
        .Define(RequestMethodConfig, ConfigType.String, "POST", Validators.CaseInsensitiveValidString("POST", "PUT", "PATCH"), Importance.High,
            "The HTTP method of the requests that carry records.", Connection, 2, Width.Short, "Request Method")
        .Define(HeadersConfig, ConfigType.String, string.Empty, null, Importance.High,
            "HTTP headers sent with every request, as name:value pairs separated by header.separator.", Connection, 3, Width.Long, "Headers")
        .Define(HeaderSeparatorConfig, ConfigType.String, "|", Validators.NonEmptyString(), Importance.High,
            "The separator between the pairs of headers.", Connection, 4, Width.Short, "Header Separator")
        .Define(BehaviorOnNullValuesConfig, ConfigType.String, BehaviorIgnore, Validators.CaseInsensitiveValidString(BehaviorIgnore, BehaviorDelete, BehaviorLog, BehaviorFail), Importance.Low,
            "What a record with a null value does: ignore (skip it), delete (a DELETE request to its URL), log (report it as errant), fail (handled as behavior.on.error).", Connection, 7, Width.Short, "Behavior on null values")
        .Define(BehaviorOnErrorConfig, ConfigType.String, BehaviorFail, Validators.CaseInsensitiveValidString(BehaviorFail, BehaviorLog, BehaviorIgnore), Importance.Low,
            "What a request that still fails after its retries does: fail (fail the task, nothing committed), log (report its records as errant and go on), ignore (go on).", Connection, 8, Width.Short, "Behavior on error")
        .DefineClient()
        .Define(BatchKeyPatternConfig, ConfigType.String, "someKey", null, Importance.High,
            "Consecutive records whose pattern (${key}, ${topic}) and URL agree go in one request.", Batching, 1, Width.Medium, "Batch key pattern")
        .Define(BatchMaxSizeConfig, ConfigType.Int, 1, Validators.AtLeast(1), Importance.High,
            "The most records in one request.", Batching, 2, Width.Short, "Batch max size")
        .Define(BatchPrefixConfig, ConfigType.String, string.Empty, null, Importance.High,
            "Text written once before the records of a request.", Batching, 3, Width.Short, "Batch prefix")
        .Define(BatchSuffixConfig, ConfigType.String, string.Empty, null, Importance.High,
            "Text written once after the records of a request.", Batching, 4, Width.Short, "Batch suffix")
        .Define(BatchSeparatorConfig, ConfigType.String, ",", null, Importance.High,
            "Text written between the records of a request.", Batching, 5, Width.Short, "Batch separator")
        .Define(BatchJsonAsArrayConfig, ConfigType.Boolean, false, null, Importance.High,
            "With request.body.format=json, send each request as a JSON array of its records (prefix, suffix and separator ignored).", Batching, 6, Width.Short, "Batch JSON as array")
        .Define(RequestBodyFormatConfig, ConfigType.String, FormatString, Validators.CaseInsensitiveValidString(FormatString, FormatJson), Importance.Medium,
            "How a record value is written in the body: string (its text) or json (its JSON, as JsonConverter without schemas writes it).", Batching, 7, Width.Short, "Request Body Format")
        .Define(ReporterBootstrapServersConfig, ConfigType.String, string.Empty, null, Importance.Low,
            "Not yet: the brokers of the success and error reporter.", Reporter, 1, Width.Long, "Reporter bootstrap servers")
        .Define(ReporterResultTopicNameConfig, ConfigType.String, "${connector}-success", null, Importance.Low,
            "Not yet: the topic of the success reporter.", Reporter, 2, Width.Medium, "Reporter result topic name")
        .Define(ReporterErrorTopicNameConfig, ConfigType.String, "${connector}-error", null, Importance.Low,
            "Not yet: the topic of the error reporter.", Reporter, 3, Width.Medium, "Reporter error topic name");

    public HttpSinkConfig(IReadOnlyDictionary<string, string> props)
        : base(Keys, props)
    {
        if (CrossKeyErrors(this).FirstOrDefault() is { Key: not null } error)
        {
            throw new ConfigException(error.Message) { Name = error.Key };
        }

        Headers = ParseHeaders(GetString(HeadersConfig)!, GetString(HeaderSeparatorConfig)!);
        RetryOnStatusCodes = StatusCodeRanges.Parse(GetString(RetryOnStatusCodesConfig)!);
    }

    public string Url => GetString(HttpApiUrlConfig)!;

    public HttpMethod Method => new(GetString(RequestMethodConfig)!.ToUpperInvariant());

    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

    public StatusCodeRanges RetryOnStatusCodes { get; }

    public string AuthType => GetString(AuthTypeConfig)!.ToUpperInvariant();

    public string BehaviorOnError => GetString(BehaviorOnErrorConfig)!.ToLowerInvariant();

    public string BehaviorOnNullValues => GetString(BehaviorOnNullValuesConfig)!.ToLowerInvariant();

    public string BodyFormat => GetString(RequestBodyFormatConfig)!.ToLowerInvariant();

    /// <summary>The errors that involve more than one key, each with the key it is reported on.</summary>
    public static IEnumerable<(string Key, string Message)> CrossKeyErrors(AbstractConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        foreach (var error in HttpClientConfig.CrossKeyErrors(config))
        {
            yield return error;
        }

        string? headersError = null;
        try
        {
            _ = ParseHeaders(config.GetString(HeadersConfig)!, config.GetString(HeaderSeparatorConfig)!);
        }
        catch (ConfigException e)
        {
            headersError = e.Message;
        }

        if (headersError is not null)
        {
            yield return (HeadersConfig, headersError);
        }
    }

    /// <summary>Splits <c>headers</c> (or the source's <c>http.request.headers</c>) into name/value pairs at the separator, each pair at its first colon.</summary>
    internal static IReadOnlyList<KeyValuePair<string, string>> ParseHeaders(string headers, string separator, string key = HeadersConfig)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var entry in headers.Split(separator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = entry.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw new ConfigException(key, headers, $"The header '{entry}' is not of the form name:value (pairs are separated by '{separator}')");
            }

            pairs.Add(new(entry[..colon].Trim(), entry[(colon + 1)..].Trim()));
        }

        return pairs;
    }
}
