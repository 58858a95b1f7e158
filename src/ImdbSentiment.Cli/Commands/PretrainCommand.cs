using System.ComponentModel;
using ImdbSentiment.Cli.Internal;
using ImdbSentiment.Models;
using ImdbSentiment.Persistence;
using ImdbSentiment.Pipeline;
using ImdbSentiment.Runtime;
using ImdbSentiment.Text;
using ImdbSentiment.Training;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ImdbSentiment.Cli.Commands;

[Description("Pretrain a bidirectional language model on the train split's and the unlabeled reviews' text, for train --from.")]
internal sealed class PretrainCommand(CliConsole console) : AsyncCommand<PretrainSettings>
{
    private const int DefaultHeldOut = 500;

    public override async Task<int> ExecuteAsync(CommandContext context, PretrainSettings settings, CancellationToken cancellationToken)
    {
        NativeRuntime.EnsureLoaded();
        var status = console.Error;
        using var cancellation = new CancellationHandling(console.ErrorWriter);
        var token = cancellation.Token;
        var (run, request) = settings.Resume is { } folder ? await ResumeAsync(folder, settings, status, token) : await StartAsync(settings, status, token);
        request = request with
        {
            Execution = ExecutionSetting.Read(request.Training.Threads),
            CheckpointInterval = settings.CheckpointMinutes is { } minutes ? TimeSpan.FromMinutes(minutes) : null,
        };

        var result = TrainingSession.Run(request, run, "pretrain", console, token);
        if (result is null)
        {
            return ExitCodes.Cancelled;
        }

        RunFolders.WriteReports(run, result.History);
        var best = result.History.First(h => h.Epoch == result.BestEpoch);
        console.Out.MarkupLine(Markup.Escape(FormattableString.Invariant(
            $"held-out perplexity {Math.Exp(best.ValidationLoss):F1} (epoch {result.BestEpoch}), next word exact {best.ValidationAccuracy * 100:F2}%")));
        console.Out.MarkupLine(Markup.Escape($"model: {result.ModelPath}"));
        status.MarkupLine(Markup.Escape($"start a classifier from it: sentiment train --preset best --from {result.ModelPath}" +
                                        (request.Data.Info.Limit is { } limit ? $" --limit {limit}" : string.Empty)));
        return ExitCodes.Success;
    }

    private static async Task<(TrainingRun Run, TrainingRequest Request)> StartAsync(PretrainSettings settings, IAnsiConsole status, CancellationToken token)
    {
        var preset = Presets.Pretrain;
        var training = preset.Training with
        {
            Epochs = settings.Epochs ?? preset.Training.Epochs,
            LearningRate = settings.LearningRate ?? preset.Training.LearningRate,
            BatchSize = settings.BatchSize ?? preset.Training.BatchSize,
            SampledWords = settings.SampledWords ?? preset.Training.SampledWords,
            Threads = settings.Threads ?? preset.Training.Threads,
            Seed = settings.Seed ?? preset.Training.Seed,
            MinFrequency = settings.MinFrequency ?? preset.Training.MinFrequency,
        };
        var folder = settings.Out ?? Path.Combine("runs", $"pretrain-{DateTime.Now:yyyyMMdd-HHmmss}");
        var run = RunFolders.Create(folder);

        var data = await PrepareAsync(settings.Data, settings.Unlabeled, training, settings.Limit, settings.HeldOut ?? DefaultHeldOut, status, token);
        return (run, new TrainingRequest(preset.Name, preset.ModelFor(data.Vocabulary.Count), training,
            new TokenizerInfo(SpacyTokenizer.Version, PretrainingCorpus.Tokenizer.NormalizeLineBreakTags), data, folder));
    }

    private static async Task<(TrainingRun Run, TrainingRequest Request)> ResumeAsync(string folder, PretrainSettings settings, IAnsiConsole status, CancellationToken token)
    {
        var (run, checkpoint, resume) = RunFolders.Open(folder);
        var manifest = checkpoint.Manifest;
        if (manifest.Model.Kind != ModelKind.LanguageModel)
        {
            throw new UsageException($"--resume {folder}: this is a classifier's run; continue it with sentiment train --resume {folder}");
        }

        var training = manifest.Training with { Epochs = settings.Epochs ?? manifest.Training.Epochs };
        RunFolders.RequireWorkLeft(run, checkpoint, resume, training.Epochs);

        var info = TrainingRun.RecordedData(checkpoint);
        var data = await PrepareAsync(settings.Data ?? CorpusLoader.ExistingOrNull(info.Source), CorpusLoader.ExistingOrNull(info.UnlabeledSource), training,
            info.Limit, info.ValidationReviews, status, token);
        if (!data.Vocabulary.Tokens.SequenceEqual(checkpoint.Vocabulary.Tokens))
        {
            throw new UsageException($"--resume {folder}: the text read now gives another vocabulary than the run's; pass the --data and unlabeled archives it started with");
        }

        status.MarkupLine(Markup.Escape(TrainingRun.DescribeResume(resume, training.Epochs)));
        return (run, new TrainingRequest(manifest.Preset, manifest.Model, training, manifest.Tokenizer, data, folder, checkpoint));
    }

    // The train split (as train picks it for this seed and limit) and the unlabeled reviews, without any test review's text;
    // the first validation reviews are the held-out text.
    private static async Task<TrainingData> PrepareAsync(string? labeledPath, string? unlabeledPath, TrainingOptions training, int? limit, int heldOut,
        IAnsiConsole status, CancellationToken token)
    {
        var (source, corpus) = await CorpusLoader.LoadAsync(labeledPath, status, token);
        var unlabeledSource = UnlabeledArchive.Resolve(unlabeledPath, source);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var split = CorpusPreparation.Split(corpus, new PreparationOptions(training.MinFrequency, training.Seed, Limit: limit));
        var unlabeled = UnlabeledArchive.Load(unlabeledSource, limit, token);

        var text = PretrainingCorpus.Build(split.Train, unlabeled, corpus.Test);
        var heldOutTexts = split.Validation.Take(heldOut).Select(r => r.Text).ToArray();
        var (vocabulary, texts, heldOutEncoded) = text.Encode(heldOutTexts, training.MinFrequency, token);
        status.MarkupLine(Markup.Escape(
            $"text: {text.TrainSplitReviews:N0} train-split reviews ({source}) + {text.UnlabeledReviews:N0} unlabeled ({unlabeledSource}; " +
            $"{text.DroppedTestDuplicates:N0} dropped as copies of test reviews), {texts.Sum(t => (long)t.Length):N0} words, vocabulary {vocabulary.Count:N0}; " +
            $"held out: {heldOutTexts.Length:N0} validation reviews; tokenized in {clock.Elapsed.TotalSeconds:F1} s"));
        return new TrainingData(vocabulary, texts, heldOutEncoded,
            new DataInfo(limit, texts.Count, heldOutEncoded.Count, source, unlabeledSource));
    }
}
