namespace OrleansBank.Client.Race;

/// <summary>No gap: check and act run back to back.</summary>
internal sealed class NoGap : IProcessingGap
{
    public static readonly NoGap Instance = new();

    public void AfterCheck()
    {
    }

    public void AfterAct()
    {
    }
}
