using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json;
using OrleansConnect.Grains.Hosting;
using OrleansConnect.Grains.Plugins;
using OrleansConnect.Plugins;
using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.Headers;
using OrleansConnect.Plugins.Sink;
using OrleansConnect.Plugins.Storage;

namespace OrleansConnect.Grains.Runtime;

/// <summary>
/// Runs sample records through a transformation chain as a sink task would (converters, then the chain) and reports
/// each step. Keys and values go in and come out as JSON text through the key and value converters: by default
/// Kafka's JsonConverter with <c>schemas.enable=false</c>, or the config's <c>key.converter</c> /
/// <c>value.converter</c> with their <c>.*</c> keys. Header values are read and written as schemaless JSON.
/// </summary>
internal sealed class TransformPreviewer(PluginRegistry registry, ConnectorValidator validator)
{
    private const string JsonConverterClass = "org.apache.kafka.connect.json.JsonConverter";
    private static readonly Dictionary<string, string> Schemaless = new(StringComparer.Ordinal) { ["schemas.enable"] = "false" };

    public ImmutableArray<RecordPreview> Preview(TransformPreviewRequest request)
    {
        var config = request.Config;
        var errors = validator.ValidatePlugins(config);
        if (errors.Count > 0)
        {
            var lines = ConnectorValidation.Lines(errors);
            throw ConnectRestException.BadRequest(
                string.Create(CultureInfo.InvariantCulture, $"Transformation configuration is invalid and contains the following {lines.Count} error(s):\n") + string.Join("\n", lines));
        }

        RecordConverters converters;
        IConverter headers;
        TransformationChain chain;
        try
        {
            var worker = new WorkerOptions
            {
                KeyConverter = JsonConverterClass,
                KeyConverterSettings = Schemaless,
                ValueConverter = JsonConverterClass,
                ValueConverterSettings = Schemaless,
            };
            converters = RecordConverters.Create(registry, worker, config);
            headers = registry.Create<IConverter>(registry.Resolve(PluginKind.Converter, JsonConverterClass, ConnectorConfig.HeaderConverterConfig));
            headers.Configure(Schemaless, isKey: false);
            chain = TransformationChain.Create(registry, config);
        }
        catch (ConfigException e)
        {
            // A plugin's Configure can refuse what its ConfigDef accepts; the message names the key where it can.
            throw ConnectRestException.BadRequest(e.Name is { } key && !e.Message.Contains(key, StringComparison.Ordinal) ? $"{key}: {e.Message}" : e.Message);
        }

        using (chain)
        {
            var types = config.Where(p => p.Key.StartsWith(ConnectorConfig.TransformsPrefix, StringComparison.Ordinal)).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
            return [.. request.Records.Select((record, index) => Preview(chain, converters, headers, types, record, index))];
        }
    }

    private static RecordPreview Preview(
        TransformationChain chain, RecordConverters converters, IConverter headerConverter, Dictionary<string, string> config, PreviewRecord input, int index)
    {
        SinkRecord record;
        try
        {
            record = ToRecord(converters, headerConverter, input, index);
        }
#pragma warning disable CA1031 // Whatever the converters throw on one record is that record's error; the others still run.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return new RecordPreview([], null, Error(e));
        }

        var steps = ImmutableArray.CreateBuilder<TransformStep>();
        PreviewRecord? result = null;
        foreach (var step in chain.Trace(record))
        {
            var type = config.GetValueOrDefault(ConnectorConfig.TransformsPrefix + step.Alias + "." + ConnectorConfig.TypeSuffix, string.Empty);
            if (step.Error is not null)
            {
                steps.Add(new TransformStep(step.Alias, type, null, false, Error(step.Error)));
                return new RecordPreview(steps.ToImmutable(), null, null);
            }

            try
            {
                result = step.Record is null ? null : FromRecord(converters, headerConverter, step.Record);
            }
#pragma warning disable CA1031 // A record the converters cannot write is that step's error, as a source task's converter would fail on it.
            catch (Exception e)
#pragma warning restore CA1031
            {
                steps.Add(new TransformStep(step.Alias, type, null, false, Error(e)));
                return new RecordPreview(steps.ToImmutable(), null, null);
            }

            steps.Add(new TransformStep(step.Alias, type, result, step.SkippedByPredicate, null));
            if (result is null)
            {
                return new RecordPreview(steps.ToImmutable(), null, null);
            }
        }

        return new RecordPreview(steps.ToImmutable(), steps.Count == 0 ? FromRecord(converters, headerConverter, record) : result, null);
    }

    private static SinkRecord ToRecord(RecordConverters converters, IConverter headerConverter, PreviewRecord input, int index)
    {
        var headers = new ConnectHeaders();
        foreach (var header in input.Headers)
        {
            var read = headerConverter.ToConnectData(input.Topic, null, Encoding.UTF8.GetBytes(header.Value));
            headers.Add(header.Key, read.Value, read.Schema);
        }

        var key = converters.Key.ToConnectData(input.Topic, headers, Bytes(input.Key));
        var value = converters.Value.ToConnectData(input.Topic, headers, Bytes(input.Value));
        return new SinkRecord(
            input.Topic,
            input.Partition ?? 0,
            key.Schema,
            key.Value,
            value.Schema,
            value.Value,
            kafkaOffset: index,
            input.Timestamp,
            input.Timestamp is null ? TimestampType.NoTimestampType : TimestampType.CreateTime,
            headers);
    }

    private static PreviewRecord FromRecord(RecordConverters converters, IConverter headerConverter, ConnectRecord record) => new(
        record.Topic,
        record.KafkaPartition,
        Json(converters.Key.FromConnectData(record.Topic, record.Headers, record.KeySchema, record.Key)),
        Json(converters.Value.FromConnectData(record.Topic, record.Headers, record.ValueSchema, record.Value)),
        [.. record.Headers.Select(h => new PreviewHeader(h.Key, Json(headerConverter.FromConnectData(record.Topic, null, h.Schema, h.Value)) ?? "null"))],
        record.Timestamp);

    private static byte[]? Bytes(string? json) => json is null ? null : Encoding.UTF8.GetBytes(json);

    /// <summary>The converter's bytes as JSON text: as they are when they are JSON, else as a JSON string of their UTF-8 text.</summary>
    private static string? Json(byte[]? bytes)
    {
        if (bytes is null)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(bytes);
            return document.RootElement.GetRawText();
        }
        catch (JsonException)
        {
            return JsonSerializer.Serialize(Encoding.UTF8.GetString(bytes));
        }
    }

    private static TransformError Error(Exception e) => new(e.GetType().FullName ?? e.GetType().Name, e.Message);
}
