namespace OrleansBank.Runtime.Calls;

/// <summary>Reads a request's arguments as an array, for diagnostics and tests.</summary>
internal static class GrainRequestExtensions
{
    public static object?[] GetArguments(this GrainRequest request)
    {
        var arguments = new object?[request.ArgumentCount];
        for (var i = 0; i < arguments.Length; i++)
        {
            arguments[i] = request.GetArgument(i);
        }

        return arguments;
    }
}
