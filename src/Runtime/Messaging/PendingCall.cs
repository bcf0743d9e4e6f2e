using OrleansBank.Runtime.Calls;

namespace OrleansBank.Runtime.Messaging;

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

    public ICallRoute? Route { get; set; }

    public Message? Request { get; set; }

    public int Resends { get; set; }

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
