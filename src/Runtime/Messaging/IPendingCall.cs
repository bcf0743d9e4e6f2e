using System.Diagnostics;
using OrleansBank.Runtime.Calls;

namespace OrleansBank.Runtime.Messaging;

/// <summary>A call in flight from the caller's side: what it awaits, and when it gives up.</summary>
internal interface IPendingCall : IResponseSink
{
    long Id { get; }

    GrainId Target { get; }

    GrainMethod Method { get; }

    long DeadlineTimestamp { get; }

    /// <summary>The connection the call went out on, if any: when it drops, the call fails at once.</summary>
    ICallRoute? Route { get; set; }

    /// <summary>A client's request, kept so that a refusal saying it did not run can send it through another gateway.</summary>
    Message? Request { get; set; }

    /// <summary>How many times the client sent <see cref="Request"/> again after such a refusal.</summary>
    int Resends { get; set; }

    /// <summary>The caller's span of this call, if traced: it ends with the call's outcome.</summary>
    Activity? Span { get; set; }

    /// <summary>The task handed to the caller: Task, or Task&lt;T&gt; of the method's result type.</summary>
    Task Task { get; }

    void Start(PendingCallTable table, long id, GrainId target, GrainMethod method, long deadline, TimeSpan timeout);

    /// <summary>Fails the call with a TimeoutException naming the grain and method.</summary>
    void Expire();
}
