using System.Collections.Immutable;
using OrleansConnect.Grains.Hosting;
using OrleansConnect.Grains.Placement;

namespace OrleansConnect.Grains.Grains;

/// <inheritdoc cref="ISiloLoggingGrain" />
[SiloKeyedPlacement]
internal sealed class SiloLoggingGrain(LogLevels levels) : Grain, ISiloLoggingGrain
{
    public Task<ImmutableArray<string>> SetLevelAsync(string logger, string level) =>
        Task.FromResult(levels.Set(logger, LogLevels.Parse(level) ?? throw WorkerGrain.InvalidLevel(level)));
}
