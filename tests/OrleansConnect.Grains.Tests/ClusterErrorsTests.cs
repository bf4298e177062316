using Orleans.Runtime;

namespace OrleansConnect.Grains.Tests;

/// <summary>Which grain-call failures a task loop rides through.</summary>
public sealed class ClusterErrorsTests
{
    [Fact]
    public void IsTransient_DirectoryOwnerJustLeft_IsTransient() =>
        Assert.True(ClusterErrors.IsTransient(new OrleansException(
            "Silo S127.0.0.1:38095:155306683 is not owner of sourceoffsets/seq, cannot forward LookUpAsync to owner S127.0.0.1:44527:155306600")));

    [Theory]
    [InlineData("Grain call failed")]
    [InlineData("Silo is not owner of the lease")]
    public void IsTransient_OtherOrleansException_IsNot(string message) =>
        Assert.False(ClusterErrors.IsTransient(new OrleansException(message)));

    [Fact]
    public void IsTransient_ApplicationError_IsNot() =>
        Assert.False(ClusterErrors.IsTransient(new InvalidOperationException("cannot forward: is not owner of")));
}
