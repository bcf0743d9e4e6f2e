namespace OrleansBank.Runtime.Cluster;

/// <summary>What one probe of a peer found: it answered, or why it did not.</summary>
public readonly record struct ProbeResult(bool Succeeded, string? FailureReason)
{
    /// <summary>The peer answered.</summary>
    public static ProbeResult Ok { get; } = new(true, null);

    /// <summary>The peer did not answer; <paramref name="reason"/> says what happened (refused, timed out, ...).</summary>
    public static ProbeResult Failed(string reason) => new(false, reason);
}
