namespace ImdbSentiment.Datasets;

/// <summary>The files a labeled dataset is read from; a part not given is carved from <see cref="Train"/> (see <see cref="LabeledDataset.Load"/>).</summary>
/// <param name="Train">The training data.</param>
/// <param name="Validation">Validation data to select the model with, if the user has it.</param>
/// <param name="Test">Test data to report on, if the user has it.</param>
public sealed record DatasetSources(string Train, string? Validation = null, string? Test = null);
