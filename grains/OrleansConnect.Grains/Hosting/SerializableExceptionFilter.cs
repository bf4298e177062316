using Orleans.Serialization;

namespace OrleansConnect.Grains.Hosting;

/// <summary>
/// Keeps every exception a grain method throws able to cross the grain call. Orleans serializes only exception types
/// it has a codec for (ours, its own, System.*, Microsoft.*); any other (a driver's, a plugin's) made the caller see a
/// <c>CodecNotFoundException</c> naming the type instead of the error. Such an exception, or one with such a cause, is
/// replaced by an <see cref="OrleansException"/> that describes the chain (types and messages). Storage failures
/// never get here as a driver's type: <see cref="ClassifiedGrainStorage"/> classifies them first.
/// </summary>
internal sealed class SerializableExceptionFilter(Serializer serializer) : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        try
        {
            await context.Invoke();
        }
        catch (Exception e) when (!CanCross(e))
        {
            throw new OrleansException(ExceptionChain.Describe(e) + Environment.NewLine + e.StackTrace);
        }
    }

    private bool CanCross(Exception exception) =>
        serializer.CanSerialize(exception.GetType())
        && (exception is AggregateException aggregate
            ? aggregate.InnerExceptions.All(CanCross)
            : exception.InnerException is not { } inner || CanCross(inner));

}
