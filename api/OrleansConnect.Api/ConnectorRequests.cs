using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Microsoft.Net.Http.Headers;
using OrleansConnect.Grains;

namespace OrleansConnect.Api;

/// <summary>
/// Reads connector request bodies and checks their JSON shape, with a 400 naming what is wrong. Whether the config
/// itself is valid is the connector grain's call.
/// </summary>
internal static class ConnectorRequests
{
    /// <summary>Kafka's validation error for a key given a null value.</summary>
    public const string NullValueError = "Null value can not be supplied as the configuration value.";

    public static async Task<(string Name, CreateConnectorRequest Request)> ReadCreateAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var body = await ReadAsync(request, cancellationToken);
        return Decode(body.RootElement, ReadCreate);
    }

    /// <summary>A true/false query parameter (false when absent); a 400 naming it otherwise.</summary>
    public static bool QueryFlag(HttpRequest request, string name)
    {
        var value = request.Query[name].ToString();
        return value.Length == 0
            ? false
            : bool.TryParse(value, out var flag) ? flag : throw ConnectRestException.BadRequest($"Query parameter {name} must be true or false, not '{value}'");
    }

    public static async Task<ImmutableDictionary<string, string>> ReadConfigAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (config, nullKeys) = await ReadConfigWithNullsAsync(request, cancellationToken);
        return nullKeys.IsEmpty ? config : throw NullValues(nullKeys);
    }

    /// <summary>
    /// A <c>/config/validate</c> body: the config, and apart the keys whose value is null, which Kafka reports as errors
    /// on those keys rather than refusing the request.
    /// </summary>
    public static async Task<(ImmutableDictionary<string, string> Config, ImmutableArray<string> NullKeys)> ReadConfigWithNullsAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var body = await ReadAsync(request, cancellationToken);
        return body.RootElement.ValueKind == JsonValueKind.Object
            ? Decode(body.RootElement, SplitNulls)
            : throw ConnectRestException.BadRequest("The request body must be the connector config as a JSON object");
    }

    /// <summary>A <c>PATCH /config</c> body: like a config, but a null value is kept, meaning "remove this key".</summary>
    public static async Task<ImmutableDictionary<string, string?>> ReadConfigPatchAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var body = await ReadAsync(request, cancellationToken);
        return body.RootElement.ValueKind == JsonValueKind.Object
            ? Decode(body.RootElement, config => ReadValues(config, keepNulls: true))
            : throw ConnectRestException.BadRequest("The request body must be the connector config changes as a JSON object");
    }

    /// <summary>
    /// A <c>PATCH /offsets</c> body, Kafka's ConnectorOffsets: <c>{"offsets":[{"partition":{...},"offset":{...}|null}]}</c>
    /// with at least one entry. Partitions and offsets are passed on as JSON text; the grain checks their content.
    /// </summary>
    public static async Task<ImmutableArray<ConnectorOffset>> ReadOffsetsAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var body = await ReadAsync(request, cancellationToken);
        return Decode(body.RootElement, ReadOffsets);
    }

    private static ImmutableArray<ConnectorOffset> ReadOffsets(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw ConnectRestException.BadRequest("The request body must be a JSON object with \"offsets\"");
        }

        if (!root.TryGetProperty("offsets", out var offsets) || offsets.ValueKind == JsonValueKind.Null
            || (offsets.ValueKind == JsonValueKind.Array && offsets.GetArrayLength() == 0))
        {
            throw ConnectRestException.BadRequest("Partitions / offsets need to be provided for an alter offsets request");
        }

        if (offsets.ValueKind != JsonValueKind.Array)
        {
            throw ConnectRestException.BadRequest("\"offsets\" must be a JSON array of {\"partition\": {...}, \"offset\": {...}} objects");
        }

        var result = ImmutableArray.CreateBuilder<ConnectorOffset>();
        foreach (var entry in offsets.EnumerateArray())
        {
            if (entry.ValueKind != JsonValueKind.Object)
            {
                throw ConnectRestException.BadRequest($"Each element of \"offsets\" must be a JSON object, not {entry.GetRawText()}");
            }

            if (!entry.TryGetProperty("partition", out var partition) || partition.ValueKind == JsonValueKind.Null)
            {
                throw ConnectRestException.BadRequest("The partition for a connector offset cannot be null or missing");
            }

            if (partition.ValueKind != JsonValueKind.Object)
            {
                throw ConnectRestException.BadRequest($"The partition for a connector offset must be a JSON object, not {partition.GetRawText()}");
            }

            var offset = entry.TryGetProperty("offset", out var o) ? o : default;
            if (offset.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null or JsonValueKind.Object))
            {
                throw ConnectRestException.BadRequest($"The offset for a connector offset must be a JSON object or null, not {offset.GetRawText()}");
            }

            result.Add(new ConnectorOffset(Text(partition), offset.ValueKind == JsonValueKind.Object ? Text(offset) : null));
        }

        return result.ToImmutable();
    }

    /// <summary>
    /// The element's JSON text, after reading every name and string in it once: a lone surrogate escape throws here,
    /// inside <see cref="Decode"/> (a 400), rather than later in a grain.
    /// </summary>
    private static string Text(JsonElement element)
    {
        Touch(element);
        return element.GetRawText();

        static void Touch(JsonElement value)
        {
            switch (value.ValueKind)
            {
                case JsonValueKind.String:
                    _ = value.GetString();
                    break;
                case JsonValueKind.Array:
                    foreach (var item in value.EnumerateArray())
                    {
                        Touch(item);
                    }

                    break;
                case JsonValueKind.Object:
                    foreach (var property in value.EnumerateObject())
                    {
                        _ = property.Name;
                        Touch(property.Value);
                    }

                    break;
            }
        }
    }

    /// <summary>
    /// A <c>POST /connector-plugins/transforms/preview</c> body: <c>{"config": {...}, "records": [{"topic": "t",
    /// "partition": 0, "key": any, "value": any, "headers": {"h": any}, "timestamp": 1}]}</c>. Key, value and header values
    /// are passed on as JSON text for the converters; only <c>topic</c> is required in a record.
    /// </summary>
    public static async Task<TransformPreviewRequest> ReadPreviewAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var body = await ReadAsync(request, cancellationToken);
        return Decode(body.RootElement, ReadPreview);
    }

    private static TransformPreviewRequest ReadPreview(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw ConnectRestException.BadRequest("The request body must be a JSON object with \"config\" and \"records\"");
        }

        if (!root.TryGetProperty("config", out var config) || config.ValueKind != JsonValueKind.Object)
        {
            throw ConnectRestException.BadRequest("\"config\" must be the transforms and predicates keys of a connector config, as a JSON object");
        }

        if (!root.TryGetProperty("records", out var records) || records.ValueKind != JsonValueKind.Array)
        {
            throw ConnectRestException.BadRequest("\"records\" must be a JSON array of records");
        }

        var result = ImmutableArray.CreateBuilder<PreviewRecord>();
        var index = 0;
        foreach (var record in records.EnumerateArray())
        {
            result.Add(ReadPreviewRecord(record, $"records[{index++}]"));
        }

        return new TransformPreviewRequest(ReadConfig(config), result.ToImmutable());
    }

    private static PreviewRecord ReadPreviewRecord(JsonElement record, string path)
    {
        if (record.ValueKind != JsonValueKind.Object)
        {
            throw ConnectRestException.BadRequest($"{path} must be a JSON object");
        }

        if (!record.TryGetProperty("topic", out var topic) || topic.ValueKind != JsonValueKind.String || topic.GetString()!.Length == 0)
        {
            throw ConnectRestException.BadRequest($"{path}.topic must be a non-empty string");
        }

        var partition = Optional(record, "partition", path, e => e.TryGetInt32(out var p) && p >= 0 ? p : (int?)null, "a partition number");
        var timestamp = Optional(record, "timestamp", path, e => e.TryGetInt64(out var t) ? t : (long?)null, "milliseconds since the epoch");
        var headers = ImmutableArray.CreateBuilder<PreviewHeader>();
        if (record.TryGetProperty("headers", out var h) && h.ValueKind != JsonValueKind.Null)
        {
            if (h.ValueKind != JsonValueKind.Object)
            {
                throw ConnectRestException.BadRequest($"{path}.headers must be a JSON object of header values");
            }

            foreach (var header in h.EnumerateObject())
            {
                headers.Add(new PreviewHeader(header.Name, Text(header.Value)));
            }
        }

        return new PreviewRecord(topic.GetString()!, partition, JsonText(record, "key"), JsonText(record, "value"), headers.ToImmutable(), timestamp);

        static string? JsonText(JsonElement record, string name) =>
            record.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? Text(value) : null;
    }

    private static T? Optional<T>(JsonElement record, string name, string path, Func<JsonElement, T?> read, string what) where T : struct =>
        !record.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null
            ? null
            : (value.ValueKind == JsonValueKind.Number ? read(value) : null) ?? throw ConnectRestException.BadRequest($"{path}.{name} must be {what}, not {value.GetRawText()}");

    /// <summary>A <c>PUT /admin/loggers/{logger}</c> body, <c>{"level": "DEBUG"}</c>; Kafka's 400 without a level.</summary>
    public static async Task<string> ReadLevelAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var body = await ReadAsync(request, cancellationToken);
        return Decode(body.RootElement, root =>
            root.ValueKind == JsonValueKind.Object && root.TryGetProperty("level", out var level) && level.ValueKind == JsonValueKind.String
                ? level.GetString()!
                : throw ConnectRestException.BadRequest("Desired 'level' parameter was not specified in request."));
    }

    /// <summary>
    /// A connector file of <c>connect-standalone</c> in JSON, in either of Kafka's forms: <c>{"name", "config",
    /// "initial_state"}</c> as <c>POST /connectors</c> takes, or the bare config with its <c>name</c> key. The same
    /// checks and messages as the REST body; a <c>name</c> inside <c>config</c> must match the outer one (Kafka's rule).
    /// </summary>
    internal static (string Name, CreateConnectorRequest Request) ReadConnectorFile(JsonElement root)
    {
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("config", out var config) && config.ValueKind == JsonValueKind.Object)
        {
            var (name, request) = Decode(root, ReadCreate);
            return request.Config.TryGetValue("name", out var inner) && inner != name
                ? throw ConnectRestException.BadRequest($"Connector name '{inner}' in \"config\" does not match \"name\" '{name}'")
                : (name, request with { Config = request.Config.SetItem("name", name) });
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            throw ConnectRestException.BadRequest("A connector file must be a JSON object: the connector config, or {\"name\", \"config\"}");
        }

        var bare = Decode(root, ReadConfig);
        return bare.TryGetValue("name", out var bareName) && bareName.Trim().Length > 0
            ? (bareName.Trim(), new CreateConnectorRequest(bare))
            : throw ConnectRestException.BadRequest("The connector config is missing the mandatory 'name' key");
    }

    private static (string Name, CreateConnectorRequest Request) ReadCreate(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw ConnectRestException.BadRequest("The request body must be a JSON object with \"name\" and \"config\"");
        }

        // Kafka trims the name before it checks it.
        var name = root.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()!.Trim() : null;
        if (string.IsNullOrEmpty(name))
        {
            throw ConnectRestException.BadRequest("Connector name must be specified in \"name\"");
        }

        // Kafka's rule for connector names (NonEmptyStringWithoutControlChars); such a name could not be addressed in a URL.
        if (name.Any(char.IsControl))
        {
            throw ConnectRestException.BadRequest("Invalid value for configuration name: Connector name should not contain ISO control characters");
        }

        if (!root.TryGetProperty("config", out var config) || config.ValueKind != JsonValueKind.Object)
        {
            throw ConnectRestException.BadRequest("Connector config must be specified in \"config\" as a JSON object");
        }

        var initialState = TargetState.Started;
        if (root.TryGetProperty("initial_state", out var state) && state.ValueKind != JsonValueKind.Null)
        {
            initialState = (state.ValueKind == JsonValueKind.String ? state.GetString() : null)?.ToUpperInvariant() switch
            {
                "RUNNING" => TargetState.Started,
                "PAUSED" => TargetState.Paused,
                "STOPPED" => TargetState.Stopped,
                _ => throw ConnectRestException.BadRequest($"Invalid initial_state {state}: must be one of RUNNING, PAUSED, STOPPED"),
            };
        }

        var (values, nullKeys) = SplitNulls(config);
        return nullKeys.IsEmpty ? (name, new CreateConnectorRequest(values, initialState)) : throw NullValues(nullKeys);
    }

    private static (ImmutableDictionary<string, string> Config, ImmutableArray<string> NullKeys) SplitNulls(JsonElement config)
    {
        var values = ReadValues(config, keepNulls: true);
        ImmutableArray<string> nullKeys = [.. values.Where(p => p.Value is null).Select(p => p.Key)];

        return (values.RemoveRange(nullKeys).ToImmutableDictionary(p => p.Key, p => p.Value!, StringComparer.Ordinal), nullKeys);
    }

    /// <summary>Kafka's 400 for a config with null values (each an error of validation), naming each key.</summary>
    private static ConnectRestException NullValues(ImmutableArray<string> keys) => ConnectRestException.BadRequest(
        string.Create(CultureInfo.InvariantCulture, $"Connector configuration is invalid and contains the following {keys.Length} error(s):\n")
        + string.Join("\n", keys.Select(k => $"{k}: {NullValueError}"))
        + "\nYou can also find the above list of errors at the endpoint `/connector-plugins/{connectorType}/config/validate`");

    /// <summary>
    /// Config values are strings in Kafka Connect; numbers and booleans are taken as their JSON text (Jackson does the
    /// same), nested objects and arrays are refused, and a null value is left out (the preview's config).
    /// </summary>
    // Without keepNulls no value is null, so the non-null view is exact.
    private static ImmutableDictionary<string, string> ReadConfig(JsonElement config) =>
        ReadValues(config, keepNulls: false)!;

    private static ImmutableDictionary<string, string?> ReadValues(JsonElement config, bool keepNulls)
    {
        var result = ImmutableDictionary.CreateBuilder<string, string?>(StringComparer.Ordinal);
        foreach (var property in config.EnumerateObject())
        {
            var value = property.Value;
            switch (value.ValueKind)
            {
                case JsonValueKind.String:
                    result[property.Name] = value.GetString()!;
                    break;
                case JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False:
                    result[property.Name] = value.GetRawText();
                    break;
                case JsonValueKind.Null:
                    if (keepNulls)
                    {
                        result[property.Name] = null;
                    }

                    break;
                default:
                    throw ConnectRestException.BadRequest($"Invalid value for configuration {property.Name}: config values must be strings, not {value.ValueKind.ToString().ToLowerInvariant()}s");
            }
        }

        return result.ToImmutable();
    }

    /// <summary>
    /// Runs a reader over parsed JSON. A string that escapes a lone UTF-16 surrogate (<c>"\ud800"</c>) parses but has no
    /// .NET string: reading it throws InvalidOperationException, which is the client's error, not ours.
    /// </summary>
    private static T Decode<T>(JsonElement root, Func<JsonElement, T> read)
    {
        try
        {
            return read(root);
        }
        catch (InvalidOperationException e)
        {
            throw ConnectRestException.BadRequest($"Request body is not valid JSON text: {e.Message}");
        }
    }

    private static async Task<JsonDocument> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        // Kafka's resources consume application/json only (Jersey answers 415 for anything else, curl -d's form type
        // included); a request without a Content-Type is read as JSON, as Jersey does.
        if (!string.IsNullOrEmpty(request.ContentType)
            && !(MediaTypeHeaderValue.TryParse(request.ContentType, out var type) && string.Equals(type.MediaType.Value, "application/json", StringComparison.OrdinalIgnoreCase)))
        {
            throw new ConnectRestException(StatusCodes.Status415UnsupportedMediaType, "HTTP 415 Unsupported Media Type");
        }

        try
        {
            return await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
        }
        catch (JsonException e)
        {
            throw ConnectRestException.BadRequest($"Request body is not valid JSON: {e.Message}");
        }
    }
}
