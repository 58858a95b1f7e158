using System.Text.Json;
using ImdbSentiment.Data;
using ImdbSentiment.Evaluation;
using ImdbSentiment.Models;
using ImdbSentiment.Persistence;
using ImdbSentiment.Tests.Fixtures;
using ImdbSentiment.Training;

namespace ImdbSentiment.Tests.Cli;

/// <summary>Each command end to end as a real process, on a tiny synthetic corpus and a tiny model.</summary>
[Collection(TorchCollection.Name)]
public sealed class CommandTests(TrainedRunFixture run) : IClassFixture<TrainedRunFixture>
{
    [Fact]
    public void Train_should_write_the_bundle_metrics_and_curves_and_report_test_metrics()
    {
        Assert.True(run.Train.ExitCode == 0, run.Train.Stderr);
        foreach (var file in new[] { "model.bundle", "checkpoint.bundle", "metrics.csv", "metrics.json", "curves.png" })
        {
            Assert.True(File.Exists(Path.Combine(run.RunFolder, file)), $"{file} missing");
        }

        Assert.Equal(3, File.ReadAllLines(Path.Combine(run.RunFolder, "metrics.csv")).Length);
        Assert.Matches(@"epoch 2/2: train loss \d\.\d{4}", run.Train.Stderr);
        Assert.Matches(@"calibrated on 36 validation reviews: temperature \d+\.\d{3}, calibration error \d+\.\d{2}% → \d+\.\d{2}%", run.Train.Stderr);
        Assert.True(ModelBundle.Load(Path.Combine(run.RunFolder, "model.bundle")).Manifest.Temperature > 0, "no temperature in the bundle");
        Assert.Matches(@"test: loss \d\.\d{4}, accuracy \d+\.\d+%", run.Train.Stdout);
        using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(run.RunFolder, "metrics.json")));
        Assert.Equal(120, metrics.RootElement.GetProperty("test").GetProperty("count").GetInt32());
    }

    [Fact]
    public void Data_json_should_report_counts_split_and_vocabulary()
    {
        var result = CliProcess.Run(["data", "--data", run.Archive, "--min-freq", "2", "--json"]);

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        var root = json.RootElement;
        Assert.Equal(["neg", "pos"], root.GetProperty("labels").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal(84, root.GetProperty("train").GetInt32());
        Assert.Equal(36, root.GetProperty("validation").GetInt32());
        Assert.Equal(120, root.GetProperty("test").GetInt32());
        var trainCounts = root.GetProperty("trainCounts");
        Assert.Equal(84, trainCounts.GetProperty("neg").GetInt32() + trainCounts.GetProperty("pos").GetInt32());
        Assert.InRange(root.GetProperty("vocabularySize").GetInt32(), 20, 60);
        Assert.True(root.GetProperty("maxTokens").GetInt32() >= root.GetProperty("meanTokens").GetDouble());
    }

    [Fact]
    public void Tokenize_json_should_print_spacy_tokens_per_input_in_order()
    {
        var result = CliProcess.Run(["tokenize", "--json", "--jsonl-input"], stdin: "\"Don't waste $5!\"\n\"a\\nb\"\n");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["[\"Do\",\"n't\",\"waste\",\"$\",\"5\",\"!\"]", "[\"a\",\"\\n\",\"b\"]"], result.Stdout.TrimEnd().Split('\n'));
    }

    [Fact]
    public void Evaluate_json_should_report_all_metrics_and_write_plots()
    {
        var plots = run.Folder.Combine("plots");

        var result = CliProcess.Run(["evaluate", "--model", run.Model, "--data", run.Archive, "--json", "--plots", plots]);

        Assert.True(result.ExitCode == 0, result.Stderr);
        using var json = JsonDocument.Parse(result.Stdout);
        var report = json.RootElement.GetProperty("report");
        foreach (var field in new[] { "loss", "accuracy", "precision", "recall", "f1", "rocAuc", "confusion", "calibrationError" })
        {
            Assert.True(report.TryGetProperty(field, out _), field);
        }

        Assert.Equal(120, report.GetProperty("count").GetInt32());
        Assert.True(File.Exists(Path.Combine(plots, "roc.png")));
        Assert.True(File.Exists(Path.Combine(plots, "confusion.png")));
        Assert.True(File.Exists(Path.Combine(plots, "reliability.png")));
        Assert.InRange(report.GetProperty("calibrationError").GetDouble(), 0, 0.5);
    }

    [Fact]
    public void Evaluate_sentences_should_score_single_sentences_of_the_one_and_ten_star_reviews()
    {
        var result = CliProcess.Run(["evaluate", "--model", run.Model, "--data", run.Archive, "--json", "--sentences"]);

        Assert.True(result.ExitCode == 0, result.Stderr);
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal("sentences", json.RootElement.GetProperty("texts").GetString());
        var corpus = ImdbCorpus.Load(run.Archive);
        Assert.Equal(ObviousSentences.From(corpus.Test).Count, json.RootElement.GetProperty("report").GetProperty("count").GetInt32());
        Assert.InRange(json.RootElement.GetProperty("report").GetProperty("count").GetInt32(), 1, 119);
    }

    [Fact]
    public void Calibrate_should_store_a_temperature_fitted_on_validation_and_rescore_the_test_set_leaving_the_input_unchanged()
    {
        var output = run.Folder.Combine("calibrated.bundle");
        var before = File.ReadAllBytes(run.Model);
        var original = ModelBundle.Load(run.Model).Manifest;

        var result = CliProcess.Run(["calibrate", "--model", run.Model, "--out", output, "--data", run.Archive, "--json"]);

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("calibrated on ", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(run.Model));
        using var json = JsonDocument.Parse(result.Stdout);
        var temperature = json.RootElement.GetProperty("fit").GetProperty("temperature").GetDouble();
        Assert.Equal(original.Data!.ValidationReviews, json.RootElement.GetProperty("fit").GetProperty("reviews").GetInt32());
        var calibrated = ModelBundle.Load(output).Manifest;
        Assert.Equal(temperature, calibrated.Temperature);
        Assert.InRange(temperature, 1e-3, 1e3);

        // train fitted its temperature on the same validation reviews: calibrate must rebuild the model's own split.
        Assert.Equal(original.Temperature!.Value, temperature, 1e-4);

        // A temperature rescales probabilities but never moves one across 0.5: the test counts stay, the loss moves.
        Assert.Equal(original.Test!.Confusion, calibrated.Test!.Confusion);
        Assert.Equal(original.Test.Count, calibrated.Test.Count);

        var evaluate = CliProcess.Run(["evaluate", "--model", output, "--data", run.Archive, "--json"]);
        Assert.True(evaluate.ExitCode == 0, evaluate.Stderr);
        using var evaluated = JsonDocument.Parse(evaluate.Stdout);
        Assert.Equal(temperature, evaluated.RootElement.GetProperty("temperature").GetDouble());
        Assert.Equal(calibrated.Test.Loss, evaluated.RootElement.GetProperty("report").GetProperty("loss").GetDouble(), 1e-6);
    }

    [Fact]
    public void Ensemble_should_combine_two_trained_models_into_a_bundle_that_every_command_takes()
    {
        var nbsvm = run.Folder.Combine("ensemble-nbsvm");
        var trained = CliProcess.Run(["train", "--preset", "nbsvm", "--threads", "1", "--data", run.Archive, "--out", nbsvm]);
        Assert.True(trained.ExitCode == 0, trained.Stderr);
        var output = run.Folder.Combine("ensemble.bundle");

        var result = CliProcess.Run(["ensemble", "--member", run.Model, "--member", Path.Combine(nbsvm, "model.bundle"), "--out", output, "--data", run.Archive, "--json"]);

        Assert.True(result.ExitCode == 0, result.Stderr);
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal(2, json.RootElement.GetProperty("weights").GetArrayLength());
        Assert.Equal(120, json.RootElement.GetProperty("test").GetProperty("count").GetInt32());
        var manifest = ModelBundle.Load(output).Manifest;
        Assert.Equal(ModelKind.Ensemble, manifest.Model.Kind);
        Assert.Equal("ensemble", manifest.Preset);

        var evaluate = CliProcess.Run(["evaluate", "--model", output, "--data", run.Archive, "--json"]);
        Assert.True(evaluate.ExitCode == 0, evaluate.Stderr);
        Assert.Equal(manifest.Test!.Accuracy, JsonDocument.Parse(evaluate.Stdout).RootElement.GetProperty("report").GetProperty("accuracy").GetDouble(), 1e-9);
        var predict = CliProcess.Run(["predict", "--model", output, "--json", "great wonderful film"]);
        Assert.True(predict.ExitCode == 0, predict.Stderr);
        Assert.Contains("\"label\":\"pos\"", predict.Stdout, StringComparison.Ordinal);
        var export = CliProcess.Run(["export", "--model", output, "--format", "pytorch", "--out", run.Folder.Combine("ensemble.pt")]);
        Assert.Equal(1, export.ExitCode);
        Assert.Single(export.Stderr.TrimEnd().Split('\n'));
    }

    [Fact]
    public void Train_from_a_bundle_should_keep_its_vocabulary_and_start_from_its_weights()
    {
        var folder = run.Folder.Combine("from-run");
        var source = ModelBundle.Load(run.Model);

        var result = CliProcess.Run(["train", "--preset", "best", "--from", run.Model, "--epochs", "1", "--threads", "1", "--data", run.Archive, "--out", folder]);

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains($"starting from {run.Model} (best): ", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("weight tensors copied", result.Stderr, StringComparison.Ordinal);
        var trained = ModelBundle.Load(Path.Combine(folder, "model.bundle"));
        Assert.Equal(source.Vocabulary.Tokens, trained.Vocabulary.Tokens);
    }

    [Fact]
    public void Predict_json_should_stream_one_object_per_input_line()
    {
        var result = CliProcess.Run(["predict", "--model", run.Model, "--json"], stdin: "great wonderful superb loved\nawful boring terrible waste\n\n");

        Assert.True(result.ExitCode == 0, result.Stderr);
        var lines = result.Stdout.TrimEnd('\n').Split('\n');
        Assert.Equal(3, lines.Length);
        var first = JsonDocument.Parse(lines[0]).RootElement;
        Assert.Equal("great wonderful superb loved", first.GetProperty("text").GetString());
        Assert.InRange(first.GetProperty("probability").GetDouble(), 0, 1);
        Assert.Contains(first.GetProperty("label").GetString(), new[] { "pos", "neg" });
        Assert.Equal(string.Empty, JsonDocument.Parse(lines[2]).RootElement.GetProperty("text").GetString());
    }

    [Fact]
    public void Predict_in_bfloat16_should_agree_with_float32()
    {
        const string texts = "great wonderful superb loved\nawful boring terrible waste\n";
        var fp32 = CliProcess.Run(["predict", "--model", run.Model, "--json"], stdin: texts);
        var bf16 = CliProcess.Run(["predict", "--model", run.Model, "--json", "--precision", "bf16"], stdin: texts);

        Assert.True(bf16.ExitCode == 0, bf16.Stderr);
        var expected = fp32.Stdout.TrimEnd('\n').Split('\n').Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        var actual = bf16.Stdout.TrimEnd('\n').Split('\n').Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        Assert.Equal(2, actual.Length);
        for (var i = 0; i < actual.Length; i++)
        {
            var p = expected[i].GetProperty("probability").GetDouble();
            Assert.InRange(actual[i].GetProperty("probability").GetDouble(), p - 0.03, p + 0.03);
        }
    }

    [Fact]
    public void Info_json_should_report_the_parameter_count()
    {
        var preset = CliProcess.Run(["info", "--preset", "seed-gru", "--vocab-size", "18961", "--json"]);
        var model = CliProcess.Run(["info", "--model", run.Model, "--json"]);

        Assert.Equal(0, preset.ExitCode);
        Assert.Equal(3_629_733, JsonDocument.Parse(preset.Stdout).RootElement.GetProperty("parameters").GetInt64());
        Assert.Equal(0, model.ExitCode);
        Assert.Equal("best", JsonDocument.Parse(model.Stdout).RootElement.GetProperty("preset").GetString());
    }

    [Fact]
    public void Resume_should_continue_a_finished_run_for_more_epochs()
    {
        var copy = run.Folder.Combine("resumed");
        CopyFolder(run.RunFolder, copy);

        var result = CliProcess.Run(["train", "--resume", copy, "--epochs", "3", "--data", run.Archive]);

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("resuming after epoch 2 of 3", result.Stderr);
        Assert.Equal(4, File.ReadAllLines(Path.Combine(copy, "metrics.csv")).Length);
    }

    [Fact]
    public void Training_in_bf16_should_end_with_a_test_evaluation_and_fp32_master_weights()
    {
        var folder = run.Folder.Combine("bf16");

        var result = CliProcess.Run(["train", "--preset", "best", "--epochs", "1", "--min-freq", "2", "--threads", "1", "--precision", "bf16",
            "--data", run.Archive, "--out", folder]);

        Assert.True(result.ExitCode == 0, result.Stderr);
        var bundle = ModelBundle.Load(Path.Combine(folder, TrainingRun.ModelFileName));
        Assert.Equal(Precision.BFloat16, bundle.Manifest.Training.Precision);
        Assert.NotNull(bundle.Manifest.Test);
        using var model = bundle.CreateModel();
        Assert.All(model.parameters(), p => Assert.Equal(TorchSharp.torch.ScalarType.Float32, p.dtype));
    }

    [Fact]
    public void The_nbsvm_preset_should_train_evaluate_and_predict_and_refuse_a_pytorch_export_in_one_line()
    {
        var folder = run.Folder.Combine("nbsvm");
        var model = Path.Combine(folder, TrainingRun.ModelFileName);

        var train = CliProcess.Run(["train", "--preset", "nbsvm", "--epochs", "2", "--threads", "1", "--data", run.Archive, "--out", folder]);
        var evaluate = CliProcess.Run(["evaluate", "--model", model, "--data", run.Archive, "--json"]);
        var predict = CliProcess.Run(["predict", "--model", model, "--json", "a great film"]);
        var export = CliProcess.Run(["export", "--model", model, "--format", "pytorch", "--out", run.Folder.Combine("nbsvm.pt")]);

        Assert.True(train.ExitCode == 0, train.Stderr);
        Assert.Contains("training nbsvm: NBSVM: binary 1–3-grams", train.Stderr);
        Assert.DoesNotContain("activation", train.Stderr, StringComparison.Ordinal); // a linear model has none to keep or recompute
        Assert.Matches(@"test: loss \d\.\d{4}, accuracy \d+\.\d+%", train.Stdout);
        Assert.True(evaluate.ExitCode == 0, evaluate.Stderr);
        Assert.Equal(120, JsonDocument.Parse(evaluate.Stdout).RootElement.GetProperty("report").GetProperty("count").GetInt32());
        Assert.True(predict.ExitCode == 0, predict.Stderr);
        Assert.InRange(JsonDocument.Parse(predict.Stdout).RootElement.GetProperty("probability").GetDouble(), 0, 1);
        Assert.Equal(1, export.ExitCode);
        Assert.Equal("sentiment: error: PyTorch export and import cover the tutorial's recurrent models; a model of kind Nbsvm has no PyTorch counterpart",
            export.Stderr.Trim());
    }

    [Fact]
    public void A_missing_model_should_fail_with_exit_1_and_one_line()
    {
        var result = CliProcess.Run(["predict", "--model", run.Folder.Combine("nope.bundle"), "hello"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"sentiment: error: {run.Folder.Combine("nope.bundle")}: no such model bundle; train one with 'sentiment train' or pass --model PATH", result.Stderr.Trim());
    }

    [Fact]
    public void Every_command_should_have_help_with_examples()
    {
        foreach (var command in new[] { "data", "tokenize", "train", "evaluate", "predict", "info", "serve", "export", "import" })
        {
            var result = CliProcess.Run([command, "--help"]);
            Assert.Equal(0, result.ExitCode);
            Assert.Contains("EXAMPLES:", result.Stdout);
        }
    }

    private static void CopyFolder(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(source))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }
    }
}
