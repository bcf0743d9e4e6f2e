namespace OrleansBank.Runtime.Calls;

/// <summary>The requests a call was made from, innermost first; immutable, shared by every call made in one request.</summary>
internal sealed class CallChain(GrainId grain, string method, RunToken runToken, CallChain? caller)
{
    private static readonly AsyncLocal<ICallChainSource?> Ambient = new();

    /// <summary>The chain of the request whose grain code is running here, or null outside grain code.</summary>
    public static CallChain? Current => Ambient.Value?.ToCallChain();

    /// <summary>Set by the runtime when a request starts; flows through the grain code's awaits.</summary>
    public static ICallChainSource? CurrentRequest
    {
        set => Ambient.Value = value;
    }

    public GrainId Grain { get; } = grain;

    public string Method { get; } = method;

    /// <summary>The run of the request this link names: unique across silos and processes.</summary>
    public RunToken RunToken { get; } = runToken;

    public CallChain? Caller { get; } = caller;

    /// <summary>Formats the chain caller first, ending with the call that closes the cycle.</summary>
    public IReadOnlyList<string> Describe(GrainId target, string targetMethod)
    {
        var links = new List<string> { $"{target}.{targetMethod}" };
        for (var c = this; c is not null; c = c.Caller)
        {
            links.Add($"{c.Grain}.{c.Method}");
        }

        links.Reverse();
        return links;
    }
}
