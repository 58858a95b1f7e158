using static TorchSharp.torch;

namespace ImdbSentiment.Training;

/// <summary>What <see cref="WarmStart.Apply"/> copied: tensors by state_dict name.</summary>
/// <param name="Copied">Names whose shape matched; the target now holds the source's values.</param>
/// <param name="Skipped">Names both have but with different shapes (or an output layer for other classes); the target keeps its initialisation.</param>
/// <param name="New">Names only the target has; they keep their initialisation.</param>
public sealed record WarmStartReport(IReadOnlyList<string> Copied, IReadOnlyList<string> Skipped, IReadOnlyList<string> New);

/// <summary>
/// Starts a model from another one's weights: every parameter and buffer whose state_dict name and shape both models
/// share is copied (an embedding over the same vocabulary, recurrent layers of the same size, an output layer of the
/// same width); the rest keeps its fresh initialisation. A model trained for other classes keeps none of its output
/// layer, even of the same width: its rows mean other labels.
/// </summary>
public static class WarmStart
{
    /// <summary>The state_dict prefix of a classifier's output layer (the tutorial's <c>fc</c>).</summary>
    public const string OutputLayerPrefix = "fc.";

    /// <summary>Whether a model trained on <paramref name="sourceClasses"/> can hand its output layer to one for <paramref name="targetClasses"/>: the same names in the same order.</summary>
    /// <param name="sourceClasses">The trained model's class names.</param>
    /// <param name="targetClasses">The new model's class names.</param>
    public static bool KeepsOutputLayer(IReadOnlyList<string> sourceClasses, IReadOnlyList<string> targetClasses) =>
        sourceClasses.SequenceEqual(targetClasses, StringComparer.Ordinal);

    /// <summary>Copies the shared tensors from <paramref name="source"/> into <paramref name="target"/>.</summary>
    /// <param name="source">A trained model.</param>
    /// <param name="target">A freshly built model.</param>
    /// <param name="keepOutputLayer">False leaves the target's output layer (<see cref="OutputLayerPrefix"/>) fresh, as when the classes differ.</param>
    public static WarmStartReport Apply(nn.Module source, nn.Module target, bool keepOutputLayer = true)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        var from = source.state_dict();
        var (copied, skipped, fresh) = (new List<string>(), new List<string>(), new List<string>());
        using var _ = no_grad();
        foreach (var (name, tensor) in target.state_dict())
        {
            if (!from.TryGetValue(name, out var value))
            {
                fresh.Add(name);
            }
            else if (!value.shape.SequenceEqual(tensor.shape) || (!keepOutputLayer && name.StartsWith(OutputLayerPrefix, StringComparison.Ordinal)))
            {
                skipped.Add(name);
            }
            else
            {
                tensor.copy_(value);
                copied.Add(name);
            }
        }

        return new WarmStartReport(copied, skipped, fresh);
    }
}
