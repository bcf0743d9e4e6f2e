namespace OrleansBank.Runtime.Messaging;

/// <summary>A call in flight from the caller's side: what it awaits, and when it gives up.</summary>
internal abstract class PendingCall : IResponseSink
{
    private PendingCallTable? _table;

    public long Id { get; private set; }

    public GrainId Target { get; private set; }

    public GrainMethod Method { get; private set; } = null!;

    public long DeadlineTimestamp { get; private set; }

    public TimeSpan Timeout { get; private set; }

    /// <summary>The task handed to the caller: Task, or Task&lt;T&gt; of the method's result type.</summary>
    public abstract Task Task { get; }

    public void Start(PendingCallTable table, long id, GrainId target, GrainMethod method, long deadline, TimeSpan timeout)
    {
        (_table, Id, Target, Method, DeadlineTimestamp, Timeout) = (table, id, target, method, deadline, timeout);
        table.Add(this);
    }

    public void Complete(object? result)
    {
        _table?.Remove(Id);
        SetResult(result);
    }

    public void Fail(Exception exception)
    {
        _table?.Remove(Id);
        SetException(exception);
    }

    public void Expire() => SetException(new TimeoutException(
        $"Response did not arrive on time: {Target}.{Method.Name} ({Method}) did not answer within {Timeout}."));

    protected abstract void SetResult(object? result);

    protected abstract void SetException(Exception exception);
}

internal sealed class PendingCall<T> : PendingCall
{
    // Continuations must not run inline on the callee's scheduler thread: they belong to the caller.
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override Task Task => _completion.Task;

    protected override void SetResult(object? result) => _completion.TrySetResult((T)result!);

    protected override void SetException(Exception exception) => _completion.TrySetException(exception);
}
