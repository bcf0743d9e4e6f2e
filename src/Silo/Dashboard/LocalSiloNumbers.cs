using OrleansBank.Runtime;

namespace OrleansBank.Silo.Dashboard;

/// <summary>Reads this silo's own numbers: identity, activations, CPU and memory, and the meter's totals.</summary>
internal sealed class LocalSiloNumbers(ILocalSiloDetails localSilo, SiloActivationCounts activations, ProcessUsage usage, DashboardMeterListener meter)
{
    public SiloNumbers Read()
    {
        var (cpu, memory) = usage.Read();
        var self = localSilo.SiloAddress;
        return new SiloNumbers(self.Endpoint, self.Generation, activations.ByGrainType().Values.Sum(), cpu, memory, meter.Read());
    }
}
