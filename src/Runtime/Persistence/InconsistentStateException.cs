namespace OrleansBank.Runtime;

/// <summary>A write or clear carried an ETag that no longer matches the store: someone wrote newer data.</summary>
public sealed class InconsistentStateException : Exception
{
    /// <summary>Creates the exception with both ETags for the log.</summary>
    public InconsistentStateException(string message, string? storedETag, string? currentETag)
        : base($"{message} (stored ETag: {storedETag ?? "none"}, ETag of this write: {currentETag ?? "none"})")
    {
        StoredETag = storedETag;
        CurrentETag = currentETag;
    }

    /// <summary>The ETag in the store.</summary>
    public string? StoredETag { get; }

    /// <summary>The ETag the failed write carried.</summary>
    public string? CurrentETag { get; }
}
