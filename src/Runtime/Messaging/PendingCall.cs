namespace OrleansBank.Runtime.Messaging;

/// <summary>A call in flight from the caller's side: what it awaits, and when it gives up.</summary>
internal interface IPendingCall : IResponseSink
{
    long Id { get; }

    GrainId Target { get; }

    GrainMethod Method { get; }

    long DeadlineTimestamp { get; }

    /// <summary>The connection the call went out on, if any: when it drops, the call fails at once.</summary>
    object? Route { get; set; }

    /// <summary>The task handed to the caller: Task, or Task&lt;T&gt; of the method's result type.</summary>
    Task Task { get; }

    void Start(PendingCallTable table, long id, GrainId target, GrainMethod method, long deadline, TimeSpan timeout);

    /// <summary>Fails the call with a TimeoutException naming the grain and method.</summary>
    void Expire();
}

/// <summary>A pending call that is its own completion source, so a call allocates one object for both.</summary>
internal sealed class PendingCall<T>() : TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously), IPendingCall
{
    // RunContinuationsAsynchronously: the caller's continuation must not run inline on the callee's scheduler thread.
    private PendingCallTable? _table;
    private TimeSpan _timeout;

    public long Id { get; private set; }

    public GrainId Target { get; private set; }

    public GrainMethod Method { get; private set; } = null!;

    public long DeadlineTimestamp { get; private set; }

    public object? Route { get; set; }

    Task IPendingCall.Task => Task;

    public void Start(PendingCallTable table, long id, GrainId target, GrainMethod method, long deadline, TimeSpan timeout)
    {
        (_table, Id, Target, Method, DeadlineTimestamp, _timeout) = (table, id, target, method, deadline, timeout);
        table.Add(this);
    }

    public void Complete(object? result)
    {
        _table?.Remove(Id);
        TrySetResult((T)result!);
    }

    public void Fail(Exception exception)
    {
        _table?.Remove(Id);
        TrySetException(exception);
    }

    public void Expire() => TrySetException(new TimeoutException(
        $"Response did not arrive on time: {Target}.{Method.Name} ({Method}) did not answer within {_timeout}."));
}
