using ImdbSentiment.Evaluation;
using ImdbSentiment.Inference;
using static TorchSharp.torch;

namespace ImdbSentiment.Tests.Inference;

[Collection(Fixtures.TorchCollection.Name)]
public sealed class ClassLogitsTests
{
    [Fact]
    public void The_softmax_loss_should_match_a_float64_reference_and_libtorch()
    {
        // Given: 40 reviews of 5 classes with logits up to ±30 (where a naive exp would lose digits)
        var random = new DeterministicRandom(3);
        var values = Enumerable.Range(0, 200).Select(_ => (float)((random.NextDouble() - 0.5) * 60)).ToArray();
        var labels = Enumerable.Range(0, 40).Select(_ => random.NextInt(5)).ToArray();
        var logits = new ClassLogits(values, 5);

        // When
        var loss = logits.MeanLoss(labels);

        // Then: −log softmax by the textbook formula, in float64 with the maximum subtracted
        var reference = Enumerable.Range(0, 40).Average(i =>
        {
            var row = values.Skip(i * 5).Take(5).Select(v => (double)v).ToArray();
            var max = row.Max();
            return -(row[labels[i]] - max - Math.Log(row.Sum(v => Math.Exp(v - max))));
        });
        Assert.Equal(reference, loss, 12);

        // And libtorch's cross_entropy in float64 agrees
        using var input = tensor(values.Select(v => (double)v).ToArray()).view(40, 5);
        using var target = tensor(labels.Select(l => (long)l).ToArray());
        using var torchLoss = nn.functional.cross_entropy(input, target);
        Assert.Equal(torchLoss.item<double>(), loss, 10);
    }

    [Fact]
    public void A_binary_row_should_score_as_the_sigmoid_of_its_logit()
    {
        var logits = new ClassLogits([1.5f, -2f, 0f], 1);

        Assert.Equal(2, logits.Classes);
        Assert.Equal(1 / (1 + Math.Exp(-1.5)), logits.Probabilities(0)[1], 12);
        Assert.Equal(1, logits.Probabilities(1).Sum(), 12);
        Assert.Equal([1, 0, 0], Enumerable.Range(0, 3).Select(logits.Predicted));
        Assert.Equal(ClassLogits.BinaryMeanLoss([1.5f, -2f, 0f], [true, false, true], 0.5), logits.MeanLoss([1, 0, 1], 0.5), 15);
    }

    [Fact]
    public void Softmax_probabilities_should_sum_to_one_and_follow_the_largest_logit()
    {
        var logits = new ClassLogits([1f, 3f, 2f, 500f, -500f, 0f], 3);

        var first = logits.Probabilities(0);
        var extreme = logits.Probabilities(1, logitScale: 2);

        Assert.Equal(1, first.Sum(), 12);
        Assert.Equal(Math.Exp(3) / (Math.Exp(1) + Math.Exp(3) + Math.Exp(2)), first[1], 12);
        Assert.Equal(1, logits.Predicted(0));
        Assert.Equal([1.0, 0.0, 0.0], extreme);
        Assert.Equal(0, logits.Predicted(1));
    }

    [Fact]
    public void Should_refuse_two_columns_rows_that_do_not_divide_and_labels_out_of_range()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ClassLogits([1f, 2f], 2));
        Assert.Throws<ArgumentException>(() => new ClassLogits([1f, 2f, 3f, 4f], 3));
        var logits = new ClassLogits([1f, 2f, 3f], 3);
        Assert.Throws<ArgumentOutOfRangeException>(() => logits.MeanLoss([3]));
        Assert.Throws<ArgumentException>(() => logits.MeanLoss([0, 1]));
    }

    [Fact]
    public void A_temperature_should_be_recovered_from_labels_drawn_from_a_softmax()
    {
        // Given: 20,000 reviews of 4 classes whose labels are drawn from softmax(z / 2)
        var random = new DeterministicRandom(11);
        const int reviews = 20_000;
        var values = new float[reviews * 4];
        var labels = new int[reviews];
        for (var i = 0; i < reviews; i++)
        {
            for (var c = 0; c < 4; c++)
            {
                values[i * 4 + c] = (float)((random.NextDouble() - 0.5) * 12);
            }

            var probabilities = new ClassLogits(values[(i * 4)..(i * 4 + 4)], 4).Probabilities(0, 0.5);
            var u = random.NextDouble();
            var label = 0;
            for (var sum = probabilities[0]; u > sum && label < 3; sum += probabilities[++label])
            {
            }

            labels[i] = label;
        }

        // When
        var temperature = TemperatureScaling.Fit(new ClassLogits(values, 4), labels);

        // Then
        Assert.Equal(2.0, temperature, 0.1);
    }

    [Fact]
    public void Calibration_bins_should_use_the_predicted_class_probability_as_confidence()
    {
        // Two reviews of 3 classes: one sure and right, one unsure and wrong
        var logits = new ClassLogits([10f, 0f, 0f, 0f, 0.1f, 0f], 3);

        var bins = Calibration.Bins(logits, [0, 0]);

        Assert.Equal(1, bins[9].Count);
        Assert.Equal(1.0, bins[9].Accuracy);
        Assert.Equal(1, bins[3].Count);
        Assert.Equal(0.0, bins[3].Accuracy);
        Assert.Equal(Math.Exp(0.1) / (Math.Exp(0.1) + 2), bins[3].MeanConfidence, 6);
    }
}
