using System.Collections.Immutable;
using OrleansConnect.Grains.Hosting;

namespace OrleansConnect.Grains.Grains;

/// <inheritdoc cref="IConnectorRegistryGrain" />
internal sealed class ConnectorRegistryGrain(
    [PersistentState(ConnectStorage.RegistryState, ConnectStorage.Name)] IPersistentState<ConnectorRegistryGrainState> state)
    : Grain, IConnectorRegistryGrain
{
    public async Task AddAsync(string name)
    {
        if (!state.State.Names.Contains(name))
        {
            state.State = state.State with { Names = state.State.Names.Add(name) };
            await state.WriteStateAsync();
        }
    }

    public async Task RemoveAsync(string name)
    {
        if (state.State.Names.Contains(name))
        {
            state.State = state.State with { Names = state.State.Names.Remove(name) };
            await state.WriteStateAsync();
        }
    }

    public Task<ImmutableArray<string>> ListAsync() => Task.FromResult(state.State.Names.ToImmutableArray());
}
