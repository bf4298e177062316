using System.Collections.Immutable;
using Orleans.Storage;
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
        try
        {
            await state.WriteAsync(Applied(offsets));
        }
        catch (InconsistentStateException)
        {
            // Another activation of this grain wrote since this one read (a silo leaving hands its grains over while
            // its tasks still commit): storage holds that write. Read it, apply these offsets on top, write again.
            await state.ReadStateAsync();
            await state.WriteAsync(Applied(offsets));
        }
    }

    public async Task ClearAsync()
    {
        await state.ClearStateAsync();
        state.State = new SourceOffsetsGrainState();
    }

    /// <summary>The state with each entry replacing its partition's offset; a null offset removes it.</summary>
    private SourceOffsetsGrainState Applied(ImmutableDictionary<string, string?> offsets)
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

        return state.State with { Offsets = builder.ToImmutable() };
    }
}
