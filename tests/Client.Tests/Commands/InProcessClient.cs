namespace OrleansBank.Client.Tests.Commands;

/// <summary>Runs the client's Program.Run in this process, capturing what it writes.</summary>
internal static class InProcessClient
{
    public static async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await Program.Run(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
