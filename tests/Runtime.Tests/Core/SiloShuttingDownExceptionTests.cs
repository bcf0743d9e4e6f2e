namespace OrleansBank.Runtime.Tests.Core;

public class SiloShuttingDownExceptionTests
{
    [Fact]
    public void Refusing_ASilo_NamesItsAddressNotTheMachine()
    {
        var silo = SiloAddress.Parse("127.0.0.1:11112:7");

        var error = SiloShuttingDownException.Refusing(silo, "IAccountGrain.Deposit", new GrainId("account", "a-1"));

        Assert.StartsWith("The silo 127.0.0.1:11112:7 is shutting down and did not run IAccountGrain.Deposit on account/a-1", error.Message);
        Assert.DoesNotContain(Environment.MachineName, error.Message);
    }
}
