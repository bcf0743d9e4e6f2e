namespace OrleansBank.Runtime;

/// <summary>Overrides the response timeout for calls to this interface method.</summary>
/// <param name="timeout">A <see cref="TimeSpan"/> in invariant format, e.g. <c>"00:00:05"</c>.</param>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ResponseTimeoutAttribute(string timeout) : Attribute
{
    /// <summary>The timeout for calls to the method.</summary>
    public TimeSpan Timeout { get; } = TimeSpan.Parse(timeout, System.Globalization.CultureInfo.InvariantCulture);
}
