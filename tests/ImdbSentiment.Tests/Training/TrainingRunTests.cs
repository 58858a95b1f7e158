using System.Text.Json;
using ImdbSentiment.Persistence;
using ImdbSentiment.Tests.Fixtures;
using ImdbSentiment.Training;

namespace ImdbSentiment.Tests.Training;

[Collection(TorchCollection.Name)]
public sealed class TrainingRunTests
{
    [Fact]
    public void A_new_run_should_accept_a_missing_or_empty_folder_and_create_nothing_before_it_writes()
    {
        using var temp = new TempFolder();
        var missing = temp.Combine("runs", "new");
        Directory.CreateDirectory(temp.Combine("empty"));

        var run = TrainingRun.Create(missing);
        Assert.Equal(temp.Combine("empty"), TrainingRun.Create(temp.Combine("empty")).Folder);

        Assert.False(Directory.Exists(missing));
        run.WriteMetrics([], test: null);
        Assert.True(File.Exists(Path.Combine(missing, TrainingRun.MetricsCsvFileName)));
    }

    [Fact]
    public void A_new_run_should_refuse_a_folder_with_files_or_a_file()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.Combine("notes.txt"), "kept");

        var notEmpty = Assert.Throws<TrainingRunException>(() => TrainingRun.Create(temp.Path));
        var file = Assert.Throws<TrainingRunException>(() => TrainingRun.Create(temp.Combine("notes.txt")));

        Assert.Equal(TrainingRunProblem.NotEmpty, notEmpty.Problem);
        Assert.Equal(TrainingRunProblem.IsAFile, file.Problem);
        Assert.Equal("kept", File.ReadAllText(temp.Combine("notes.txt")));
    }

    [Fact]
    public void Opening_a_run_should_need_its_folder_and_a_checkpoint()
    {
        using var temp = new TempFolder();

        Assert.Equal(TrainingRunProblem.NoSuchFolder, Assert.Throws<TrainingRunException>(() => TrainingRun.Open(temp.Combine("gone"))).Problem);
        Assert.Equal(TrainingRunProblem.NoCheckpoint, Assert.Throws<TrainingRunException>(() => TrainingRun.Open(temp.Path)).Problem);
    }

    [Fact]
    public void A_classifier_run_should_have_work_left_until_its_test_report_is_recorded()
    {
        using var temp = new TempFolder();
        var request = SyntheticData.Request(temp.Path, epochs: 2);
        var run = TrainingRun.Create(temp.Path);
        var result = Trainer.Train(request);
        var (checkpoint, state) = TrainingRun.Open(temp.Path).LoadCheckpoint();

        // Both epochs trained but no test report yet: resuming finishes the evaluation.
        Assert.Equal(2, state.CompletedEpochs);
        Assert.False(run.IsFinished);
        run.RequireWorkLeft(checkpoint, state, epochs: 2);

        var report = run.Finish(request, result, request.Data.Validation);

        Assert.True(run.IsFinished);
        Assert.Equal(report.Accuracy, ModelBundle.Load(run.ModelPath).Manifest.Test!.Accuracy);
        Assert.Equal(TrainingRunProblem.Finished,
            Assert.Throws<TrainingRunException>(() => run.RequireWorkLeft(checkpoint, state, epochs: 2)).Problem);
        run.RequireWorkLeft(checkpoint, state, epochs: 3);
    }

    [Fact]
    public void Metrics_files_should_hold_every_epoch_and_the_test_report()
    {
        using var temp = new TempFolder();
        var request = SyntheticData.Request(temp.Path, epochs: 2);
        var run = TrainingRun.Create(temp.Path);
        var result = Trainer.Train(request);

        run.WriteMetrics(result.History, test: null);
        var report = run.Finish(request, result, request.Data.Validation);

        var csv = File.ReadAllLines(Path.Combine(run.Folder, TrainingRun.MetricsCsvFileName));
        Assert.StartsWith("epoch,train_loss,train_accuracy,validation_loss,validation_accuracy,", csv[0], StringComparison.Ordinal);
        Assert.Equal(["1", "2"], csv.Skip(1).Select(line => line.Split(',')[0]));
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(run.Folder, TrainingRun.MetricsJsonFileName)));
        Assert.Equal(2, json.RootElement.GetProperty("history").GetArrayLength());
        Assert.Equal(report.Accuracy, json.RootElement.GetProperty("test").GetProperty("accuracy").GetDouble());
    }

    [Fact]
    public void Resuming_should_say_where_the_run_continues()
    {
        Assert.Equal("resuming after epoch 2 of 5", TrainingRun.DescribeResume(new ResumeInfo(2, 2, 0.3, 90), 5));
        Assert.Equal("resuming epoch 3 of 5 after its batch 40",
            TrainingRun.DescribeResume(new ResumeInfo(2, 2, 0.3, 90, InEpoch: new EpochProgress(40, 1, 2, 3, 4, 5)), 5));
    }
}
