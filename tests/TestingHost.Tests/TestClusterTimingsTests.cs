using Microsoft.Extensions.DependencyInjection;
using OrleansBank.Runtime;
using OrleansBank.Runtime.Cluster;

namespace OrleansBank.TestingHost.Tests;

/// <summary>The membership timings every test cluster's silos run with.</summary>
public class TestClusterTimingsTests
{
    [Fact]
    public async Task Probe_PeerStallsTwoSeconds_IsStillWaitedForThenTimesOut()
    {
        // A stall as the slowest seen on a loaded CI machine: a live silo's first answer took up to 3.5 s there, and
        // with a 500 ms probe timeout the silos voted each other dead before the test began.
        var time = new ManualTimeProvider();
        var prober = new StallingProber();
        await using var cluster = await ManySilos.Builder(2)
            .UseTimeProvider(time)
            .ConfigureSilo(silo => silo.Services.AddSingleton<ISiloProber>(prober))
            .Build()
            .DeployAsyncAndReturn();

        try
        {
            // The probe loop's timer may not exist yet when the clock first moves: move it in small steps until a probe goes.
            await Poll.UntilAsync(
                () =>
                {
                    time.Advance(TimeSpan.FromMilliseconds(100));
                    return prober.FirstProbe.IsCompleted;
                },
                "a silo to send its first probe");
            var stalled = await prober.FirstProbe;
            time.Advance(TimeSpan.FromSeconds(2));

            Assert.False(stalled.IsCancellationRequested, "a probe gave up on a live peer after less than 2 s");
            time.Advance(TimeSpan.FromMinutes(1));
            Assert.True(stalled.IsCancellationRequested, "a probe of a peer that never answers never timed out");
        }
        finally
        {
            prober.Answer();
        }
    }

    /// <summary>Peers that answer no probe, each waiting until its timeout cancels it, until <see cref="Answer"/>.</summary>
    private sealed class StallingProber : ISiloProber
    {
        private readonly TaskCompletionSource<CancellationToken> _first = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _answer = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>The token of the first probe sent by any silo.</summary>
        public Task<CancellationToken> FirstProbe => _first.Task;

        /// <summary>From now on every probe, the stalled ones too, is answered: the silos can stop on a clock that stands still.</summary>
        public void Answer() => _answer.TrySetResult();

        public async Task<ProbeResult> ProbeAsync(SiloAddress target, CancellationToken cancellationToken)
        {
            _first.TrySetResult(cancellationToken);
            try
            {
                await _answer.Task.WaitAsync(cancellationToken);
                return ProbeResult.Ok;
            }
            catch (OperationCanceledException)
            {
                return ProbeResult.Failed("stalled (test)");
            }
        }
    }
}
