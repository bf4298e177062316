using OrleansConnect.Plugins.Errors;

namespace OrleansConnect.Plugins.RabbitMQ.Sink;

/// <summary>
/// The publisher confirms of one channel: the sequence numbers published and not yet confirmed, and whether the broker
/// refused one (<c>basic.nack</c>) or the channel closed. The broker confirms in its own time, on the client's dispatch
/// thread, one number or (<c>multiple</c>) every number up to one; <see cref="WhenAllConfirmedAsync"/> completes when
/// none is outstanding. Once failed it stays failed: the task drops the channel and opens another.
/// </summary>
internal sealed class PublishConfirms
{
    private readonly Lock _lock = new();
    private readonly SortedSet<ulong> _outstanding = [];
    private TaskCompletionSource? _drained;
    private RetriableException? _failure;

    /// <summary>Records a sequence number about to be published; called before the publish, which may be confirmed at once.</summary>
    public void Expect(ulong sequenceNumber)
    {
        lock (_lock)
        {
            _outstanding.Add(sequenceNumber);
        }
    }

    public void Confirm(ulong sequenceNumber, bool multiple)
    {
        lock (_lock)
        {
            Remove(sequenceNumber, multiple);
            if (_outstanding.Count == 0)
            {
                _drained?.TrySetResult();
                _drained = null;
            }
        }
    }

    public void Refuse(ulong sequenceNumber, bool multiple)
    {
        lock (_lock)
        {
            Remove(sequenceNumber, multiple);
            Fail(new RetriableException($"the broker refused message {sequenceNumber}{(multiple ? " and those before it" : string.Empty)} (basic.nack)"));
        }
    }

    /// <summary>The channel closed: what is outstanding will never be confirmed.</summary>
    public void Close(string reason)
    {
        lock (_lock)
        {
            if (_outstanding.Count > 0 || _drained is not null)
            {
                Fail(new RetriableException($"the channel closed before the broker confirmed {_outstanding.Count} messages: {reason}"));
            }
            else
            {
                _failure ??= new RetriableException("the channel closed: " + reason);
            }
        }
    }

    /// <summary>Completes when every expected message is confirmed; fails when one was refused or the channel closed.</summary>
    public Task WhenAllConfirmedAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_failure is not null)
            {
                return Task.FromException(_failure);
            }

            if (_outstanding.Count == 0)
            {
                return Task.CompletedTask;
            }

            _drained ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _drained.Task.WaitAsync(cancellationToken);
        }
    }

    private void Remove(ulong sequenceNumber, bool multiple)
    {
        if (!multiple)
        {
            _outstanding.Remove(sequenceNumber);
            return;
        }

        while (_outstanding.Count > 0 && _outstanding.Min <= sequenceNumber)
        {
            _outstanding.Remove(_outstanding.Min);
        }
    }

    private void Fail(RetriableException failure)
    {
        _failure ??= failure;
        _drained?.TrySetException(_failure);
        _drained = null;
    }
}
