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
            await state.WriteAsync(state.State with { Names = state.State.Names.Add(name) });
        }
    }

    public async Task RemoveAsync(string name)
    {
        if (state.State.Names.Contains(name))
        {
            await state.WriteAsync(state.State with { Names = state.State.Names.Remove(name) });
        }
    }

    public Task<ImmutableArray<string>> ListAsync() => Task.FromResult(state.State.Names.ToImmutableArray());
}
