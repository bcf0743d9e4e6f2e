namespace OrleansBank.Runtime;

/// <summary>A plain holder of <see cref="IGrainState{T}"/>.</summary>
public sealed class GrainState<T>(T state) : IGrainState<T>
{
    /// <inheritdoc/>
    public T State { get; set; } = state;

    /// <inheritdoc/>
    public string? ETag { get; set; }

    /// <inheritdoc/>
    public bool RecordExists { get; set; }
}
