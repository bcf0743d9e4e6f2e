namespace OrleansBank.Runtime.Calls;

/// <summary>A request whose arguments are an array: for interfaces without generated code, and for timer ticks.</summary>
internal sealed class ArgumentsRequest(GrainMethod method, object?[] arguments) : GrainRequest
{
    public override int ArgumentCount => arguments.Length;

    public override object? GetArgument(int index) => arguments[index];

    public override void SetArgument(int index, object? value) => arguments[index] = value;

    public override Task Invoke(object grain) => method.Invoke(grain, arguments);

    public override object? GetResult(Task completed) => method.GetResult(completed);

    /// <summary>An empty request of <paramref name="method"/>, to be filled by the wire.</summary>
    public static ArgumentsRequest For(GrainMethod method) => new(method, new object?[method.ParameterTypes.Length]);
}
