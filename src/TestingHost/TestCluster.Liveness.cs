using Microsoft.Extensions.DependencyInjection;
using OrleansBank.Runtime;
using OrleansBank.Runtime.Cluster;

namespace OrleansBank.TestingHost;

/// <summary>Waiting for the membership views to agree, cutting links, and counting activations.</summary>
public sealed partial class TestCluster
{
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// Returns once every running silo's membership view holds exactly the running silos as active: joined silos are
    /// active everywhere, and stopped or killed ones are no longer active anywhere. Waits on membership changes, never
    /// on a clock; a killed silo is found dead by probes, so with a <see cref="ManualTimeProvider"/> the test must
    /// advance it. Throws a TimeoutException saying what each silo sees if the views do not agree within
    /// <paramref name="timeout"/> (default <see cref="Poll.DefaultTimeout"/>).
    /// </summary>
    public async Task WaitForLivenessToStabilizeAsync(TimeSpan? timeout = null)
    {
        if (!Options.MembershipEnabled)
        {
            return;
        }

        var limit = timeout ?? Poll.DefaultTimeout;
        using var deadline = new CancellationTokenSource(limit);
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                changed = _changed.Task;
            }

            if (Disagreement() is not { } disagreement)
            {
                return;
            }

            try
            {
                await changed.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested)
            {
                throw new TimeoutException(
                    $"Gave up after {limit} waiting for liveness to stabilize: {Disagreement() ?? disagreement}.{Environment.NewLine}"
                    + $"The membership table: {await DescribeTableAsync()}{Environment.NewLine}"
                    + $"The silos' latest membership and link lines:{Environment.NewLine}{_log.MembershipTail()}");
            }
        }
    }

    /// <summary>
    /// Cuts the links between two silos: connections between them drop and new ones are refused until
    /// <see cref="HealLinks"/>, while each still reaches the membership table and the other silos.
    /// </summary>
    public void CutLinks(SiloHandle first, SiloHandle second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        RequireInMemory(nameof(CutLinks));
        _network.Cut(first.Node, second.Node);
    }

    /// <summary>Lets two silos whose links were cut connect again.</summary>
    public void HealLinks(SiloHandle first, SiloHandle second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        RequireInMemory(nameof(HealLinks));
        _network.Heal(first.Node, second.Node);
    }

    /// <summary>How many running silos hold an activation of <paramref name="grain"/>: at most one in a healthy cluster.</summary>
    public int GetActivationCount(IAddressable grain)
    {
        ArgumentNullException.ThrowIfNull(grain);
        var id = grain.GetGrainId();
        return Silos.Count(s => s.ServiceProvider.GetRequiredService<Runtime.Activation.Catalog>().TryGet(id, out _));
    }

    /// <summary>
    /// How many running silos hold an activation of <paramref name="grain"/> that won the grain's directory claim: never
    /// more than one. Unlike <see cref="GetActivationCount"/> it leaves out an activation that lost a race for the claim,
    /// which sits in its silo's catalog for a moment, runs no grain code, and forwards its queue to the winner.
    /// </summary>
    public int GetClaimedActivationCount(IAddressable grain)
    {
        ArgumentNullException.ThrowIfNull(grain);
        var id = grain.GetGrainId();
        return Silos.Count(s => s.ServiceProvider.GetRequiredService<Runtime.Activation.Catalog>().TryGet(id, out var a) && a!.HoldsGrain);
    }

    /// <summary>The running silos that hold an activation of <paramref name="grain"/>.</summary>
    public IReadOnlyList<SiloHandle> GetSilosHosting(IAddressable grain)
    {
        ArgumentNullException.ThrowIfNull(grain);
        var id = grain.GetGrainId();
        return [.. Silos.Where(s => s.ServiceProvider.GetRequiredService<Runtime.Activation.Catalog>().TryGet(id, out _))];
    }

    /// <summary>What keeps the views from agreeing, or null when they agree.</summary>
    private string? Disagreement()
    {
        var running = Silos;
        var expected = running.Select(s => s.SiloAddress).ToHashSet();
        var problems = new List<string>();
        foreach (var silo in running)
        {
            if (silo.Membership is not { } membership)
            {
                continue;
            }

            var active = membership.Snapshot.ActiveSilos;
            if (!expected.SetEquals(active))
            {
                problems.Add($"{silo} sees active [{string.Join(", ", active)}]");
            }
        }

        return problems.Count == 0 ? null : $"running silos [{string.Join(", ", expected)}], but {string.Join("; ", problems)}";
    }

    /// <summary>The table's rows as one running silo reads them, votes and heartbeats included, for a failure message.</summary>
    private async Task<string> DescribeTableAsync()
    {
        if (Silos.FirstOrDefault()?.ServiceProvider.GetService<IMembershipTable>() is not { } table)
        {
            return "(no running silo to read it)";
        }

        try
        {
            var data = await table.ReadAllAsync().WaitAsync(TimeSpan.FromSeconds(5));
            return $"version {data.Version.Version}; " + string.Join("; ", data.Rows.Select(r =>
                $"{r.Entry.SiloAddress} {r.Entry.Status}, heartbeat {r.Entry.IAmAliveTime:HH:mm:ss.fff}, votes [{SuspicionVote.Format(r.Entry.SuspectTimes)}]"));
        }
        catch (Exception e)
        {
            return $"(unreadable: {e.Message})";
        }
    }

    private void SignalChange()
    {
        TaskCompletionSource fired;
        lock (_lock)
        {
            fired = _changed;
            _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        fired.TrySetResult();
    }
}
