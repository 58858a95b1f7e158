namespace ImdbSentiment.Bench.Macro;

/// <summary>A named whole-job benchmark. It returns its figures as name → value; names carry their unit.</summary>
internal interface IMacroBenchmark
{
    string Name { get; }

    string Description { get; }

    IReadOnlyDictionary<string, object> Run(MacroOptions options);
}
