using System.ComponentModel;
using System.Globalization;
using ImdbSentiment.Batching;
using ImdbSentiment.Cli.Internal;
using ImdbSentiment.Cli.Rendering;
using ImdbSentiment.Models;
using ImdbSentiment.Persistence;
using ImdbSentiment.Pipeline;
using ImdbSentiment.Runtime;
using ImdbSentiment.Text;
using ImdbSentiment.Training;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ImdbSentiment.Cli.Commands;

[Description("Train a model on IMDb (or your own labeled texts), keep the best-validation epoch, and evaluate it on the test set.")]
internal sealed class TrainCommand(CliConsole console) : AsyncCommand<TrainSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, TrainSettings settings, CancellationToken cancellationToken)
    {
        NativeRuntime.EnsureLoaded();
        var status = console.Error;
        using var cancellation = new CancellationHandling(console.ErrorWriter);
        var token = cancellation.Token;

        var (run, request, test) = settings.Resume is { } resumeFolder
            ? await ResumeAsync(resumeFolder, settings, status, token)
            : await StartAsync(settings, status, token);
        request = request with
        {
            Execution = ExecutionSetting.Read(request.Training.Threads),
            CheckpointInterval = settings.CheckpointMinutes is { } minutes ? TimeSpan.FromMinutes(minutes) : null,
        };

        var result = TrainingSession.Run(request, run, "train", console, token);
        if (result is null)
        {
            return ExitCodes.Cancelled;
        }

        RunFolders.WriteReports(run, result.History);
        status.MarkupLine(Markup.Escape($"kept epoch {result.BestEpoch} (best validation {(request.Training.SelectBy == CheckpointSelection.ValidationAccuracy ? "accuracy" : "loss")}); evaluating it on {request.Data.Info.Source} test reviews..."));
        var report = run.Finish(request, result, test, fit => status.MarkupLine(Markup.Escape(CalibrationText.Describe(fit))), token);
        status.MarkupLine(Markup.Escape($"evaluated {report.Count:N0} test reviews in {report.Seconds:F0} s"));
        console.Out.MarkupLine(Markup.Escape(report.Classes is null
            ? string.Create(CultureInfo.InvariantCulture, $"test: loss {report.Loss:F4}, accuracy {report.Accuracy * 100:F2}%, F1 {report.F1:F4}, ROC-AUC {report.RocAuc:F4} ({report.Count:N0} reviews)")
            : string.Create(CultureInfo.InvariantCulture, $"test: loss {report.Loss:F4}, accuracy {report.Accuracy * 100:F2}%, macro-F1 {report.F1:F4} ({report.Count:N0} reviews, {report.Classes.ClassCount()} classes)")));
        console.Out.MarkupLine(Markup.Escape($"model: {result.ModelPath}"));
        return ExitCodes.Success;
    }

    private static async Task<(TrainingRun Run, TrainingRequest Request, IReadOnlyList<EncodedReview> Test)> StartAsync(TrainSettings settings, IAnsiConsole status, CancellationToken token)
    {
        var preset = Presets.Get(settings.Preset ?? Presets.SeedGru.Name);
        var training = preset.Training with
        {
            Epochs = settings.Epochs ?? preset.Training.Epochs,
            LearningRate = settings.LearningRate ?? preset.Training.LearningRate,
            BatchSize = settings.BatchSize ?? preset.Training.BatchSize,
            Threads = settings.Threads ?? preset.Training.Threads,
            RecomputeSegment = settings.RecomputeSegment is { } segment ? (segment == 0 ? null : segment) : preset.Training.RecomputeSegment,
            RecomputeAboveMegabytes = settings.RecomputeAbove ?? preset.Training.RecomputeAboveMegabytes,
            Precision = PrecisionOption.Parse(settings.Precision) ?? preset.Training.Precision,
            Seed = settings.Seed ?? preset.Training.Seed,
            MinFrequency = settings.MinFrequency ?? preset.Training.MinFrequency,
            FrozenEpochs = settings.FrozenEpochs ?? preset.Training.FrozenEpochs,
            BodyLearningRateFactor = settings.BodyLrFactor ?? preset.Training.BodyLearningRateFactor,
        };
        if (training.SeparatesOutputLayer() && preset.Model.Kind is not (ModelKind.Recurrent or ModelKind.VanillaRnn))
        {
            throw new UsageException($"--frozen-epochs, --body-lr-factor: the {preset.Name} preset has no output layer apart from the rest; choose a recurrent preset (seed-rnn, seed-gru, best)");
        }

        if (preset.Model.Kind == ModelKind.Nbsvm && training.Precision != Precision.Float32)
        {
            throw new UsageException($"--precision: the {preset.Name} preset trains in fp32 only");
        }

        var folder = settings.Out ?? Path.Combine("runs", $"{preset.Name}-{DateTime.Now:yyyyMMdd-HHmmss}");
        var run = RunFolders.Create(folder);
        var start = settings.From is { } from ? ModelBundle.Load(from) : null;
        if (start is not null)
        {
            RefuseUnfitStart(start, preset);
        }

        // A model started from another reads text as that one was trained to.
        var tokenizer = start?.Manifest.Tokenizer ?? new TokenizerInfo(SpacyTokenizer.Version, settings.NormalizeLineBreaks);
        if (settings.NormalizeLineBreaks && !tokenizer.NormalizeLineBreakTags)
        {
            throw new UsageException($"--normalize-br: {start!.Path} was trained reading <br /> tags as spaCy does; a model started from it reads them the same way");
        }

        var teacher = settings.Teacher is { } teacherPath
            ? await TeacherLabels.MakeAsync(teacherPath, settings.TeacherConfidence ?? TeacherLabels.DefaultConfidence, settings.Unlabeled,
                settings.ToDataRequest(), training, settings.Limit, status, token)
            : null;
        var data = await CorpusLoader.PrepareAsync(settings.ToDataRequest(),
            new PreparationOptions(training.MinFrequency, training.Seed, Limit: settings.Limit, Tokenizer: tokenizer.Options, Vocabulary: start?.Vocabulary,
                ExtraTraining: teacher?.Rows), status, token, teacher?.Corpus);
        var prepared = data.Prepared;
        var model = ModelFor(preset, data);
        if (settings.NgramBuckets is { } buckets)
        {
            model = model.Kind == ModelKind.Nbsvm
                ? (model with { NgramBuckets = buckets }).Validate()
                : throw new UsageException($"--ngram-buckets: the {preset.Name} preset has no n-gram table; it applies to nbsvm");
        }

        if (start is not null)
        {
            DescribeWarmStart(start, model, prepared.Dataset.Labels, status);
        }

        return (run, new TrainingRequest(preset.Name, model, training,
            tokenizer, ToTrainingData(data, settings.Limit, teacher?.Info, teacher?.UnlabeledSource), folder,
            StartFrom: start), prepared.EncodedTest);
    }

    // Before any corpus work: refuse a bundle the new model can take nothing from.
    private static void RefuseUnfitStart(LoadedBundle start, Preset preset)
    {
        using var trained = start.CreateModel();
        using var fresh = ModelFactory.Create(preset.ModelFor(start.Vocabulary.Count));
        if (WarmStart.Apply(trained, fresh).Copied.Count == 0)
        {
            throw new UsageException($"--from {start.Path}: none of its weights fits the {preset.Name} model ({start.Manifest.Model.Describe()}, against {preset.ModelFor(start.Vocabulary.Count).Describe()}); choose a bundle of the same kind of model");
        }
    }

    // Once the labels are known: say what the new model takes from the bundle (the trainer applies the same rule).
    private static void DescribeWarmStart(LoadedBundle start, ModelOptions model, IReadOnlyList<string> labels, IAnsiConsole status)
    {
        using var trained = start.CreateModel();
        using var fresh = ModelFactory.Create(model);
        var keepOutput = WarmStart.KeepsOutputLayer(start.Manifest.ClassNames(), labels);
        var report = WarmStart.Apply(trained, fresh, keepOutput);
        status.MarkupLine(Markup.Escape($"starting from {start.Path} ({start.Manifest.Preset}): {report.Copied.Count} of {report.Copied.Count + report.Skipped.Count + report.New.Count} weight tensors copied" +
            (report.Skipped.Count + report.New.Count > 0 ? $"; fresh: {string.Join(", ", report.Skipped.Concat(report.New))}" : string.Empty) +
            (keepOutput ? string.Empty : $" (a new output layer: its labels {string.Join(", ", start.Manifest.ClassNames())}, these {string.Join(", ", labels)})") +
            $"; vocabulary {start.Vocabulary.Count:N0} from the bundle"));
    }

    private static async Task<(TrainingRun Run, TrainingRequest Request, IReadOnlyList<EncodedReview> Test)> ResumeAsync(string folder, TrainSettings settings, IAnsiConsole status, CancellationToken token)
    {
        var (run, checkpoint, resume) = RunFolders.Open(folder);
        var manifest = checkpoint.Manifest;
        if (manifest.Model.Kind == ModelKind.LanguageModel)
        {
            throw new UsageException($"--resume {folder}: this is a pretraining run; continue it with sentiment pretrain --resume {folder}");
        }

        var training = manifest.Training with { Epochs = settings.Epochs ?? manifest.Training.Epochs };
        RunFolders.RequireWorkLeft(run, checkpoint, resume, training.Epochs);

        var limit = manifest.Data?.Limit;
        var request = DataRequest.Recorded(manifest.Data, settings.Data);
        var teacher = manifest.Data?.PseudoLabels is { } pseudo
            ? await RelabelAsync(folder, pseudo, manifest.Data.UnlabeledSource, request, training, limit, status, token)
            : null;
        var data = await CorpusLoader.PrepareAsync(request,
            new PreparationOptions(training.MinFrequency, training.Seed, Limit: limit, Tokenizer: manifest.Tokenizer.Options, Vocabulary: checkpoint.Vocabulary,
                ExtraTraining: teacher?.Rows), status, token, teacher?.Corpus);
        status.MarkupLine(Markup.Escape(TrainingRun.DescribeResume(resume, training.Epochs)));
        return (run, new TrainingRequest(manifest.Preset, manifest.Model, training, manifest.Tokenizer,
            ToTrainingData(data, limit, teacher?.Info, teacher?.UnlabeledSource), folder, checkpoint), data.Prepared.EncodedTest);
    }

    // A self-trained run resumes on the same training rows: its teacher labels the same unlabeled reviews again.
    private static async Task<TeacherLabels.Labeled> RelabelAsync(string folder, PseudoLabelInfo pseudo,
        string? unlabeledSource, DataRequest request, TrainingOptions training, int? limit, IAnsiConsole status, CancellationToken token)
    {
        if (!File.Exists(pseudo.Teacher))
        {
            throw new UsageException($"--resume {folder}: its teacher {pseudo.Teacher} is gone, so its pseudo-labeled reviews cannot be made again; start a new run");
        }

        var again = await TeacherLabels.MakeAsync(pseudo.Teacher, pseudo.Confidence, CorpusLoader.ExistingOrNull(unlabeledSource), request, training, limit, status, token);
        return again.Info == pseudo ? again
            : throw new UsageException($"--resume {folder}: its teacher now labels {again.Info.Kept:N0} of {again.Info.Scored:N0} unlabeled reviews, the run began with {pseudo.Kept:N0} of {pseudo.Scored:N0}; resume with the teacher and unlabeled reviews it started with");
    }

    private static TrainingData ToTrainingData(LoadedData data, int? limit, PseudoLabelInfo? pseudoLabels = null, string? unlabeledSource = null) =>
        new(data.Prepared.Vocabulary, data.Prepared.Train, data.Prepared.Validation,
            data.Info(limit) with { PseudoLabels = pseudoLabels, UnlabeledSource = unlabeledSource });

    // Two classes keep the tutorial's single logit; more take one output per class, which only the neural models have.
    private static ModelOptions ModelFor(Preset preset, LoadedData data)
    {
        var labels = data.Prepared.Dataset.Labels;
        if (labels.Count > 2 && preset.Model.Kind is not (ModelKind.Recurrent or ModelKind.VanillaRnn))
        {
            throw new UsageException($"{data.Source} has {labels.Count} labels ({string.Join(", ", labels.Take(10))}{(labels.Count > 10 ? ", …" : string.Empty)}); the {preset.Name} preset is a binary classifier: choose a recurrent preset (seed-rnn, seed-gru, best) for more classes");
        }

        return preset.ModelFor(data.Prepared.Vocabulary.Count, labels.Count);
    }
}
