using System.Globalization;
using OrleansConnect.Plugins.Data;
using OrleansConnect.Plugins.Errors;
using OrleansConnect.Plugins.Headers;
using OrleansConnect.Plugins.Source;

namespace OrleansConnect.Plugins.Datagen;

/// <summary>
/// The task of <see cref="DatagenConnector"/>. Source partition <c>{"task.id": n}</c>; its offset is the state the
/// next run starts from (<c>task.generation</c>, <c>current.iteration</c>, <c>random.seed</c>), as in Confluent's
/// connector, so a restarted task continues the same sequence with no gap.
/// </summary>
public sealed class DatagenTask : SourceTask
{
    public const string TaskGenerationField = "task.generation";
    public const string CurrentIterationField = "current.iteration";
    public const string RandomSeedField = "random.seed";

    // With no wait between records, one poll returns a batch rather than a single record.
    private const int FastBatch = 100;

    private Quickstart _quickstart = null!;
    private string _topic = string.Empty;
    private long _maxInterval;
    private int _iterations;
    private int _taskId;
    private long _generation;
    private long _count;
    private int _seed;
    private Random _random = new();
    private Dictionary<string, object?> _partition = [];

    public override async Task StartAsync(IReadOnlyDictionary<string, string> props, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(props);
        _topic = props[DatagenConnector.KafkaTopicConfig];
        _quickstart = Quickstart.Get(props[DatagenConnector.QuickstartConfig]);
        _maxInterval = long.Parse(props.GetValueOrDefault(DatagenConnector.MaxIntervalConfig, "500"), CultureInfo.InvariantCulture);
        _iterations = int.Parse(props.GetValueOrDefault(DatagenConnector.IterationsConfig, "1000000"), CultureInfo.InvariantCulture);
        _taskId = int.Parse(props[DatagenConnector.TaskIdConfig], CultureInfo.InvariantCulture);
        _partition = new Dictionary<string, object?> { [DatagenConnector.TaskIdConfig] = (long)_taskId };

        var seed = props.TryGetValue(DatagenConnector.RandomSeedConfig, out var configured) && configured.Length > 0
            ? (int)(long.Parse(configured, CultureInfo.InvariantCulture) + _taskId)
            : Random.Shared.Next();
        var offset = await Context.OffsetStorageReader.OffsetAsync(_partition, cancellationToken).ConfigureAwait(false);
        if (offset is not null)
        {
            // The stored offset is the state after the last record sent: continue from it.
            _generation = (long)offset[TaskGenerationField]!;
            _count = (long)offset[CurrentIterationField]!;
            seed = (int)(long)offset[RandomSeedField]!;
        }

        Reseed(seed);
    }

    public override async Task<IReadOnlyList<SourceRecord>?> PollAsync(CancellationToken cancellationToken)
    {
        if (_maxInterval > 0)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(_random.NextInt64(_maxInterval + 1)), cancellationToken).ConfigureAwait(false);
        }

        var records = new List<SourceRecord>();
        var batch = _maxInterval > 0 ? 1 : FastBatch;
        while (records.Count < batch)
        {
            if (_iterations > 0 && _count >= _iterations)
            {
                if (records.Count > 0)
                {
                    break;
                }

                throw new ConnectException($"Stopping connector: generated the configured {_count} number of messages");
            }

            records.Add(Next());
        }

        return records;
    }

    public override Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private SourceRecord Next()
    {
        var value = _quickstart.Generate(_random, _taskId, _count);
        var key = Convert.ToString(value.Get(_quickstart.KeyField), CultureInfo.InvariantCulture);
        var headers = new ConnectHeaders();
        headers.Add(new Header(TaskGenerationField, Schema.Int64, _generation));
        headers.Add(new Header(DatagenConnector.TaskIdConfig, Schema.Int64, (long)_taskId));
        headers.Add(new Header(CurrentIterationField, Schema.Int64, _count));

        // Re-seed per record so the offset can carry the random state forward.
        Reseed(_random.Next());
        _count++;
        var offset = new Dictionary<string, object?>
        {
            [TaskGenerationField] = _generation + 1,
            [CurrentIterationField] = _count,
            [RandomSeedField] = (long)_seed,
        };
        return new SourceRecord(_partition, offset, _topic, null, Schema.String, key, _quickstart.Schema, value, null, headers);
    }

    private void Reseed(int seed)
    {
        _seed = seed;
        _random = new Random(seed);
    }
}
