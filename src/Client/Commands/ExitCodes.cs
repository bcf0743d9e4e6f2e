namespace OrleansBank.Client.Commands;

/// <summary>The client's exit codes.</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int BusinessError = 1;
    public const int UsageError = 2;
    public const int SiloUnreachable = 3;
}
