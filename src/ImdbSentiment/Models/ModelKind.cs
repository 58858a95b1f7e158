namespace ImdbSentiment.Models;

/// <summary>Which network to build.</summary>
public enum ModelKind
{
    /// <summary>The tutorial's first model: Embedding → single-layer tanh RNN → Linear.</summary>
    VanillaRnn,

    /// <summary>Embedding with padding → dropout → (bi)directional multi-layer recurrent stack → dropout → Linear.</summary>
    Recurrent,

    /// <summary>
    /// Wang &amp; Manning's NBSVM as a logistic regression: binary uni- to n-gram features scaled by naive-Bayes
    /// log-count ratios (<see cref="NbsvmClassifier"/>).
    /// </summary>
    Nbsvm,

    /// <summary>Several trained models over one vocabulary, their logits combined by fitted weights (<see cref="EnsembleClassifier"/>).</summary>
    Ensemble,

    /// <summary>
    /// A bidirectional recurrent language model (<see cref="RecurrentLanguageModel"/>): reads text, predicts each next and
    /// previous word, and scores no sentiment; a classifier starts from its embedding and recurrent layers.
    /// </summary>
    LanguageModel,
}
