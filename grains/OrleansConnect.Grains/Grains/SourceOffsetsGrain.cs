using System.Collections.Immutable;
using OrleansConnect.Grains.Hosting;

namespace OrleansConnect.Grains.Grains;

/// <inheritdoc cref="ISourceOffsetsGrain" />
internal sealed class SourceOffsetsGrain(
    [PersistentState(ConnectStorage.OffsetsState, ConnectStorage.Name)] IPersistentState<SourceOffsetsGrainState> state)
    : Grain, ISourceOffsetsGrain
{
    public Task<ImmutableDictionary<string, string>> GetAllAsync() => Task.FromResult(state.State.Offsets);

    public async Task CommitAsync(ImmutableDictionary<string, string?> offsets)
    {
        var builder = state.State.Offsets.ToBuilder();
        foreach (var (partition, offset) in offsets)
        {
            if (offset is null)
            {
                builder.Remove(partition);
            }
            else
            {
                builder[partition] = offset;
            }
        }

        state.State = state.State with { Offsets = builder.ToImmutable() };
        await state.WriteStateAsync();
    }

    public async Task ClearAsync()
    {
        await state.ClearStateAsync();
        state.State = new SourceOffsetsGrainState();
    }
}
