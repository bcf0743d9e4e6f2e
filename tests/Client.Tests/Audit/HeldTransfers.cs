using System.Collections.Concurrent;
using OrleansBank.Grains;
using OrleansBank.Runtime;

namespace OrleansBank.Client.Tests.Audit;

/// <summary>
/// Shared by the probes of every silo: once armed, transfers that reach the point after their durable request are
/// held there, each noting its silo, until the test releases them. Those on a silo the test killed meanwhile then stop
/// with a crash, so that nothing of them runs on after their silo's death; the others go on.
/// </summary>
internal sealed class HeldTransfers
{
    private readonly ConcurrentDictionary<string, SiloAddress> _held = new(StringComparer.Ordinal);
    private TaskCompletionSource<SiloAddress?> _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _armed;

    /// <summary>The transfers held now, with the silo each runs on.</summary>
    public IReadOnlyDictionary<string, SiloAddress> Held => _held;

    /// <summary>Holds every transfer that records its request from now on, until <see cref="Release"/>.</summary>
    public void Arm()
    {
        _held.Clear();
        _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _armed, 1);
    }

    /// <summary>Lets the held transfers go; those on <paramref name="crashed"/> stop with a crash.</summary>
    public void Release(SiloAddress? crashed)
    {
        Volatile.Write(ref _armed, 0);
        _release.TrySetResult(crashed);
    }

    /// <summary>The probe of the silo at <paramref name="silo"/>.</summary>
    public ITransferProbe For(SiloAddress silo) => new Probe(this, silo);

    private sealed class Probe(HeldTransfers gate, SiloAddress silo) : ITransferProbe
    {
        public async Task Reached(string transferId, TransferPoint point)
        {
            if (point != TransferPoint.Requested || Volatile.Read(ref gate._armed) == 0)
            {
                return;
            }

            var release = gate._release.Task;
            gate._held[transferId] = silo;
            // Inside the transfer's turn, with its request durable: as a silo busy between two steps when it dies.
            var crashed = await release.WaitAsync(TestingHost.Poll.DefaultTimeout);
            if (crashed == silo)
            {
                throw new InvalidOperationException($"Transfer '{transferId}' stopped with its silo {silo}, killed by the test.");
            }
        }
    }
}
