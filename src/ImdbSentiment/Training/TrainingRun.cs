using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using ImdbSentiment.Batching;
using ImdbSentiment.Evaluation;
using ImdbSentiment.Execution;
using ImdbSentiment.Models;
using ImdbSentiment.Persistence;

namespace ImdbSentiment.Training;

/// <summary>
/// A training run's folder and its life: started in a new folder, resumed from <c>checkpoint.bundle</c>, finished once
/// <c>model.bundle</c> (the kept epoch) holds its test report. <c>metrics.csv</c> and <c>metrics.json</c> record every epoch
/// and, once finished, the test figures. <see cref="Trainer"/> writes the two bundles; this type decides what a folder holds
/// and whether it has work left.
/// </summary>
public sealed class TrainingRun
{
    /// <summary>The kept (best-validation) model's file name in a run folder.</summary>
    public const string ModelFileName = "model.bundle";

    /// <summary>The last checkpoint's file name in a run folder.</summary>
    public const string CheckpointFileName = "checkpoint.bundle";

    /// <summary>The per-epoch figures, one row per epoch.</summary>
    public const string MetricsCsvFileName = "metrics.csv";

    /// <summary>The per-epoch figures and the test report.</summary>
    public const string MetricsJsonFileName = "metrics.json";

    private static readonly JsonSerializerOptions MetricsJson = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    // The trainer names its files through a run it does not check: the caller chose the folder.
    internal TrainingRun(string folder) => Folder = folder;

    /// <summary>The run folder.</summary>
    public string Folder { get; }

    /// <summary>Where the kept model is.</summary>
    public string ModelPath => Path.Combine(Folder, ModelFileName);

    /// <summary>Where the last checkpoint is.</summary>
    public string CheckpointPath => Path.Combine(Folder, CheckpointFileName);

    /// <summary>Whether a checkpoint has been written.</summary>
    public bool HasCheckpoint => File.Exists(CheckpointPath);

    /// <summary>Whether the kept model holds its test report, which is written last.</summary>
    public bool IsFinished => File.Exists(ModelPath) && ModelBundle.Load(ModelPath).Manifest.Test is not null;

    /// <summary>
    /// A new run in <paramref name="folder"/>, which must be missing or empty. Nothing is created until the run writes its
    /// first file, so a run that fails before training leaves no folder behind.
    /// </summary>
    /// <exception cref="TrainingRunException">The folder holds files, or is a file.</exception>
    public static TrainingRun Create(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        if (File.Exists(folder))
        {
            throw TrainingRunException.IsAFile(folder);
        }

        if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
        {
            throw TrainingRunException.NotEmpty(folder);
        }

        return new TrainingRun(folder);
    }

    /// <summary>The run in <paramref name="folder"/>, to resume: it must hold a checkpoint.</summary>
    /// <exception cref="TrainingRunException">No such folder, or no checkpoint in it.</exception>
    public static TrainingRun Open(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        var run = new TrainingRun(folder);
        if (!run.HasCheckpoint)
        {
            throw Directory.Exists(folder) ? TrainingRunException.NoCheckpoint(folder) : TrainingRunException.NoSuchFolder(folder);
        }

        return run;
    }

    /// <summary>The last checkpoint and where training stopped in it.</summary>
    /// <exception cref="BundleFormatException">The checkpoint is damaged or holds no training state.</exception>
    public (LoadedBundle Checkpoint, ResumeInfo State) LoadCheckpoint()
    {
        var checkpoint = ModelBundle.Load(CheckpointPath);
        return (checkpoint, checkpoint.Manifest.Resume ?? throw BundleFormatException.NoResumeState(checkpoint.Path));
    }

    /// <summary>
    /// Refuses to continue a run that has nothing left to do with <paramref name="epochs"/> epochs: it has trained them
    /// all and, for a classifier, recorded its test report (a run stopped between its last epoch and that report continues
    /// with the evaluation). A language model has no test report; its run ends with its epochs.
    /// </summary>
    /// <exception cref="TrainingRunException">The run is finished.</exception>
    public void RequireWorkLeft(LoadedBundle checkpoint, ResumeInfo state, int epochs)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        ArgumentNullException.ThrowIfNull(state);
        var endsWithTest = checkpoint.Manifest.Model.Kind != ModelKind.LanguageModel;
        if (state.CompletedEpochs >= epochs && (!endsWithTest || IsFinished))
        {
            throw TrainingRunException.Finished(Folder, state.CompletedEpochs);
        }
    }

    /// <summary>The data a run's checkpoint records (every run's does).</summary>
    /// <exception cref="BundleFormatException">The checkpoint records none.</exception>
    public static DataInfo RecordedData(LoadedBundle checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        return checkpoint.Manifest.Data ?? throw BundleFormatException.InvalidManifest(checkpoint.Path, "a run's checkpoint records its data");
    }

    /// <summary>Where a resumed run continues, in words.</summary>
    public static string DescribeResume(ResumeInfo state, int epochs)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.InEpoch is { } progress
            ? $"resuming epoch {state.CompletedEpochs + 1} of {epochs} after its batch {progress.Batches}"
            : $"resuming after epoch {state.CompletedEpochs} of {epochs}";
    }

    /// <summary>Writes <c>metrics.csv</c> and <c>metrics.json</c> (each atomically): the epochs so far and the test report, once there is one.</summary>
    public void WriteMetrics(IReadOnlyList<EpochMetrics> history, EvaluationReport? test)
    {
        ArgumentNullException.ThrowIfNull(history);
        var csv = new StringBuilder("epoch,train_loss,train_accuracy,validation_loss,validation_accuracy,train_seconds,validation_seconds,train_tokens_per_second,learning_rate,resident_mb,peak_resident_mb,native_heap_in_use_mb,managed_heap_mb\n");
        foreach (var h in history)
        {
            csv.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"{h.Epoch},{h.TrainLoss:R},{h.TrainAccuracy:R},{h.ValidationLoss:R},{h.ValidationAccuracy:R},{h.TrainSeconds:F3},{h.ValidationSeconds:F3},{h.TrainTokensPerSecond:F1},{h.LearningRate:R},{h.ResidentMegabytes:F1},{h.PeakResidentMegabytes:F1},{h.NativeHeapInUseMegabytes:F1},{h.ManagedHeapMegabytes:F1}"));
        }

        AtomicFile.WriteAllText(Path.Combine(Folder, MetricsCsvFileName), csv.ToString());
        AtomicFile.WriteAllText(Path.Combine(Folder, MetricsJsonFileName), JsonSerializer.Serialize(new { history, test }, MetricsJson));
    }

    /// <summary>
    /// Finishes a classifier's run: fits a temperature on the validation reviews, scores the kept model on
    /// <paramref name="test"/> with it, and records the report in the metrics files and then in <c>model.bundle</c>, whose
    /// test report marks the run finished.
    /// </summary>
    /// <param name="request">The run's request (model, training options, validation reviews, execution).</param>
    /// <param name="result">What training produced.</param>
    /// <param name="test">The test reviews, encoded with the run's vocabulary.</param>
    /// <param name="calibrated">Told the fitted temperature before the test reviews are scored.</param>
    /// <param name="cancellationToken">Stops between batches; the run then stays unfinished and resumes with the evaluation.</param>
    public EvaluationReport Finish(TrainingRequest request, TrainingResult result, IReadOnlyList<EncodedReview> test,
        Action<TemperatureFit>? calibrated = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(test);
        var bundle = ModelBundle.Load(result.ModelPath);
        using var model = bundle.CreateModel();
        using var replica = request.Training.Precision == Precision.Float32 ? null : bundle.CreateModel(request.Training.Precision);
        var scored = replica ?? model;
        var execution = request.Execution ?? ExecutionOptions.Default;
        ExecutionPlan.ForInference(scored, execution);

        // The temperature comes from validation reviews only, so the test figures stay those of unseen reviews.
        var fit = TemperatureScaling.FitOn(scored, request.Data.Validation, request.Model.PadIndex, request.Training.EvaluationBatchSize,
            execution.BatchWorkers, cancellationToken);
        calibrated?.Invoke(fit);
        var (report, _) = Evaluator.Evaluate(scored, test, request.Model.PadIndex, request.Training.EvaluationBatchSize, cancellationToken: cancellationToken,
            workers: execution.BatchWorkers, temperature: fit.Temperature);

        // The metrics files first: the bundle's test report is what marks the run finished.
        WriteMetrics(result.History, report);
        ModelBundle.Save(result.ModelPath, bundle.Manifest with { Test = report, History = result.History, Temperature = fit.Temperature }, bundle.Vocabulary, model);
        return report;
    }
}
