namespace OrleansBank.Runtime.Calls;

/// <summary>Something that can say which request is running: lets the chain be built only when a call is made.</summary>
internal interface ICallChainSource
{
    CallChain ToCallChain();
}
