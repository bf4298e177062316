using OrleansConnect.Plugins.Config;

namespace OrleansConnect.Plugins.Http.Sink;

/// <summary>The keys of <see cref="HttpSinkConnector"/>, named and defaulted as Confluent's HttpSinkConfig.</summary>
public sealed class HttpSinkConfig : AbstractConfig
{
    public const string HttpApiUrlConfig = "http.api.url";
    public const string RequestMethodConfig = "request.method";
    public const string HeadersConfig = "headers";
    public const string HeaderSeparatorConfig = "header.separator";
    public const string ConnectTimeoutMsConfig = "http.connect.timeout.ms";
    public const string RequestTimeoutMsConfig = "http.request.timeout.ms";
    public const string BehaviorOnNullValuesConfig = "behavior.on.null.values";
    public const string BehaviorOnErrorConfig = "behavior.on.error";
    public const string AuthTypeConfig = "auth.type";
    public const string ConnectionUserConfig = "connection.user";
    public const string ConnectionPasswordConfig = "connection.password";
    public const string OAuth2TokenUrlConfig = "oauth2.token.url";
    public const string OAuth2ClientIdConfig = "oauth2.client.id";
    public const string OAuth2ClientSecretConfig = "oauth2.client.secret";
    public const string OAuth2TokenPropertyConfig = "oauth2.token.property";
    public const string OAuth2ClientScopeConfig = "oauth2.client.scope";
    public const string OAuth2ClientAuthModeConfig = "oauth2.client.auth.mode";
    public const string BatchKeyPatternConfig = "batch.key.pattern";
    public const string BatchMaxSizeConfig = "batch.max.size";
    public const string BatchPrefixConfig = "batch.prefix";
    public const string BatchSuffixConfig = "batch.suffix";
    public const string BatchSeparatorConfig = "batch.separator";
    public const string BatchJsonAsArrayConfig = "batch.json.as.array";
    public const string RequestBodyFormatConfig = "request.body.format";
    public const string MaxRetriesConfig = "max.retries";
    public const string RetryBackoffMsConfig = "retry.backoff.ms";
    public const string RetryBackoffPolicyConfig = "retry.backoff.policy";
    public const string RetryOnStatusCodesConfig = "retry.on.status.codes";
    public const string ReporterBootstrapServersConfig = "reporter.bootstrap.servers";
    public const string ReporterResultTopicNameConfig = "reporter.result.topic.name";
    public const string ReporterErrorTopicNameConfig = "reporter.error.topic.name";

    public const string AuthNone = "NONE";
    public const string AuthBasic = "BASIC";
    public const string AuthOAuth2 = "OAUTH2";
    public const string BehaviorFail = "fail";
    public const string BehaviorLog = "log";
    public const string BehaviorIgnore = "ignore";
    public const string BehaviorDelete = "delete";
    public const string FormatString = "string";
    public const string FormatJson = "json";
    public const string ClientAuthHeader = "header";
    public const string ClientAuthUrl = "url";
    public const string BackoffConstant = "CONSTANT_VALUE";
    public const string BackoffExponentialWithJitter = "EXPONENTIAL_WITH_JITTER";

    private const string Connection = "Connection";
    private const string Authentication = "Authentication";
    private const string Batching = "Batching";
    private const string Retries = "Retries";
    private const string Reporter = "Reporter";

    public static ConfigDef Keys { get; } = new ConfigDef()
        .Define(HttpApiUrlConfig, ConfigType.String, ConfigDef.NoDefaultValue, Validators.All(Validators.NonEmptyString(), Validators.With(ValidateUrl, "an absolute http or https URL")), Importance.High,
            "The URL records are sent to; ${topic} and ${key} are replaced by the record's topic and key (the key URL-escaped).", Connection, 1, Width.Long, "HTTP URL")
        .Define(RequestMethodConfig, ConfigType.String, "POST", Validators.CaseInsensitiveValidString("POST", "PUT", "PATCH"), Importance.High,
            "The HTTP method of the requests that carry records.", Connection, 2, Width.Short, "Request Method")
        .Define(HeadersConfig, ConfigType.String, string.Empty, null, Importance.High,
            "HTTP headers sent with every request, as name:value pairs separated by header.separator.", Connection, 3, Width.Long, "Headers")
        .Define(HeaderSeparatorConfig, ConfigType.String, "|", Validators.NonEmptyString(), Importance.High,
            "The separator between the pairs of headers.", Connection, 4, Width.Short, "Header Separator")
        .Define(ConnectTimeoutMsConfig, ConfigType.Int, 30000, Validators.AtLeast(1), Importance.Low,
            "Milliseconds to wait for a TCP connection to the endpoint.", Connection, 5, Width.Short, "Connect Timeout (ms)")
        .Define(RequestTimeoutMsConfig, ConfigType.Int, 30000, Validators.AtLeast(1), Importance.Low,
            "Milliseconds to wait for the response to one attempt of a request; a timed-out attempt is retried.", Connection, 6, Width.Short, "Request Timeout (ms)")
        .Define(BehaviorOnNullValuesConfig, ConfigType.String, BehaviorIgnore, Validators.CaseInsensitiveValidString(BehaviorIgnore, BehaviorDelete, BehaviorLog, BehaviorFail), Importance.Low,
            "What a record with a null value does: ignore (skip it), delete (a DELETE request to its URL), log (report it as errant), fail (handled as behavior.on.error).", Connection, 7, Width.Short, "Behavior on null values")
        .Define(BehaviorOnErrorConfig, ConfigType.String, BehaviorFail, Validators.CaseInsensitiveValidString(BehaviorFail, BehaviorLog, BehaviorIgnore), Importance.Low,
            "What a request that still fails after its retries does: fail (fail the task, nothing committed), log (report its records as errant and go on), ignore (go on).", Connection, 8, Width.Short, "Behavior on error")
        .Define(AuthTypeConfig, ConfigType.String, AuthNone, Validators.CaseInsensitiveValidString(AuthNone, AuthBasic, AuthOAuth2), Importance.High,
            "How requests authenticate: NONE, BASIC (connection.user/connection.password) or OAUTH2 (the client credentials grant).", Authentication, 1, Width.Short, "Authentication Type")
        .Define(ConnectionUserConfig, ConfigType.String, null, null, Importance.High,
            "The user name of basic authentication.", Authentication, 2, Width.Medium, "Username")
        .Define(ConnectionPasswordConfig, ConfigType.Password, null, null, Importance.High,
            "The password of basic authentication.", Authentication, 3, Width.Medium, "Password")
        .Define(OAuth2TokenUrlConfig, ConfigType.String, null, Validators.With(ValidateOptionalUrl, "an absolute http or https URL"), Importance.High,
            "The token endpoint of the OAuth2 client credentials grant.", Authentication, 4, Width.Long, "OAuth2 token URL")
        .Define(OAuth2ClientIdConfig, ConfigType.String, null, null, Importance.High,
            "The OAuth2 client id.", Authentication, 5, Width.Medium, "OAuth2 client ID")
        .Define(OAuth2ClientSecretConfig, ConfigType.Password, null, null, Importance.High,
            "The OAuth2 client secret.", Authentication, 6, Width.Medium, "OAuth2 client secret")
        .Define(OAuth2TokenPropertyConfig, ConfigType.String, "access_token", Validators.NonEmptyString(), Importance.Low,
            "The property of the token response that holds the access token.", Authentication, 7, Width.Medium, "OAuth2 token property")
        .Define(OAuth2ClientScopeConfig, ConfigType.String, "any", null, Importance.Low,
            "The scope asked for with the token; empty asks for none.", Authentication, 8, Width.Medium, "OAuth2 scope")
        .Define(OAuth2ClientAuthModeConfig, ConfigType.String, ClientAuthHeader, Validators.CaseInsensitiveValidString(ClientAuthHeader, ClientAuthUrl), Importance.Low,
            "How the client authenticates to the token endpoint: header (HTTP basic) or url (client_id and client_secret in the form body).", Authentication, 9, Width.Short, "OAuth2 client authentication mode")
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
        .Define(MaxRetriesConfig, ConfigType.Int, 10, Validators.AtLeast(0), Importance.Medium,
            "How many times a failed request is retried before behavior.on.error applies.", Retries, 1, Width.Short, "Max retries")
        .Define(RetryBackoffMsConfig, ConfigType.Int, 3000, Validators.AtLeast(0), Importance.Medium,
            "Milliseconds before the first retry (a Retry-After header of the response wins).", Retries, 2, Width.Short, "Retry backoff (ms)")
        .Define(RetryBackoffPolicyConfig, ConfigType.String, BackoffExponentialWithJitter, Validators.CaseInsensitiveValidString(BackoffConstant, BackoffExponentialWithJitter), Importance.Low,
            "CONSTANT_VALUE waits retry.backoff.ms before every retry; EXPONENTIAL_WITH_JITTER doubles it each time, with jitter.", Retries, 3, Width.Short, "Retry backoff policy")
        .Define(RetryOnStatusCodesConfig, ConfigType.String, "400-", Validators.With(ValidateStatusCodes, "codes and ranges such as 404,408,500-"), Importance.Medium,
            "The response codes that are retried: codes and inclusive ranges, comma-separated (400- is every code from 400; 400-500 includes 500). 401, 408 and 429 are always retried.", Retries, 4, Width.Medium, "Retry on status codes")
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
        var auth = config.GetString(AuthTypeConfig)!.ToUpperInvariant();
        if (auth == AuthBasic && string.IsNullOrEmpty(config.GetString(ConnectionUserConfig)))
        {
            yield return (ConnectionUserConfig, $"{AuthTypeConfig}={AuthBasic} needs '{ConnectionUserConfig}' (and '{ConnectionPasswordConfig}')");
        }

        if (auth == AuthOAuth2)
        {
            foreach (var key in new[] { OAuth2TokenUrlConfig, OAuth2ClientIdConfig })
            {
                if (string.IsNullOrEmpty(config.GetString(key)))
                {
                    yield return (key, $"{AuthTypeConfig}={AuthOAuth2} needs '{key}'");
                }
            }

            if (config.GetPassword(OAuth2ClientSecretConfig) is null)
            {
                yield return (OAuth2ClientSecretConfig, $"{AuthTypeConfig}={AuthOAuth2} needs '{OAuth2ClientSecretConfig}'");
            }
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

    /// <summary>Splits <c>headers</c> into name/value pairs at the separator, each pair at its first colon.</summary>
    internal static IReadOnlyList<KeyValuePair<string, string>> ParseHeaders(string headers, string separator)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var entry in headers.Split(separator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = entry.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw new ConfigException(HeadersConfig, headers, $"The header '{entry}' is not of the form name:value (pairs are separated by '{separator}', the {HeaderSeparatorConfig})");
            }

            pairs.Add(new(entry[..colon].Trim(), entry[(colon + 1)..].Trim()));
        }

        return pairs;
    }

    private static void ValidateUrl(string name, object? value)
    {
        if (value is not string s)
        {
            return;
        }

        // ${key} and ${topic} are not valid in a host but fine anywhere else: check the URL with them filled in.
        var filled = s.Replace("${topic}", "t", StringComparison.Ordinal).Replace("${key}", "k", StringComparison.Ordinal);
        if (!Uri.TryCreate(filled, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new ConfigException(name, value, "Not an absolute http:// or https:// URL");
        }
    }

    private static void ValidateOptionalUrl(string name, object? value)
    {
        if (value is string s && s.Length > 0)
        {
            ValidateUrl(name, value);
        }
    }

    private static void ValidateStatusCodes(string name, object? value)
    {
        if (value is string s)
        {
            _ = StatusCodeRanges.Parse(s, name);
        }
    }
}
