namespace OrleansBank.Grains;

/// <summary>
/// Called by a transfer after each of its steps. Optional: register one in the silo's services. Tests make it throw
/// at a chosen point to stop a transfer there, as a crash would, and then check that it is finished from its record.
/// </summary>
public interface ITransferProbe
{
    /// <summary>Awaited once the step before <paramref name="point"/> is done, inside the transfer's turn; a fault stops the transfer there.</summary>
    Task Reached(string transferId, TransferPoint point);
}
