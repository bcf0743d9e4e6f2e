namespace OrleansBank.Runtime.Calls;

/// <summary>Receives the outcome of a request exactly once.</summary>
internal interface IResponseSink
{
    void Complete(object? result);

    void Fail(Exception exception);

    /// <summary>The silo refused the request without running it; a sink that can tell its caller so (a wire reply) lets it resend.</summary>
    void Refuse(SiloShuttingDownException refusal) => Fail(refusal);
}
