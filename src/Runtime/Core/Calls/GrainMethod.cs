using System.Reflection;

namespace OrleansBank.Runtime.Calls;

/// <summary>Everything the runtime needs to run one grain interface method, computed once per method.</summary>
/// <remarks>Not sealed: the caller's side adds how it awaits the result (Messaging's GrainInterfaceMethod).</remarks>
internal class GrainMethod
{
    /// <summary>The grain interface that declares the method, as callers name it.</summary>
    public required Type InterfaceType { get; init; }

    /// <summary>Stable across processes: a hash of the method's name and parameter types.</summary>
    public required uint Id { get; init; }

    public required MethodInfo Method { get; init; }

    public required Type[] ParameterTypes { get; init; }

    /// <summary>The T of Task&lt;T&gt;, or <see cref="void"/> for a plain Task.</summary>
    public required Type ResultType { get; init; }

    public required bool IsReadOnly { get; init; }

    public required bool IsAlwaysInterleave { get; init; }

    /// <summary>The method's own timeout, when it overrides the global one.</summary>
    public required TimeSpan? Timeout { get; init; }

    /// <summary>Calls the method on a grain instance with an argument array; compiled once, so no reflection per call.</summary>
    public required Func<object, object?[], Task> Invoke { get; init; }

    /// <summary>Reads the result of a completed task returned by <see cref="Invoke"/>.</summary>
    public required Func<Task, object?> GetResult { get; init; }

    /// <summary>Creates the generated request of this method, to be filled from the wire; null when no code was generated.</summary>
    public Func<GrainRequest>? CreateRequest { get; set; }

    /// <summary>An empty request of this method for the wire to fill: the generated one when there is one.</summary>
    public GrainRequest NewRequest() => CreateRequest?.Invoke() ?? ArgumentsRequest.For(this);

    public string Name => Method.Name;

    public override string ToString() => $"{InterfaceType.Name}.{Name}";
}
