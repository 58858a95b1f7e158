using ImdbSentiment.Models;
using ImdbSentiment.Persistence;

namespace ImdbSentiment.Training;

/// <summary>A named recipe: an architecture (without its vocabulary size) and training options.</summary>
/// <param name="Name">The name used on the command line, e.g. "seed-gru".</param>
/// <param name="Description">One line for help text.</param>
/// <param name="Model">The architecture; its <see cref="ModelOptions.VocabularySize"/> is filled in once the vocabulary is built.</param>
/// <param name="Training">The training options.</param>
public sealed record Preset(string Name, string Description, ModelOptions Model, TrainingOptions Training)
{
    /// <summary>The architecture for a vocabulary of <paramref name="vocabularySize"/> entries and <paramref name="classes"/> classes.</summary>
    /// <param name="vocabularySize">The vocabulary's size, specials included.</param>
    /// <param name="classes">The number of classes: two give one output (the second class's logit), more give one output per class.</param>
    public ModelOptions ModelFor(int vocabularySize, int classes = 2) =>
        (Model with { VocabularySize = vocabularySize, OutputDim = ModelOptions.OutputsFor(classes) }).Validate();
}
