using Microsoft.Extensions.DependencyInjection;
using OrleansBank.Runtime.Cluster;
using OrleansBank.Runtime.Tests.TestGrains;

namespace OrleansBank.Runtime.Tests.Messaging;

public class LocalMessageCenterTests
{
    private static readonly SiloAddress Elsewhere = new("127.0.0.2", 11111, 7);

    /// <summary>A locator whose answer the test gives: another silo, or a task it completes later.</summary>
    private sealed class ScriptedLocator(Func<GrainId, ValueTask<SiloAddress>> locate) : IGrainLocator
    {
        public ValueTask<SiloAddress> LocateAsync(GrainId grainId) => locate(grainId);
    }

    [Fact]
    public async Task SendRequest_TargetOnAnotherSilo_FailsAtTheCallerNamingTheSilo()
    {
        await using var silo = await TestSilo.StartAsync(configure: s => s.ConfigureServices(
            services => services.AddSingleton<IGrainLocator>(new ScriptedLocator(_ => new(Elsewhere)))));

        var error = await Assert.ThrowsAsync<SiloUnavailableException>(() => silo.Grains.GetGrain<IEchoGrain>("far").Add(1m, 2m));

        Assert.Contains($"No route to silo {Elsewhere}", error.Message);
        Assert.Contains("echo/far", error.Message);
        Assert.Equal(0, silo.Cluster.ActivationCount);
    }

    [Fact]
    public async Task SendRequest_LocatorAnswersLater_DeliversOnceLocated()
    {
        var answer = new TaskCompletionSource<SiloAddress>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var silo = await TestSilo.StartAsync(configure: s => s.ConfigureServices(
            services => services.AddSingleton<IGrainLocator>(new ScriptedLocator(_ => new(answer.Task)))));
        var here = silo.Cluster.ServiceProvider.GetRequiredService<ILocalSiloDetails>().SiloAddress;

        var call = silo.Grains.GetGrain<IEchoGrain>("near").Add(1m, 2m);
        Assert.False(call.IsCompleted);
        answer.SetResult(here);

        Assert.Equal(3m, await call.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task SendRequest_LocatorFails_FailsTheCallWithItsError()
    {
        await using var silo = await TestSilo.StartAsync(configure: s => s.ConfigureServices(
            services => services.AddSingleton<IGrainLocator>(new ScriptedLocator(
                _ => ValueTask.FromException<SiloAddress>(new InvalidOperationException("directory unavailable"))))));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => silo.Grains.GetGrain<IEchoGrain>("lost").Add(1m, 2m));

        Assert.Equal("directory unavailable", error.Message);
    }
}
