namespace OrleansConnect.Grains.Grains;

/// <summary>Writes of the grains' immutable state records.</summary>
internal static class PersistentStateExtensions
{
    /// <summary>
    /// Sets the state to <paramref name="next"/> and writes it. When the write fails (storage unreachable: a
    /// <see cref="ClusterStorageException"/>), the grain keeps the state it had, which is what storage holds, so a
    /// request answered with the error has not half-applied: the caller retries it from the same state.
    /// </summary>
    public static async Task WriteAsync<T>(this IPersistentState<T> state, T next)
    {
        var previous = state.State;
        state.State = next;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State = previous;
            throw;
        }
    }
}
