using Microsoft.Extensions.Options;

namespace OrleansBank.Runtime.Cluster;

/// <summary>Refuses membership timings that cannot work, naming the option and what to set instead.</summary>
public sealed class ClusterMembershipOptionsValidator : IValidateOptions<ClusterMembershipOptions>
{
    /// <summary>Fails with every problem found, each naming its option.</summary>
    public ValidateOptionsResult Validate(string? name, ClusterMembershipOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = Problems(options).ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static IEnumerable<string> Problems(ClusterMembershipOptions o)
    {
        const string Prefix = ClusterMembershipOptions.ConfigurationSection + ":";
        foreach (var (value, option) in new[]
        {
            (o.IAmAliveInterval, nameof(o.IAmAliveInterval)),
            (o.IAmAliveStaleAfter, nameof(o.IAmAliveStaleAfter)),
            (o.ProbeInterval, nameof(o.ProbeInterval)),
            (o.ProbeTimeout, nameof(o.ProbeTimeout)),
            (o.VoteExpiration, nameof(o.VoteExpiration)),
            (o.TableRefreshInterval, nameof(o.TableRefreshInterval)),
        })
        {
            if (value <= TimeSpan.Zero)
            {
                yield return $"{Prefix}{option} is {value}; give a positive time such as 00:00:01.";
            }
        }

        foreach (var (value, option) in new[]
        {
            (o.NumMissedProbesLimit, nameof(o.NumMissedProbesLimit)),
            (o.NumProbedSilos, nameof(o.NumProbedSilos)),
            (o.NumVotesForDeathDeclaration, nameof(o.NumVotesForDeathDeclaration)),
            (o.MaxWriteAttempts, nameof(o.MaxWriteAttempts)),
        })
        {
            if (value < 1)
            {
                yield return $"{Prefix}{option} is {value}; give at least 1.";
            }
        }

        // A live silo whose heartbeat is late by one beat must never look stale, or one slow write gets it voted out.
        if (o.IAmAliveInterval > TimeSpan.Zero && o.IAmAliveStaleAfter < 2 * o.IAmAliveInterval)
        {
            yield return $"{Prefix}IAmAliveStaleAfter ({o.IAmAliveStaleAfter}) must be at least twice {Prefix}IAmAliveInterval ({o.IAmAliveInterval}).";
        }

        // The first voter's vote must still count when the second voter reaches its own miss limit.
        var toVote = (o.ProbeInterval + o.ProbeTimeout) * Math.Max(o.NumMissedProbesLimit, 1);
        if (o.ProbeInterval > TimeSpan.Zero && o.ProbeTimeout > TimeSpan.Zero && o.VoteExpiration <= toVote)
        {
            yield return $"{Prefix}VoteExpiration ({o.VoteExpiration}) must be longer than (ProbeInterval + ProbeTimeout) x NumMissedProbesLimit ({toVote}), or votes expire before a second voter can join them.";
        }
    }
}
