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
        Apply(offsets);
        try
        {
            await state.WriteStateAsync();
        }
        catch (InconsistentStateException)
        {
            // Another activation of this grain wrote since this one read (a silo leaving hands its grains over while
            // its tasks still commit): storage holds that write. Read it, apply these offsets on top, write again.
            await state.ReadStateAsync();
            Apply(offsets);
            await state.WriteStateAsync();
        }
    }

    public async Task ClearAsync()
    {
        await state.ClearStateAsync();
        state.State = new SourceOffsetsGrainState();
    }

    /// <summary>Each entry replaces its partition's offset; a null offset removes it.</summary>
    private void Apply(ImmutableDictionary<string, string?> offsets)
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
    }
}
