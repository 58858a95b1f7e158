namespace ImdbSentiment.Interop;

/// <summary>The files a PyTorch export wrote.</summary>
/// <param name="StateDictPath">The <c>state_dict</c>, loadable with <c>torch.load</c>.</param>
/// <param name="VocabularyPath">The vocabulary: a JSON array of tokens in id order (torchtext's <c>itos</c>).</param>
/// <param name="ConfigPath">The architecture as JSON, in the tutorial's constructor argument names.</param>
/// <param name="Entries">The tensors written, in order.</param>
public sealed record PyTorchExport(string StateDictPath, string VocabularyPath, string ConfigPath, IReadOnlyList<StateDictEntry> Entries);
