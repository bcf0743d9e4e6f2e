using System.ComponentModel;

namespace OrleansBank.Runtime.Calls;

/// <summary>One call of a grain method with its arguments: the base of the request classes the code generator emits.</summary>
/// <remarks>
/// A generated request keeps its arguments in typed fields and calls the method directly, so a call allocates no argument
/// array and boxes nothing; only the wire reads and writes the arguments by index, as objects.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class GrainRequest
{
    /// <summary>How many arguments the method takes.</summary>
    public abstract int ArgumentCount { get; }

    /// <summary>The argument at <paramref name="index"/>, boxed: for the wire only.</summary>
    public abstract object? GetArgument(int index);

    /// <summary>Sets the argument at <paramref name="index"/> from its decoded value: for the wire only.</summary>
    public abstract void SetArgument(int index, object? value);

    /// <summary>Calls the method on <paramref name="grain"/> with this request's arguments.</summary>
    public abstract Task Invoke(object grain);

    /// <summary>The result of the completed task <see cref="Invoke"/> returned; null for a method that returns Task.</summary>
    public virtual object? GetResult(Task completed) => null;

    /// <summary>Throws the error a generated request gives for an index the method does not have.</summary>
    protected static ArgumentOutOfRangeException NoSuchArgument(int index) =>
        new(nameof(index), index, "The method has no argument at this index.");
}
