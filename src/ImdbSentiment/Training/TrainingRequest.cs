using ImdbSentiment.Execution;
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
/// <param name="StartFrom">A trained model whose shared weights a new run starts from (<see cref="WarmStart"/>); its
/// vocabulary must be the data's. Ignored when resuming (the checkpoint holds the weights).</param>
/// <param name="Execution">How to run the model (routes, memory release); null is <see cref="ExecutionOptions.Default"/>.
/// Validation uses <see cref="TrainingOptions.Threads"/> workers.</param>
/// <param name="CheckpointInterval">
/// Besides every epoch's end, write a resumable checkpoint during an epoch once this much time has passed since the last
/// one; null means <see cref="Trainer.DefaultCheckpointInterval"/>, <see cref="TimeSpan.Zero"/> only at epochs' ends.
/// </param>
public sealed record TrainingRequest(
    string PresetName, ModelOptions Model, TrainingOptions Training, TokenizerInfo Tokenizer, TrainingData Data,
    string RunFolder, LoadedBundle? ResumeFrom = null, ExecutionOptions? Execution = null, TimeSpan? CheckpointInterval = null,
    LoadedBundle? StartFrom = null);
