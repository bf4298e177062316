using System.Collections.Immutable;
using OrleansConnect.Grains.Hosting;

namespace OrleansConnect.Grains.Grains;

/// <inheritdoc cref="IAuditGrain" />
internal sealed class AuditGrain(
    [PersistentState(ConnectStorage.AuditState, ConnectStorage.Name)] IPersistentState<AuditGrainState> state)
    : Grain, IAuditGrain
{
    public async Task RecordAsync(AuditEntry entry)
    {
        var entries = state.State.Entries.Add(entry);
        if (entries.Length > IAuditGrain.Capacity)
        {
            entries = entries.RemoveRange(0, entries.Length - IAuditGrain.Capacity);
        }

        state.State = state.State with { Entries = entries };
        await state.WriteStateAsync();
    }

    public Task<ImmutableArray<AuditEntry>> QueryAsync(string? connector, DateTimeOffset? since) =>
        Task.FromResult<ImmutableArray<AuditEntry>>(
            [.. state.State.Entries.Where(e => (connector is null || e.Connector == connector) && (since is null || e.Time >= since))]);
}
