namespace ImdbSentiment.Models;

/// <summary>Which network to build.</summary>
public enum ModelKind
{
    /// <summary>The tutorial's first model: Embedding → single-layer tanh RNN → Linear.</summary>
    VanillaRnn,

    /// <summary>Embedding with padding → dropout → (bi)directional multi-layer recurrent stack → dropout → Linear.</summary>
    Recurrent,
}
