namespace OrleansBank.Runtime;

/// <summary>
/// The grain context being constructed on this thread, as Orleans' RuntimeContext: lets <see cref="Grain"/>'s
/// parameterless constructor find its activation without every grain class passing it through.
/// </summary>
internal static class RuntimeContext
{
    [ThreadStatic]
    private static IGrainContext? _current;

    /// <summary>The context whose grain constructor runs on this thread, or null outside one.</summary>
    public static IGrainContext? Current => _current;

    /// <summary>Runs <paramref name="construct"/> with <paramref name="context"/> as the current context.</summary>
    /// <remarks>The context is passed to <paramref name="construct"/>, so a static lambda allocates nothing per activation.</remarks>
    public static T Construct<TContext, T>(TContext context, Func<TContext, T> construct)
        where TContext : IGrainContext
    {
        var previous = _current;
        _current = context;
        try
        {
            return construct(context);
        }
        finally
        {
            _current = previous;
        }
    }
}
