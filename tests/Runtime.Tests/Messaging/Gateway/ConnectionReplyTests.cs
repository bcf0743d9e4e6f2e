using OrleansBank.Runtime.Tests.TestGrains;
using OrleansBank.TestingHost;

namespace OrleansBank.Runtime.Tests.Messaging.Gateway;

public interface IBrokenTextGrain : IGrainWithStringKey
{
    Task<string> LoneSurrogate();

    Task FailWithLoneSurrogate();
}

/// <summary>Makes text that is not valid UTF-16 inside the silo, where no encoder has checked it.</summary>
public sealed class BrokenTextGrain : Grain, IBrokenTextGrain
{
    public Task<string> LoneSurrogate() => Task.FromResult("x\uD800");

    public Task FailWithLoneSurrogate() => throw new InvalidOperationException("bad x\uDC00");
}

/// <summary>A reply the strict encoder refuses fails that call, clearly, instead of never arriving.</summary>
public class ConnectionReplyTests
{
    public static TheoryData<TestClientTransport> Transports => [TestClientTransport.InMemory, TestClientTransport.Tcp];

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Complete_ResultNotValidText_FailsThatCallClearly_ConnectionStaysUsable(TestClientTransport transport)
    {
        await using var silo = await TestSilo.StartAsync(transport: transport);

        // The bound only keeps a broken reply path from hanging the test until the 30 s call timeout.
        var error = await Assert.ThrowsAsync<NotSupportedException>(() => silo.Grains.GetGrain<IBrokenTextGrain>("b").LoneSurrogate().WaitAsync(TimeSpan.FromSeconds(20)));

        Assert.Contains("could not be serialized", error.Message);
        Assert.Contains("\"x\\uD800\" is not valid text: a lone surrogate (U+D800) at index 1", error.Message);
        Assert.Equal(5m, await silo.Grains.GetGrain<IEchoGrain>("e").Add(2m, 3m));
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Fail_ErrorMessageNotValidText_FailsThatCallClearly_ConnectionStaysUsable(TestClientTransport transport)
    {
        await using var silo = await TestSilo.StartAsync(transport: transport);

        var error = await Assert.ThrowsAsync<NotSupportedException>(() => silo.Grains.GetGrain<IBrokenTextGrain>("b").FailWithLoneSurrogate().WaitAsync(TimeSpan.FromSeconds(20)));

        Assert.Contains("InvalidOperationException", error.Message);
        Assert.Contains("is not valid text: a lone surrogate (U+DC00) at index 5", error.Message);
        Assert.Equal(5m, await silo.Grains.GetGrain<IEchoGrain>("e").Add(2m, 3m));
    }
}
