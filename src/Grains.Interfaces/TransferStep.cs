namespace OrleansBank.Grains;

/// <summary>How far a transfer got: each step is recorded before the next begins, so a crash resumes from the last one.</summary>
public enum TransferStep
{
    /// <summary>Nothing recorded under this transfer id.</summary>
    None,

    /// <summary>The request is recorded; the legs may be reserved, not yet decided.</summary>
    Requested,

    /// <summary>Post or void is decided (the commit point); the legs may not all be settled yet.</summary>
    Decided,

    /// <summary>Both legs are settled and the outcome is final.</summary>
    Completed,
}
