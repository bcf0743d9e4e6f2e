using OrleansBank.Runtime.Calls;
using OrleansBank.Runtime.Messaging;
using OrleansBank.Runtime.Scheduling;

namespace OrleansBank.Runtime.Tests.Scheduling;

public class InterleavingRulesTests
{
    public interface ISample : IGrainWithStringKey
    {
        Task Write();

        [ReadOnly]
        Task Read();

        [AlwaysInterleave]
        Task Interleave();
    }

    private static readonly GrainMethod Write = Method(nameof(ISample.Write));
    private static readonly GrainMethod Read = Method(nameof(ISample.Read));
    private static readonly GrainMethod Interleave = Method(nameof(ISample.Interleave));

    public static TheoryData<string> EveryMethod => [nameof(ISample.Write), nameof(ISample.Read), nameof(ISample.Interleave)];

    [Theory]
    [MemberData(nameof(EveryMethod))]
    public void CanStart_NothingRunning_IsTrue(string method) =>
        Assert.True(InterleavingRules.CanStart(grainIsReentrant: false, Method(method), running: 0, runningWriters: 0));

    [Fact]
    public void CanStart_WriterBesideARunningRequest_IsFalse()
    {
        Assert.False(InterleavingRules.CanStart(grainIsReentrant: false, Write, running: 1, runningWriters: 1));
        Assert.False(InterleavingRules.CanStart(grainIsReentrant: false, Write, running: 1, runningWriters: 0));
    }

    [Fact]
    public void CanStart_ReadOnlyBesideOnlyReadOnlyRequests_IsTrue() =>
        Assert.True(InterleavingRules.CanStart(grainIsReentrant: false, Read, running: 3, runningWriters: 0));

    [Fact]
    public void CanStart_ReadOnlyBesideAWriter_IsFalse() =>
        Assert.False(InterleavingRules.CanStart(grainIsReentrant: false, Read, running: 2, runningWriters: 1));

    [Theory]
    [InlineData(1, 0)]
    [InlineData(1, 1)]
    [InlineData(5, 5)]
    public void CanStart_AlwaysInterleaveBesideAnything_IsTrue(int running, int runningWriters) =>
        Assert.True(InterleavingRules.CanStart(grainIsReentrant: false, Interleave, running, runningWriters));

    [Theory]
    [MemberData(nameof(EveryMethod))]
    public void CanStart_ReentrantGrainBesideAWriter_IsTrue(string method) =>
        Assert.True(InterleavingRules.CanStart(grainIsReentrant: true, Method(method), running: 2, runningWriters: 2));

    private static GrainMethod Method(string name) => GrainInterface.For(typeof(ISample)).Methods.Single(m => m.Name == name);
}
