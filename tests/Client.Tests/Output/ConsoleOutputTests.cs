using Spectre.Console;

namespace OrleansBank.Client.Tests.Output;

public class ConsoleOutputTests
{
    [Fact]
    public void Console_Redirected_NeverBreaksALongLine()
    {
        using var stdout = new StringWriter();
        var output = new Client.Output.ConsoleOutput(stdout, TextWriter.Null, json: false);
        var line = $"Opened {new string('a', 128)} for someone: balance $0.00 (operation {Guid.NewGuid():N})";

        output.Console.MarkupLine(line);

        Assert.Equal(line + Environment.NewLine, stdout.ToString());
    }
}
