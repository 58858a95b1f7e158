using System.Diagnostics;
using ImdbSentiment.Data;
using ImdbSentiment.Datasets;
using ImdbSentiment.Persistence;
using ImdbSentiment.Pipeline;
using ImdbSentiment.Runtime;
using Spectre.Console;

namespace ImdbSentiment.Cli.Internal;

/// <summary>
/// <c>train --teacher</c>: the teacher labels IMDb's unlabeled reviews (never a copy of a test review), and those it is
/// confident about join the training split (<see cref="PseudoLabeling"/>).
/// </summary>
internal static class TeacherLabels
{
    public const double DefaultConfidence = 0.88;

    /// <summary>
    /// The pseudo-labeled rows, what the manifest records about them, where the unlabeled reviews came from, and the
    /// labeled corpus read to leave out its test reviews (so preparing the training data need not read it again).
    /// </summary>
    public sealed record Labeled(IReadOnlyList<LabeledText> Rows, PseudoLabelInfo Info, string UnlabeledSource, (string Source, ImdbCorpus Corpus) Corpus);

    /// <summary>Labels the unlabeled reviews with the teacher, after checking that it may teach this run.</summary>
    public static async Task<Labeled> MakeAsync(
        string teacherPath, double confidence, string? unlabeledPath, DataRequest data, TrainingOptions training, int? limit,
        IAnsiConsole status, CancellationToken cancellationToken)
    {
        if (CorpusLoader.IsOwnData(data))
        {
            throw new UsageException($"--teacher labels IMDb's unlabeled reviews; it applies to the IMDb corpus, not to {data.Path}");
        }

        if (data.Labeling != ImdbLabeling.Sentiment)
        {
            throw new UsageException("--teacher labels reviews neg or pos; it does not apply with --imdb-labels stars");
        }

        var teacher = ModelBundle.Load(teacherPath).RequireClassifier();
        var manifest = teacher.Manifest;
        if (manifest.ClassNames().Count != 2 || manifest.Data?.ImdbLabels is not null)
        {
            throw new UsageException($"--teacher {teacherPath} tells {string.Join(", ", manifest.ClassNames())} apart; a teacher must be a sentiment model (neg, pos)");
        }

        // A teacher that trained on this run's validation reviews would carry their labels into its pseudo-labels.
        if (!manifest.SharesSplit(training.Seed, limit))
        {
            throw new UsageException($"--teacher {teacherPath} was trained on another split ({manifest.DescribeSplit()}) than this run ({BundleManifest.DescribeSplit(training.Seed, limit)}); its training reviews could be this run's validation reviews");
        }

        var (source, corpus) = await CorpusLoader.LoadAsync(data.Path, status, cancellationToken).ConfigureAwait(false);
        var unlabeledSource = UnlabeledArchive.Resolve(unlabeledPath, source);
        var text = PretrainingCorpus.Build([], UnlabeledArchive.Load(unlabeledSource, limit, cancellationToken), corpus.Test);

        NativeRuntime.SetThreads(training.Threads);
        var clock = Stopwatch.StartNew();
        var lastReport = Stopwatch.StartNew();
        var progress = new Progress<(int Done, int Total)>(p =>
        {
            if (lastReport.Elapsed >= TimeSpan.FromSeconds(10) && p.Done < p.Total)
            {
                lastReport.Restart();
                var eta = clock.Elapsed * ((p.Total - p.Done) / (double)Math.Max(1, p.Done));
                status.MarkupLine(Markup.Escape($"teacher: scored {p.Done:N0} of {p.Total:N0} unlabeled reviews, ETA {eta:mm\\:ss}"));
            }
        });
        var labels = PseudoLabeling.Label(teacher, text.Texts, confidence, i => $"unlabeled/{i}",
            ExecutionSetting.Read(training.Threads), progress, cancellationToken);
        var kept = labels.Rows.Count;
        status.MarkupLine(Markup.Escape(
            $"teacher {teacherPath}: {kept:N0} of {labels.Scored:N0} unlabeled reviews ({unlabeledSource}; {text.DroppedTestDuplicates:N0} dropped as copies of test reviews) " +
            $"labeled with probability ≥ {confidence} ({labels.Positive:N0} positive, {kept - labels.Positive:N0} negative) join the training split; {clock.Elapsed.TotalSeconds:F0} s"));
        return new Labeled(labels.Rows, new PseudoLabelInfo(teacherPath, confidence, labels.Scored, kept), unlabeledSource, (source, corpus));
    }
}
