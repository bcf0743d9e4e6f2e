using System.Diagnostics;
using OrleansBank.Runtime.Calls;
using OrleansBank.Runtime.Diagnostics;

namespace OrleansBank.Runtime.Messaging;

/// <summary>A pending call that is its own completion source, so a call allocates one object for both.</summary>
internal sealed class PendingCall<T>() : TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously), IPendingCall
{
    // RunContinuationsAsynchronously: the caller's continuation must not run inline on the callee's scheduler thread.
    private PendingCallTable? _table;
    private TimeSpan _timeout;
    private Activity? _span;

    public long Id { get; private set; }

    public GrainId Target { get; private set; }

    public GrainMethod Method { get; private set; } = null!;

    public long DeadlineTimestamp { get; private set; }

    public ICallRoute? Route { get; set; }

    public Message? Request { get; set; }

    public int Resends { get; set; }

    public Activity? Span
    {
        get => _span;
        set => _span = value;
    }

    Task IPendingCall.Task => Task;

    public void Start(PendingCallTable table, long id, GrainId target, GrainMethod method, long deadline, TimeSpan timeout)
    {
        (_table, Id, Target, Method, DeadlineTimestamp, _timeout) = (table, id, target, method, deadline, timeout);
        table.Add(this);
    }

    public void Complete(object? result)
    {
        _table?.Remove(Id);
        EndSpan(null);
        TrySetResult((T)result!);
    }

    public void Fail(Exception exception)
    {
        _table?.Remove(Id);
        EndSpan(exception);
        TrySetException(exception);
    }

    public void Expire()
    {
        var timeout = new TimeoutException($"Response did not arrive on time: {Target}.{Method.Name} ({Method}) did not answer within {_timeout}.");
        EndSpan(timeout);
        TrySetException(timeout);
    }

    /// <summary>Ends the caller's span once, whichever outcome comes first.</summary>
    private void EndSpan(Exception? error)
    {
        if (_span is not null)
        {
            GrainCallTracing.EndCall(Interlocked.Exchange(ref _span, null), error);
        }
    }
}
