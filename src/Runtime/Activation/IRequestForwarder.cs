using OrleansBank.Runtime.Calls;

namespace OrleansBank.Runtime.Activation;

/// <summary>
/// Sends a request on to the silo whose activation won the grain's registration: the messaging layer's job, handed to
/// the catalog through this seam since activations know no wire.
/// </summary>
internal interface IRequestForwarder
{
    void Forward(Message message, SiloAddress silo);
}
