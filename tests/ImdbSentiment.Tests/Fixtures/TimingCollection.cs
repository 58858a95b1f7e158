namespace ImdbSentiment.Tests.Fixtures;

/// <summary>
/// Tests that compare running times of the same code on inputs of different sizes: they run with no other test
/// beside them, so that the ratio measures the code and not the other tests competing for the two cores.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingCollection
{
    public const string Name = "Timing";
}
