using Microsoft.Extensions.DependencyInjection;
using OrleansBank.Runtime.Activation;
using OrleansBank.Runtime.Tests.TestGrains;
using OrleansBank.TestingHost;

namespace OrleansBank.Runtime.Tests.Activation;

/// <summary>The lock-free inbox at its edges: a push racing the activation's end, and a push racing the pump's release.</summary>
public class ActivationDataAdmissionTests
{
    [Fact]
    public async Task TryEnqueue_ActivationRetiresBetweenTheCheckAndThePush_CallRunsOnAFreshActivation()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Grains.GetGrain<ILifecycleGrain>("raced");
        await grain.Touch();
        var first = Activation(silo, grain);
        var armed = 1;
        first.OnPushing = _ =>
        {
            if (Interlocked.Exchange(ref armed, 0) == 1)
            {
                // The caller found the activation live; before its push lands, the activation leaves entirely and
                // empties its inbox for the last time. Blocking is safe: this is the caller's own dedicated thread.
                first.TryDeactivate(new DeactivationReason(DeactivationReasonCode.ApplicationRequested, "raced by the test"));
                Assert.True(first.Deactivated.Wait(Poll.DefaultTimeout), "the activation did not finish deactivating");
            }
        };

        var call = Task.Factory.StartNew(grain.Touch, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();

        Assert.Equal(1, await call.WaitAsync(Poll.DefaultTimeout));
        Assert.Equal(0, armed);
        Assert.Equal(["activate:raced", "deactivate:raced:ApplicationRequested", "activate:raced"], silo.Gates.Log);
    }

    [Fact]
    public async Task Pump_CallPushedWhileThePumpLetsGo_StillRuns()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Grains.GetGrain<ILifecycleGrain>("late");
        await grain.Touch();
        var activation = Activation(silo, grain);
        var pushed = new TaskCompletionSource<Task<int>>(TaskCreationOptions.RunContinuationsAsynchronously);
        var armed = 1;

        // Runs on the pump after it found nothing to do and before it lets go: the push cannot claim the pump.
        activation.OnPumpReleasing = () =>
        {
            if (Interlocked.Exchange(ref armed, 0) == 1)
            {
                pushed.SetResult(grain.Touch());
            }
        };

        var wake = await grain.Touch().WaitAsync(Poll.DefaultTimeout);
        var late = await (await pushed.Task.WaitAsync(Poll.DefaultTimeout)).WaitAsync(Poll.DefaultTimeout);

        Assert.Equal([2, 3], new[] { wake, late }.Order());
    }

    private static ActivationData Activation(TestSilo silo, IAddressable grain)
    {
        var catalog = silo.Cluster.ServiceProvider.GetRequiredService<Catalog>();
        Assert.True(catalog.TryGet(grain.GetGrainId(), out var activation), $"{grain.GetGrainId()} is not active");
        return activation!;
    }
}
