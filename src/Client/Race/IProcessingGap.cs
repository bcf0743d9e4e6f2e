namespace OrleansBank.Client.Race;

/// <summary>
/// The moment between checking the balance and changing it (an ATM talking to the network).
/// Tests and the race command put a barrier here to force an interleaving instead of hoping for one.
/// </summary>
internal interface IProcessingGap
{
    /// <summary>Called after the balance check passed, before the balance changes.</summary>
    void AfterCheck();

    /// <summary>Called right after the balance changed.</summary>
    void AfterAct();
}
