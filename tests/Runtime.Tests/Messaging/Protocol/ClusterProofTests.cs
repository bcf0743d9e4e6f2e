using OrleansBank.Runtime.Messaging.Protocol;

namespace OrleansBank.Runtime.Tests.Messaging.Protocol;

public class ClusterProofTests
{
    private const string Secret = "correct horse battery staple";

    [Fact]
    public void Proofs_SameNonces_DifferByRoleSoTheyCannotBeReflected()
    {
        var (ours, theirs) = (ClusterProof.NewNonce(), ClusterProof.NewNonce());

        Assert.NotEqual(ClusterProof.OfConnecting(Secret, ours, theirs), ClusterProof.OfAccepting(Secret, ours, theirs));
    }

    [Fact]
    public void Proofs_OtherSecretOrNonce_DoNotMatch()
    {
        var (ours, theirs) = (ClusterProof.NewNonce(), ClusterProof.NewNonce());
        var proof = ClusterProof.OfConnecting(Secret, ours, theirs);

        Assert.True(ClusterProof.Matches(proof, ClusterProof.OfConnecting(Secret, ours, theirs)));
        Assert.False(ClusterProof.Matches(proof, ClusterProof.OfConnecting(Secret + "!", ours, theirs)));
        Assert.False(ClusterProof.Matches(proof, ClusterProof.OfConnecting(Secret, ours, ClusterProof.NewNonce())));
        Assert.NotEqual(ours, theirs);
        Assert.Equal(ClusterProof.ProofSize, proof.Length);
    }
}
