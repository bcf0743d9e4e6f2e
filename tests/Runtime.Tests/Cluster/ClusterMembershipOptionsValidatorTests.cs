using OrleansBank.Runtime.Cluster;

namespace OrleansBank.Runtime.Tests.Cluster;

public class ClusterMembershipOptionsValidatorTests
{
    private readonly ClusterMembershipOptionsValidator _validator = new();

    [Fact]
    public void Validate_Defaults_Succeed()
    {
        Assert.True(_validator.Validate(null, new ClusterMembershipOptions()).Succeeded);
    }

    [Fact]
    public void Validate_DefaultTimings_DetectAKilledSiloWithinEightSeconds()
    {
        // The worst case: the kill lands just after a probe answered; the limit's probes then each wait an interval
        // and a timeout, and the dead write follows the second voter's miss.
        var o = new ClusterMembershipOptions();

        Assert.True((o.ProbeInterval + o.ProbeTimeout) * o.NumMissedProbesLimit <= TimeSpan.FromSeconds(8));
    }

    [Theory]
    [InlineData(nameof(ClusterMembershipOptions.NumMissedProbesLimit))]
    [InlineData(nameof(ClusterMembershipOptions.NumProbedSilos))]
    [InlineData(nameof(ClusterMembershipOptions.NumVotesForDeathDeclaration))]
    [InlineData(nameof(ClusterMembershipOptions.MaxWriteAttempts))]
    public void Validate_CountBelowOne_FailsNamingTheOption(string option)
    {
        var options = new ClusterMembershipOptions();
        typeof(ClusterMembershipOptions).GetProperty(option)!.SetValue(options, 0);

        var result = _validator.Validate(null, options);

        Assert.Contains($"Cluster:Membership:{option} is 0; give at least 1.", result.FailureMessage);
    }

    [Fact]
    public void Validate_StaleAfterShorterThanTwoHeartbeats_FailsNamingBothOptions()
    {
        var result = _validator.Validate(null, new ClusterMembershipOptions { IAmAliveInterval = TimeSpan.FromSeconds(6) });

        Assert.Contains("Cluster:Membership:IAmAliveStaleAfter (00:00:10) must be at least twice Cluster:Membership:IAmAliveInterval (00:00:06)", result.FailureMessage);
    }

    [Fact]
    public void Validate_VotesExpireBeforeASecondVoterCanVote_FailsNamingVoteExpiration()
    {
        var result = _validator.Validate(null, new ClusterMembershipOptions { VoteExpiration = TimeSpan.FromSeconds(3) });

        Assert.Contains("Cluster:Membership:VoteExpiration (00:00:03) must be longer than", result.FailureMessage);
    }
}
