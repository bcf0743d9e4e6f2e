namespace OrleansBank.Runtime.Activation;

/// <summary>What an idle check found: the activation is leaving for idleness, is not idle yet, or is gone already.</summary>
internal enum IdleVerdict
{
    Collecting,
    NotYet,
    Gone,
}
