using OrleansBank.Runtime.Activation;

namespace OrleansBank.Runtime.Messaging;

/// <summary>Inside a silo, requests go straight to the catalog: no serialization, no wire.</summary>
internal sealed class LocalMessageCenter(Catalog catalog) : IMessageCenter
{
    public void SendRequest(Message message) => catalog.Deliver(message);
}
