using OrleansBank.Runtime.Calls;

namespace OrleansBank.Runtime.Messaging.Protocol;

/// <summary>A decoded request whose arguments its method cannot take: running it fails that call alone with <paramref name="error"/>.</summary>
internal sealed class RejectedRequest(GrainRequest partial, Exception error) : GrainRequest
{
    public override int ArgumentCount => partial.ArgumentCount;

    public override object? GetArgument(int index) => partial.GetArgument(index);

    public override void SetArgument(int index, object? value)
    {
    }

    public override Task Invoke(object grain) => Task.FromException(error);
}
