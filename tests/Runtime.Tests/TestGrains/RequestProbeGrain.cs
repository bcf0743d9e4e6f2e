using System.Diagnostics;
using OrleansBank.Runtime.Calls;

namespace OrleansBank.Runtime.Tests.TestGrains;

public interface IRequestProbeGrain : IGrainWithStringKey
{
    /// <summary>The request class that invoked this call, and the arguments as it received them.</summary>
    Task<string> InvokedBy(int number, decimal? amount, string? label, long[] values);
}

public sealed class RequestProbeGrain : Grain, IRequestProbeGrain
{
    public Task<string> InvokedBy(int number, decimal? amount, string? label, long[] values) =>
        Task.FromResult($"{RequestProbe.Caller()} {number} {amount?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null"} {label ?? "null"} [{string.Join(",", values)}]");
}

/// <summary>Finds, on the stack of a grain method before its first await, the request class that called it.</summary>
public static class RequestProbe
{
    public static string Caller() =>
        new StackTrace().GetFrames()
            .Select(f => f.GetMethod()?.DeclaringType)
            .FirstOrDefault(t => t is not null && t.IsSubclassOf(typeof(GrainRequest)))?.FullName
        ?? "no request on the stack";
}
