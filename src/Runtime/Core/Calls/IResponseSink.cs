namespace OrleansBank.Runtime.Calls;

/// <summary>Receives the outcome of a request exactly once.</summary>
internal interface IResponseSink
{
    void Complete(object? result);

    void Fail(Exception exception);
}
