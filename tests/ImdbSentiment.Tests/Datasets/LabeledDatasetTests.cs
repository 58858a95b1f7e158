using System.Text;
using ImdbSentiment.Datasets;
using ImdbSentiment.Tests.Fixtures;

namespace ImdbSentiment.Tests.Datasets;

public sealed class LabeledDatasetTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Without_validation_and_test_files_a_stratified_15_percent_each_is_carved()
    {
        // Given: 100 rows of "a", 20 of "b".
        var path = Csv("data.csv", Enumerable.Range(0, 120).Select(i => ($"text {i}", i < 100 ? "a" : "b")));

        // When
        var dataset = LabeledDataset.Load(new DatasetSources(path), new DatasetReadOptions(), new DatasetSplitOptions());

        // Then: each label gives up 15 % to test and 15 % of the whole to validation.
        Assert.Equal(["a", "b"], dataset.Labels);
        Assert.Equal([15, 3], dataset.CountByLabel(dataset.Test));
        Assert.Equal([15, 3], dataset.CountByLabel(dataset.Validation));
        Assert.Equal([70, 14], dataset.CountByLabel(dataset.Train));
        var all = dataset.Train.Concat(dataset.Validation).Concat(dataset.Test).Select(r => r.Text).Order(StringComparer.Ordinal);
        Assert.Equal(Enumerable.Range(0, 120).Select(i => $"text {i}").Order(StringComparer.Ordinal), all);
    }

    [Fact]
    public void The_split_should_depend_only_on_the_seed()
    {
        var path = Csv("data.csv", Enumerable.Range(0, 200).Select(i => ($"text {i}", i % 2 == 0 ? "a" : "b")));

        LabeledDataset Load(ulong seed) => LabeledDataset.Load(new DatasetSources(path), new DatasetReadOptions(), new DatasetSplitOptions(seed));
        string[] Test(LabeledDataset d) => [.. d.Test.Select(r => r.Text)];

        Assert.Equal(Test(Load(7)), Test(Load(7)));
        Assert.NotEqual(Test(Load(7)), Test(Load(8)));
    }

    [Fact]
    public void Given_validation_and_test_files_are_used_as_they_are()
    {
        var train = Csv("train.csv", [("t1", "neg"), ("t2", "pos"), ("t3", "neg"), ("t4", "pos")]);
        var validation = Csv("validation.csv", [("v1", "pos")]);
        var test = Csv("test.csv", [("s1", "neg"), ("s2", "pos")]);

        var dataset = LabeledDataset.Load(new DatasetSources(train, validation, test), new DatasetReadOptions(), new DatasetSplitOptions());

        Assert.Equal(["t1", "t2", "t3", "t4"], dataset.Train.Select(r => r.Text));
        Assert.Equal(["v1"], dataset.Validation.Select(r => r.Text));
        Assert.Equal(["s1", "s2"], dataset.Test.Select(r => r.Text));
    }

    [Fact]
    public void Integer_labels_sort_numerically_others_ordinally()
    {
        Assert.Equal(["1", "2", "10"], LabeledDataset.Sorted(["10", "2", "1"]));
        Assert.Equal(["-1", "0", "1"], LabeledDataset.Sorted(["1", "-1", "0"]));
        Assert.Equal(["B", "a", "b"], LabeledDataset.Sorted(["b", "a", "B"]));
        Assert.Equal(["1", "10", "2", "x"], LabeledDataset.Sorted(["x", "2", "10", "1"]));
    }

    [Fact]
    public void A_label_seen_once_is_a_bad_row()
    {
        var path = Csv("data.csv", [("a1", "a"), ("a2", "a"), ("b1", "b"), ("b2", "b"), ("lonely", "c")]);

        var error = Assert.Throws<DatasetException>(() => LabeledDataset.Load(new DatasetSources(path), new DatasetReadOptions(), new DatasetSplitOptions()));
        var skipped = new SkippedRows();
        var dataset = LabeledDataset.Load(new DatasetSources(path), new DatasetReadOptions(SkipBadRows: true), new DatasetSplitOptions(), skipped);

        Assert.Equal(DatasetErrorKind.RareLabel, error.Kind);
        Assert.StartsWith("data.csv row 5: label \"c\" occurs only once in the training data", error.Message, StringComparison.Ordinal);
        Assert.Equal(["a", "b"], dataset.Labels);
        Assert.Equal(1, skipped.ByKind[DatasetErrorKind.RareLabel]);
    }

    [Fact]
    public void A_test_label_the_training_data_lacks_is_a_bad_row()
    {
        var train = Csv("train.csv", [("t1", "neg"), ("t2", "pos"), ("t3", "neg"), ("t4", "pos")]);
        var test = Csv("test.csv", [("s1", "neg"), ("s2", "neutral")]);

        var error = Assert.Throws<DatasetException>(() => LabeledDataset.Load(new DatasetSources(train, Test: test), new DatasetReadOptions(), new DatasetSplitOptions()));
        var dataset = LabeledDataset.Load(new DatasetSources(train, Test: test), new DatasetReadOptions(SkipBadRows: true), new DatasetSplitOptions());

        Assert.Equal(DatasetErrorKind.UnknownLabel, error.Kind);
        Assert.StartsWith("test.csv row 2: label \"neutral\" does not occur in the training data (labels: \"neg\", \"pos\")", error.Message, StringComparison.Ordinal);
        Assert.Equal(["s1"], dataset.Test.Select(r => r.Text));
    }

    [Fact]
    public void A_single_class_cannot_be_learned()
    {
        var path = Csv("data.csv", [("a1", "a"), ("a2", "a"), ("a3", "a")]);

        var error = Assert.Throws<DatasetException>(() => LabeledDataset.Load(new DatasetSources(path), new DatasetReadOptions(SkipBadRows: true), new DatasetSplitOptions()));

        Assert.Equal(DatasetErrorKind.SingleClass, error.Kind);
        Assert.Equal($"{path}: every training row has the label \"a\"; a classifier needs at least two classes", error.Message);
    }

    [Fact]
    public void Limit_takes_a_seeded_subset_of_the_training_file()
    {
        var path = Csv("data.csv", Enumerable.Range(0, 100).Select(i => ($"text {i}", i % 2 == 0 ? "a" : "b")));

        var dataset = LabeledDataset.Load(new DatasetSources(path), new DatasetReadOptions(), new DatasetSplitOptions(Limit: 40));

        Assert.Equal(40, dataset.Train.Count + dataset.Validation.Count + dataset.Test.Count);
    }

    private string Csv(string name, IEnumerable<(string Text, string Label)> rows)
    {
        var builder = new StringBuilder("text,label\n");
        foreach (var (text, label) in rows)
        {
            builder.Append(DatasetFiles.Quote(text)).Append(',').Append(label).Append('\n');
        }

        var path = _temp.Combine(name);
        File.WriteAllText(path, builder.ToString());
        return path;
    }
}
