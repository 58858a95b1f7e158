using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace ImdbSentiment.Models;

/// <summary>Builds the module that <see cref="ModelOptions"/> describes.</summary>
public static class ModelFactory
{
    /// <summary>A freshly initialised model. Seed torch first for reproducible weights.</summary>
    /// <param name="options">The architecture.</param>
    public static Module<Tensor, Tensor, Tensor> Create(ModelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Kind switch
        {
            ModelKind.VanillaRnn => new VanillaRnn(options),
            ModelKind.Recurrent => new RecurrentClassifier(options),
            ModelKind.Nbsvm => new NbsvmClassifier(options),
            ModelKind.Ensemble => new EnsembleClassifier(options),
            ModelKind.LanguageModel => new RecurrentLanguageModel(options),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Kind, "unknown model kind"),
        };
    }

    /// <summary>The number of trainable parameters.</summary>
    /// <param name="model">A model.</param>
    public static long TrainableParameters(Module model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.parameters().Where(p => p.requires_grad).Sum(p => p.numel());
    }
}
