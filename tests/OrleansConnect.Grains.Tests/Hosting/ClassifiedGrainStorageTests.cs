using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.Extensions.Configuration;
using Orleans.Runtime.Hosting;
using Orleans.Storage;
using Orleans.TestingHost;
using OrleansConnect.Grains.Grains;
using OrleansConnect.Grains.Hosting;

namespace OrleansConnect.Grains.Tests.Hosting;

/// <summary>
/// Grain storage that fails as PostgreSQL does when it is down, on a two-silo test cluster: callers (here the cluster's
/// client, so every answer is serialized) get a <see cref="ClusterStorageException"/>, which is transient, and a write
/// that failed has not changed the grain.
/// </summary>
public sealed class ClassifiedGrainStorageTests : IClassFixture<ClassifiedGrainStorageTests.Fixture>
{
    private readonly Fixture _fixture;

    public ClassifiedGrainStorageTests(Fixture fixture)
    {
        _fixture = fixture;
        FlakyStorage.Down = false;
        FlakyStorage.LoseNextAnswer = false;
    }

    [Fact]
    public async Task WriteStateAsync_StorageDown_CallerGetsTransientClusterStorageExceptionAndStateIsUnchanged()
    {
        var offsets = _fixture.Cluster.GrainFactory.GetGrain<ISourceOffsetsGrain>("write-down");
        await offsets.CommitAsync(ImmutableDictionary<string, string?>.Empty.Add("p", "1"));

        FlakyStorage.Down = true;
        var error = await Assert.ThrowsAsync<ClusterStorageException>(() => offsets.CommitAsync(ImmutableDictionary<string, string?>.Empty.Add("p", "2")));

        Assert.True(ClusterErrors.IsTransient(error));
        Assert.Contains(typeof(DriverException).FullName!, error.Message, StringComparison.Ordinal);
        Assert.Contains("write", error.Message, StringComparison.Ordinal);
        Assert.Equal("1", (await offsets.GetAllAsync())["p"]);

        FlakyStorage.Down = false;
        await offsets.CommitAsync(ImmutableDictionary<string, string?>.Empty.Add("p", "3"));
        Assert.Equal("3", (await offsets.GetAllAsync())["p"]);
        Assert.Equal("3", FlakyStorage.Stored<SourceOffsetsGrainState>("write-down")?.Offsets["p"]);
    }

    [Fact]
    public async Task ReadStateAsync_StorageDownWhenGrainActivates_CallerGetsTransientClusterStorageException()
    {
        var offsets = _fixture.Cluster.GrainFactory.GetGrain<ISourceOffsetsGrain>("read-down");

        FlakyStorage.Down = true;
        var error = await Assert.ThrowsAsync<ClusterStorageException>(() => offsets.GetAllAsync());

        Assert.True(ClusterErrors.IsTransient(error));
        Assert.Contains("read", error.Message, StringComparison.Ordinal);
        FlakyStorage.Down = false;
        Assert.Empty(await offsets.GetAllAsync());
    }

    [Fact]
    public async Task WriteStateAsync_EarlierWriteLandedButItsAnswerWasLost_NextCallRefusedOnceThenSucceedsOnTheStoredVersion()
    {
        var registry = _fixture.Cluster.GrainFactory.GetGrain<IConnectorRegistryGrain>(4711);
        await registry.AddAsync("a");

        FlakyStorage.LoseNextAnswer = true;
        await Assert.ThrowsAsync<ClusterStorageException>(() => registry.AddAsync("b"));

        // Storage holds b with a version the grain has not seen: the next write is refused, transiently (Orleans
        // deactivates a grain whose call ends in InconsistentStateException), and the retry, on a new activation that
        // read what storage holds, applies on top of it.
        var stale = await Assert.ThrowsAnyAsync<Exception>(() => registry.AddAsync("c"));
        Assert.True(ClusterErrors.IsTransient(stale), $"{stale.GetType()}: {stale.Message}");
        await registry.AddAsync("c");

        Assert.Equal(["a", "b", "c"], (await registry.ListAsync()).Order(StringComparer.Ordinal));
        Assert.Equal(["a", "b", "c"], FlakyStorage.Stored<ConnectorRegistryGrainState>(registry.GetGrainId().Key.ToString()!)!.Names.Order(StringComparer.Ordinal));
    }

    /// <summary>A driver's exception: a type Orleans has no codec for, as Npgsql's.</summary>
    public sealed class DriverException(string message) : Exception(message);

    /// <summary>
    /// In-memory grain storage that throws <see cref="DriverException"/> while <see cref="Down"/>, and after storing the
    /// next write when <see cref="LoseNextAnswer"/>; it refuses a write whose ETag is not the stored one, as the ADO.NET
    /// storage does.
    /// </summary>
    public sealed class FlakyStorage : IGrainStorage
    {
        private static readonly ConcurrentDictionary<GrainId, (object State, string ETag)> States = new();

        public static volatile bool Down;

        public static volatile bool LoseNextAnswer;

        public static T? Stored<T>(string key) where T : class =>
            States.FirstOrDefault(s => s.Key.Key.ToString() == key).Value.State as T;

        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            ThrowIfDown();
            if (States.TryGetValue(grainId, out var stored))
            {
                (grainState.State, grainState.ETag, grainState.RecordExists) = ((T)stored.State, stored.ETag, true);
            }

            return Task.CompletedTask;
        }

        public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            ThrowIfDown();
            var stored = States.TryGetValue(grainId, out var current) ? current.ETag : null;
            if (grainState.ETag != stored)
            {
                throw new InconsistentStateException("version conflict", stored ?? string.Empty, grainState.ETag ?? string.Empty);
            }

            var etag = Guid.NewGuid().ToString("N");
            States[grainId] = (grainState.State!, etag);
            if (LoseNextAnswer)
            {
                LoseNextAnswer = false;
                throw new DriverException("Connection reset by peer after the write");
            }

            (grainState.ETag, grainState.RecordExists) = (etag, true);
            return Task.CompletedTask;
        }

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            ThrowIfDown();
            States.TryRemove(grainId, out _);
            return Task.CompletedTask;
        }

        private static void ThrowIfDown()
        {
            if (Down)
            {
                throw new DriverException("Failed to connect to 127.0.0.1:5432");
            }
        }
    }

    /// <summary>A two-silo cluster whose <see cref="ConnectStorage.Name"/> storage is a classified <see cref="FlakyStorage"/>.</summary>
    public sealed class Fixture : TestClusterFixture<Fixture.SiloConfigurator>
    {
        public sealed class SiloConfigurator : ISiloConfigurator
        {
            public void Configure(ISiloBuilder siloBuilder)
            {
                var configuration = new ConfigurationBuilder()
                    .AddInMemoryCollection(new Dictionary<string, string?> { ["Kafka:BootstrapServers"] = ClusterFixture.Kafka.BootstrapServers })
                    .Build();
                siloBuilder.Services.AddGrainStorage(ConnectStorage.Name, (_, _) => new FlakyStorage());
                siloBuilder.ClassifyStorageFailures(ConnectStorage.Name);
                siloBuilder.AddOrleansConnect(configuration);
            }
        }
    }
}
