using ImdbSentiment.Models;
using ImdbSentiment.Persistence;

namespace ImdbSentiment.Training;

/// <summary>What to train, on what, and where to write it.</summary>
/// <param name="PresetName">Recorded in the bundle.</param>
/// <param name="Model">The architecture (its vocabulary size must match the data's vocabulary).</param>
/// <param name="Training">The training options.</param>
/// <param name="Tokenizer">The tokenizer that produced the data.</param>
/// <param name="Data">The encoded reviews.</param>
/// <param name="RunFolder">Receives model.bundle (best epoch) and checkpoint.bundle (last epoch).</param>
/// <param name="ResumeFrom">A checkpoint of this same run to continue from.</param>
public sealed record TrainingRequest(
    string PresetName, ModelOptions Model, TrainingOptions Training, TokenizerInfo Tokenizer, TrainingData Data,
    string RunFolder, LoadedBundle? ResumeFrom = null);
