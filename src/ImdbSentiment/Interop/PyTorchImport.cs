using ImdbSentiment.Models;

namespace ImdbSentiment.Interop;

/// <summary>The bundle a PyTorch import wrote.</summary>
/// <param name="BundlePath">The model bundle.</param>
/// <param name="Preset">The preset whose architecture the weights were checked against.</param>
/// <param name="Model">The architecture, with the vocabulary's size.</param>
/// <param name="Entries">The tensors read, in PyTorch's order.</param>
public sealed record PyTorchImport(string BundlePath, string Preset, ModelOptions Model, IReadOnlyList<StateDictEntry> Entries);
