using System.Globalization;
using OrleansConnect.Plugins.Config;

namespace OrleansConnect.Plugins.Http.Source;

/// <summary>The keys of <see cref="HttpSourceConnector"/>, named and defaulted as Confluent's HTTP Source connector.</summary>
public sealed class HttpSourceConfig : AbstractConfig
{
    public const string UrlConfig = "url";
    public const string TopicNamePatternConfig = "topic.name.pattern";
    public const string RequestMethodConfig = "http.request.method";
    public const string RequestHeadersConfig = "http.request.headers";
    public const string RequestHeadersSeparatorConfig = "http.request.headers.separator";
    public const string RequestParametersConfig = "http.request.parameters";
    public const string RequestParametersSeparatorConfig = "http.request.parameters.separator";
    public const string RequestBodyConfig = "http.request.body";
    public const string InitialOffsetConfig = "http.initial.offset";
    public const string OffsetModeConfig = "http.offset.mode";
    public const string DataPointerConfig = "http.response.data.json.pointer";
    public const string OffsetPointerConfig = "http.offset.json.pointer";
    public const string NextPagePointerConfig = "http.next.page.json.pointer";
    public const string RequestIntervalMsConfig = "request.interval.ms";

    public const string SimpleIncrementing = "SIMPLE_INCREMENTING";
    public const string CursorPagination = "CURSOR_PAGINATION";
    public const string Chaining = "CHAINING";

    private const string Connection = "Connection";
    private const string Offsets = "Offsets";

    public static ConfigDef Keys { get; } = new ConfigDef()
        .Define(UrlConfig, ConfigType.String, ConfigDef.NoDefaultValue, Validators.All(Validators.NonEmptyString(), Validators.With(HttpClientConfig.ValidateUrl, "an absolute http or https URL")), Importance.High,
            "The URL polled; ${offset} is replaced by the current offset (URL-escaped).", Connection, 1, Width.Long, "URL")
        .Define(TopicNamePatternConfig, ConfigType.String, ConfigDef.NoDefaultValue, Validators.NonEmptyString(), Importance.High,
            "The topic the records go to.", Connection, 2, Width.Medium, "Topic name pattern")
        .Define(RequestMethodConfig, ConfigType.String, "GET", Validators.CaseInsensitiveValidString("GET", "POST"), Importance.High,
            "The HTTP method of the requests.", Connection, 3, Width.Short, "Request method")
        .Define(RequestHeadersConfig, ConfigType.String, string.Empty, null, Importance.Medium,
            "HTTP headers sent with every request, as name:value pairs separated by http.request.headers.separator.", Connection, 4, Width.Long, "Request headers")
        .Define(RequestHeadersSeparatorConfig, ConfigType.String, "|", Validators.NonEmptyString(), Importance.Low,
            "The separator between the pairs of http.request.headers.", Connection, 5, Width.Short, "Request headers separator")
        .Define(RequestParametersConfig, ConfigType.String, string.Empty, null, Importance.Medium,
            "Query parameters added to every request, as name=value pairs separated by http.request.parameters.separator; ${offset} is replaced by the offset.", Connection, 6, Width.Long, "Request parameters")
        .Define(RequestParametersSeparatorConfig, ConfigType.String, "&", Validators.NonEmptyString(), Importance.Low,
            "The separator between the pairs of http.request.parameters.", Connection, 7, Width.Short, "Request parameters separator")
        .Define(RequestBodyConfig, ConfigType.String, string.Empty, null, Importance.Medium,
            "The body of POST requests (JSON); ${offset} is replaced by the offset.", Connection, 8, Width.Long, "Request body")
        .Define(RequestIntervalMsConfig, ConfigType.Int, 15000, Validators.AtLeast(0), Importance.High,
            "Milliseconds between requests once a response brought nothing new.", Connection, 9, Width.Short, "Request interval (ms)")
        .Define(OffsetModeConfig, ConfigType.String, SimpleIncrementing, Validators.CaseInsensitiveValidString(SimpleIncrementing, CursorPagination, Chaining), Importance.High,
            "How the next offset is found: SIMPLE_INCREMENTING (the offset plus the records read), CURSOR_PAGINATION (the response's next page, http.next.page.json.pointer), CHAINING (the last record's http.offset.json.pointer).", Offsets, 1, Width.Medium, "Offset mode")
        .Define(InitialOffsetConfig, ConfigType.String, string.Empty, null, Importance.High,
            "The offset of the first request when none is stored (SIMPLE_INCREMENTING: a number, default 0).", Offsets, 2, Width.Medium, "Initial offset")
        .Define(DataPointerConfig, ConfigType.String, string.Empty, Validators.With(JsonPointer.Validate, "a JSON Pointer"), Importance.High,
            "The JSON Pointer to the records in a response: an array of records, or one record; empty is the whole response.", Offsets, 3, Width.Medium, "Response data JSON pointer")
        .Define(OffsetPointerConfig, ConfigType.String, string.Empty, Validators.With(JsonPointer.Validate, "a JSON Pointer"), Importance.Medium,
            "CHAINING: the JSON Pointer, in each record, to its offset.", Offsets, 4, Width.Medium, "Offset JSON pointer")
        .Define(NextPagePointerConfig, ConfigType.String, string.Empty, Validators.With(JsonPointer.Validate, "a JSON Pointer"), Importance.Medium,
            "CURSOR_PAGINATION: the JSON Pointer, in the response, to the next page's cursor.", Offsets, 5, Width.Medium, "Next page JSON pointer")
        .DefineClient();

    public HttpSourceConfig(IReadOnlyDictionary<string, string> props)
        : base(Keys, props)
    {
        if (CrossKeyErrors(this).FirstOrDefault() is { Key: not null } error)
        {
            throw new ConfigException(error.Message) { Name = error.Key };
        }

        Headers = Sink.HttpSinkConfig.ParseHeaders(GetString(RequestHeadersConfig)!, GetString(RequestHeadersSeparatorConfig)!, RequestHeadersConfig);
    }

    public string OffsetMode => GetString(OffsetModeConfig)!.ToUpperInvariant();

    public HttpMethod Method => new(GetString(RequestMethodConfig)!.ToUpperInvariant());

    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

    /// <summary>The errors that involve more than one key, each with the key it is reported on.</summary>
    public static IEnumerable<(string Key, string Message)> CrossKeyErrors(AbstractConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        foreach (var error in HttpClientConfig.CrossKeyErrors(config))
        {
            yield return error;
        }

        var mode = config.GetString(OffsetModeConfig)!.ToUpperInvariant();
        var initial = config.GetString(InitialOffsetConfig)!;
        if (mode == SimpleIncrementing && initial.Length > 0 && !long.TryParse(initial, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
        {
            yield return (InitialOffsetConfig, $"{OffsetModeConfig}={SimpleIncrementing} counts records: '{InitialOffsetConfig}' must be a number, not '{initial}'");
        }

        if (mode == CursorPagination && string.IsNullOrEmpty(config.GetString(NextPagePointerConfig)))
        {
            yield return (NextPagePointerConfig, $"{OffsetModeConfig}={CursorPagination} needs '{NextPagePointerConfig}', where the response names the next page");
        }

        if (mode == Chaining && string.IsNullOrEmpty(config.GetString(OffsetPointerConfig)))
        {
            yield return (OffsetPointerConfig, $"{OffsetModeConfig}={Chaining} needs '{OffsetPointerConfig}', where each record holds its offset");
        }

        string? headersError = null;
        try
        {
            _ = Sink.HttpSinkConfig.ParseHeaders(config.GetString(RequestHeadersConfig)!, config.GetString(RequestHeadersSeparatorConfig)!, RequestHeadersConfig);
        }
        catch (ConfigException e)
        {
            headersError = e.Message;
        }

        if (headersError is not null)
        {
            yield return (RequestHeadersConfig, headersError);
        }
    }
}
