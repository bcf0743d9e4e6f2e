namespace OrleansBank.Runtime.Messaging;

/// <summary>Receives the outcome of a request exactly once.</summary>
internal interface IResponseSink
{
    void Complete(object? result);

    void Fail(Exception exception);
}
