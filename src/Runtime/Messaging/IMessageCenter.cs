using OrleansBank.Runtime.Calls;

namespace OrleansBank.Runtime.Messaging;

/// <summary>Delivers requests toward their target activation: in process inside a silo, over a transport from a client.</summary>
internal interface IMessageCenter
{
    /// <summary>Sends the request; its outcome arrives through <see cref="Message.ReplyTo"/>.</summary>
    void SendRequest(Message message);
}
