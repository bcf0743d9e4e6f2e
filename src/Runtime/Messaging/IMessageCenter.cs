using OrleansBank.Runtime.Activation;
using OrleansBank.Runtime.Calls;

namespace OrleansBank.Runtime.Messaging;

/// <summary>Delivers requests toward their target activation: in process inside a silo, over a transport from a client.</summary>
internal interface IMessageCenter
{
    /// <summary>Sends the request; its outcome arrives through <see cref="Message.ReplyTo"/>.</summary>
    void SendRequest(Message message);

    /// <summary>
    /// Sends the request, straight to the activation <paramref name="local"/> names if it is still live here; sets
    /// <paramref name="local"/> to the activation that took it, when one here did. A center without activations sends
    /// it as <see cref="SendRequest(Message)"/> does.
    /// </summary>
    void SendRequest(Message message, ref ActivationHandle? local) => SendRequest(message);
}
