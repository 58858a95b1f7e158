namespace ImdbSentiment.Tests.Fixtures;

/// <summary>
/// Tests that touch torch share process-global state (manual_seed, thread count, per-thread dispose
/// statistics), so they run one at a time.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TorchCollection
{
    public const string Name = "Torch";
}
