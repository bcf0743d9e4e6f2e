using OrleansBank.Runtime.Calls;

namespace OrleansBank.Runtime.Activation;

/// <summary>
/// Sends a request on to the silo whose activation won the grain's registration: the messaging layer's job, handed to
/// the catalog through this seam since activations know no wire.
/// </summary>
internal interface IRequestForwarder
{
    void Forward(Message message, SiloAddress silo);

    /// <summary>
    /// On a stopping silo that holds no activation of the request's grain: sends it to wherever the grain lives or is
    /// placed now, or refuses it unrun when there is nowhere else.
    /// </summary>
    void Relocate(Message message);
}
