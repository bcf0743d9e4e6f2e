namespace OrleansBank.Runtime.Metrics;

/// <summary>The <c>outcome</c> tag values of a grain call; constants, so tagging a call allocates nothing.</summary>
internal static class GrainCallOutcome
{
    public const string Ok = "ok";
    public const string Error = "error";
    public const string Timeout = "timeout";

    public static string Of(Exception? error) => error switch
    {
        null => Ok,
        TimeoutException => Timeout,
        _ => Error,
    };
}
