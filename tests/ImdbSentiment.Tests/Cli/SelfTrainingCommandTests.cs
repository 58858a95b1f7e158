using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using ImdbSentiment.Models;
using ImdbSentiment.Persistence;
using ImdbSentiment.Tests.Fixtures;

namespace ImdbSentiment.Tests.Cli;

/// <summary><c>train --teacher</c> (self-training on the unlabeled reviews) and <c>unpack</c>, as real processes on a tiny archive.</summary>
[Collection(TorchCollection.Name)]
public sealed class SelfTrainingCommandTests : IDisposable
{
    // The unlabeled reviews must come from the archive under test, not from a real one the environment names.
    private static readonly Dictionary<string, string?> Isolated = new() { ["IMDB_SENTIMENT_UNSUP_DATA"] = string.Empty };

    private static readonly string[] Quick = ["--preset", "nbsvm", "--epochs", "1", "--min-freq", "2", "--threads", "1"];

    private static readonly Regex TeacherLine = new(
        @"teacher (?<teacher>.+): (?<kept>\d+) of (?<scored>\d+) unlabeled reviews \((?<source>.+); (?<dropped>\d+) dropped as copies of test reviews\) " +
        @"labeled with probability ≥ (?<confidence>[0-9.]+) \((?<positive>\d+) positive, (?<negative>\d+) negative\) join the training split; \d+ s");

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Train(string archive, string name, params string[] extra)
    {
        var folder = _temp.Combine(name);
        var train = CliProcess.Run(["train", .. Quick, "--data", archive, "--out", folder, .. extra], environment: Isolated);
        Assert.True(train.ExitCode == 0, train.Stderr);
        return Path.Combine(folder, "model.bundle");
    }

    private static void AssertRefused(CliProcess.Result result, int exitCode, string expected)
    {
        Assert.Equal(exitCode, result.ExitCode);
        var line = Assert.Single(result.Stderr.TrimEnd().Split('\n'));
        Assert.StartsWith("sentiment: error: ", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
    }

    [Fact]
    public void A_student_should_train_on_the_reviews_its_teacher_labels_and_resume_only_with_that_teacher()
    {
        // Given the official layout (labeled and unlabeled reviews, one unlabeled review repeating a test review) and a teacher
        var archive = TinyImdbArchive.Write(_temp.Path, unlabeled: 40);
        var teacher = Train(archive, "teacher");
        var student = _temp.Combine("student");

        // When a student trains with it
        var train = CliProcess.Run(["train", .. Quick, "--data", archive, "--teacher", teacher, "--teacher-confidence", "0.6", "--out", student],
            environment: Isolated);

        // Then the teacher scored the 39 unlabeled reviews that are no test review's copy, and its confident ones joined the training split
        Assert.True(train.ExitCode == 0, train.Stderr);
        var line = TeacherLine.Match(train.Stderr);
        Assert.True(line.Success, train.Stderr);
        int Count(string group) => int.Parse(line.Groups[group].Value, CultureInfo.InvariantCulture);
        Assert.Equal((teacher, archive, 39, 1, "0.6"), (line.Groups["teacher"].Value, line.Groups["source"].Value, Count("scored"), Count("dropped"), line.Groups["confidence"].Value));
        var kept = Count("kept");
        Assert.InRange(kept, 1, 39);
        Assert.Equal(kept, Count("positive") + Count("negative"));

        // And the manifest records them, counted in the training reviews
        var taught = ModelBundle.Load(teacher).Manifest.Data!;
        var data = ModelBundle.Load(Path.Combine(student, "model.bundle")).Manifest.Data!;
        Assert.Equal(new PseudoLabelInfo(teacher, 0.6, 39, kept), data.PseudoLabels);
        Assert.Equal(archive, data.UnlabeledSource);
        Assert.Equal(taught.TrainReviews + kept, data.TrainReviews);
        Assert.Equal(taught.ValidationReviews, data.ValidationReviews);

        // And a resumed run relabels the same reviews with the same teacher
        var resume = CliProcess.Run(["train", "--resume", student, "--epochs", "2"], environment: Isolated);
        Assert.True(resume.ExitCode == 0, resume.Stderr);
        var again = TeacherLine.Match(resume.Stderr);
        Assert.True(again.Success, resume.Stderr);
        Assert.Equal(line.Groups["kept"].Value, again.Groups["kept"].Value);
        var resumed = ModelBundle.Load(Path.Combine(student, "model.bundle")).Manifest;
        Assert.Equal(2, resumed.History.Count);
        Assert.Equal(data.PseudoLabels, resumed.Data!.PseudoLabels);
        Assert.Equal(data.TrainReviews, resumed.Data.TrainReviews);

        // And without its teacher it does not resume: one line, exit 2
        File.Move(teacher, teacher + ".moved");
        var orphan = CliProcess.Run(["train", "--resume", student, "--epochs", "3"], environment: Isolated);
        AssertRefused(orphan, 2, $"its teacher {teacher} is gone");
        Assert.Equal(2, ModelBundle.Load(Path.Combine(student, "model.bundle")).Manifest.History.Count);
    }

    [Fact]
    public void A_teacher_of_another_split_or_a_confidence_out_of_range_or_options_without_a_teacher_should_be_refused()
    {
        // Given a teacher trained with another seed than the student's default
        var archive = TinyImdbArchive.Write(_temp.Path, unlabeled: 40);
        var teacher = Train(archive, "teacher", "--seed", "7");
        string[] student = ["train", .. Quick, "--data", archive, "--out", _temp.Combine("student")];

        // When and Then: one line each, exit 2, and no run folder left behind
        AssertRefused(CliProcess.Run([.. student, "--teacher", teacher], environment: Isolated), 2, "was trained on another split");
        AssertRefused(CliProcess.Run([.. student, "--seed", "7", "--teacher", teacher, "--teacher-confidence", "0.5"], environment: Isolated), 2,
            "--teacher-confidence must be above 0.5 and below 1");
        AssertRefused(CliProcess.Run([.. student, "--seed", "7", "--teacher", teacher, "--teacher-confidence", "1"], environment: Isolated), 2,
            "--teacher-confidence must be above 0.5 and below 1");
        AssertRefused(CliProcess.Run([.. student, "--unlabeled", archive], environment: Isolated), 2, "go with --teacher");
        AssertRefused(CliProcess.Run([.. student, "--teacher-confidence", "0.9"], environment: Isolated), 2, "go with --teacher");
        AssertRefused(CliProcess.Run([.. student, "--seed", "7", "--teacher", teacher, "--imdb-labels", "stars"], environment: Isolated), 2,
            "does not apply with --imdb-labels stars");
        var csv = _temp.Combine("own.csv");
        File.WriteAllText(csv, "text,label\ngood film,pos\nbad film,neg\n");
        AssertRefused(CliProcess.Run(["train", .. Quick, "--data", csv, "--seed", "7", "--teacher", teacher, "--out", _temp.Combine("student")], environment: Isolated), 2,
            "it applies to the IMDb corpus");
        Assert.False(Directory.Exists(_temp.Combine("student")), "a run folder was left behind");
    }

    [Fact]
    public void Unpack_should_write_members_that_score_as_the_models_they_came_from()
    {
        // Given an ensemble of two NBSVMs trained on the same split, one with a smaller n-gram table
        var archive = TinyImdbArchive.Write(_temp.Path, unlabeled: 40);
        var first = Train(archive, "first");
        var second = Train(archive, "second", "--ngram-buckets", "1024");
        var ensemble = _temp.Combine("ensemble.bundle");
        var assembled = CliProcess.Run(["ensemble", "--member", first, "--member", second, "--data", archive, "--out", ensemble]);
        Assert.True(assembled.ExitCode == 0, assembled.Stderr);
        var members = _temp.Combine("members");

        // When it is unpacked
        var unpack = CliProcess.Run(["unpack", "--model", ensemble, "--out", members]);

        // Then one line per member names its bundle and its model
        Assert.True(unpack.ExitCode == 0, unpack.Stderr);
        string[] paths = [Path.Combine(members, "member-1.bundle"), Path.Combine(members, "member-2.bundle")];
        Assert.Equal(
            paths.Zip([first, second], (path, model) => $"{path}: {ModelBundle.Load(model).Manifest.Model.Describe()}"),
            unpack.Stdout.TrimEnd().Split('\n'));
        Assert.Equal(ModelKind.Nbsvm, ModelBundle.Load(paths[1]).Manifest.Model.Kind);
        Assert.Equal(1024, ModelBundle.Load(paths[1]).Manifest.Model.NgramBuckets);

        // And the first member evaluates as the model it came from (accuracy and ROC-AUC do not depend on a temperature)
        var original = Evaluate(first, archive);
        var unpacked = Evaluate(paths[0], archive);
        Assert.Equal(original.GetProperty("accuracy").GetDouble(), unpacked.GetProperty("accuracy").GetDouble());
        Assert.Equal(original.GetProperty("rocAuc").GetDouble(), unpacked.GetProperty("rocAuc").GetDouble());

        // And a single model is no ensemble: one line, exit 1
        var single = CliProcess.Run(["unpack", "--model", first, "--out", _temp.Combine("single")]);
        AssertRefused(single, 1, $"{first} holds a single model");
        Assert.EndsWith("not an ensemble", single.Stderr.TrimEnd(), StringComparison.Ordinal);
    }

    private static JsonElement Evaluate(string model, string archive)
    {
        var evaluate = CliProcess.Run(["evaluate", "--model", model, "--data", archive, "--json"]);
        Assert.True(evaluate.ExitCode == 0, evaluate.Stderr);
        using var json = JsonDocument.Parse(evaluate.Stdout);
        return json.RootElement.GetProperty("report").Clone();
    }
}
