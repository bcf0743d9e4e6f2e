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
    public static T Construct<T>(IGrainContext context, Func<T> construct)
    {
        var previous = _current;
        _current = context;
        try
        {
            return construct();
        }
        finally
        {
            _current = previous;
        }
    }
}
