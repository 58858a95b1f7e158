using ImdbSentiment.Batching;
using ImdbSentiment.Models;
using ImdbSentiment.Persistence;
using ImdbSentiment.Tests.Fixtures;
using ImdbSentiment.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace ImdbSentiment.Tests.Models;

[Collection(TorchCollection.Name)]
public sealed class NbsvmClassifierTests
{
    private static readonly ModelOptions Small = new(ModelKind.Nbsvm, 30, NgramBuckets: 97);

    private static readonly EncodedReview[] Reviews =
    [
        new([5, 6, 7, 8, 5, 6], 1),
        new([9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19], 0),
        new([20, 21], 1),
        new([22], 0),
    ];

    [Fact]
    public void The_weights_should_be_the_ratio_buffer_and_two_learned_tensors()
    {
        using var model = new NbsvmClassifier(Small);

        Assert.Equal(["weight", "bias", "ratio"], model.state_dict().Keys);
        Assert.Equal(["weight", "bias"], model.named_parameters().Select(p => p.name));
        Assert.Equal(30 + 97, model.FeatureCount);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.5)]
    [InlineData(1.0)]
    public void Logits_should_match_a_float64_sum_over_each_reviews_distinct_features_divided_by_their_count_to_the_length_power(double power)
    {
        using var model = Randomised(new NbsvmClassifier(Small with { LengthPower = power }), seed: 11);
        var state = model.state_dict();
        var weight = state["weight"].to_type(ScalarType.Float64).data<double>().ToArray();
        var ratio = state["ratio"].to_type(ScalarType.Float64).data<double>().ToArray();
        var bias = state["bias"].to_type(ScalarType.Float64).item<double>();
        using var batch = Batch.Collate(Reviews, [0, 1, 2, 3], padIndex: 1);

        using var logits = model.call(batch.Tokens, batch.Lengths);

        for (var b = 0; b < Reviews.Length; b++)
        {
            var sum = 0.0;
            var features = NgramFeatures.Of(Reviews[b].TokenIds.Select(id => (long)id).ToArray(), 3, 30, 97).ToArray();
            foreach (var f in features)
            {
                sum += ratio[f] * weight[f];
            }

            Assert.Equal(bias + (sum / Math.Pow(features.Length, power)), logits[b].item<float>(), 1e-4);
        }
    }

    [Fact]
    public void A_bfloat16_copy_should_give_the_float64_sum_of_its_rounded_weights()
    {
        using var model = Randomised(new NbsvmClassifier(Small), seed: 13);
        model.to(ScalarType.BFloat16);
        var state = model.state_dict();
        var weight = state["weight"].to_type(ScalarType.Float64).data<double>().ToArray();
        var ratio = state["ratio"].to_type(ScalarType.Float64).data<double>().ToArray();
        var bias = state["bias"].to_type(ScalarType.Float64).item<double>();
        var longReview = new EncodedReview([.. Enumerable.Range(0, 400).Select(i => 2 + (i * 7 % 28))], 1);
        using var batch = Batch.Collate([longReview, .. Reviews], [0, 1, 2], padIndex: 1);

        using var logits = model.call(batch.Tokens, batch.Lengths);

        Assert.Equal(ScalarType.Float32, logits.dtype);
        EncodedReview[] batched = [longReview, Reviews[0], Reviews[1]];
        for (var b = 0; b < batched.Length; b++)
        {
            var expected = bias + NgramFeatures.Of(batched[b].TokenIds.Select(id => (long)id).ToArray(), 3, 30, 97).Sum(f => ratio[f] * weight[f]);
            Assert.Equal(expected, logits[b].item<float>(), 1e-3);
        }
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.5)]
    public void Padding_should_not_change_a_reviews_logit(double power)
    {
        using var model = Randomised(new NbsvmClassifier(Small with { LengthPower = power }), seed: 3);
        using var alone = Batch.Collate(Reviews, [0], padIndex: 1);
        using var mixed = Batch.Collate(Reviews, [2, 0, 1], padIndex: 1);

        using var aloneLogits = model.call(alone.Tokens, alone.Lengths);
        using var mixedLogits = model.call(mixed.Tokens, mixed.Lengths);

        Assert.Equal(aloneLogits[0].item<float>(), mixedLogits[1].item<float>(), 1e-5f);
    }

    [Fact]
    public void Fitting_should_set_each_features_log_count_ratio_from_the_reviews_that_contain_it()
    {
        using var model = new NbsvmClassifier(Small);

        model.FitTrainingSplit(Reviews, maxTokens: null);

        // Per feature, the positive and negative reviews containing it (each review counts a feature once)
        var positive = new double[model.FeatureCount];
        var negative = new double[model.FeatureCount];
        foreach (var review in Reviews)
        {
            foreach (var f in NgramFeatures.Of(review.TokenIds.Select(id => (long)id).ToArray(), 3, 30, 97))
            {
                (review.Label > 0.5 ? positive : negative)[f]++;
            }
        }

        var expected = LogCountRatios.Compute(positive, negative);
        Assert.Equal(expected, model.state_dict()["ratio"].data<float>().ToArray());
        Assert.Equal((1, 0), (positive[5], negative[5]));
        Assert.True(expected[5] > 0 && expected[22] < 0, "a token of positive reviews only should lean positive, and one of negative reviews negative");
    }

    [Fact]
    public void Fitting_with_a_token_limit_should_count_only_the_leading_tokens()
    {
        using var limited = new NbsvmClassifier(Small);
        using var truncated = new NbsvmClassifier(Small);

        limited.FitTrainingSplit(Reviews, maxTokens: 2);
        truncated.FitTrainingSplit([.. Reviews.Select(r => r with { TokenIds = r.TokenIds[..Math.Min(2, r.Length)] })], maxTokens: null);

        Assert.Equal(truncated.state_dict()["ratio"].data<float>().ToArray(), limited.state_dict()["ratio"].data<float>().ToArray());
    }

    [Fact]
    public void Training_should_learn_the_synthetic_rule_and_its_bundle_should_give_the_same_logits_after_loading()
    {
        using var run = new TempFolder();
        var options = new ModelOptions(ModelKind.Nbsvm, SyntheticData.Vocabulary.Count, NgramBuckets: 1024);
        var training = SyntheticData.Fast(epochs: 3) with { LearningRate = 0.05, SelectBy = CheckpointSelection.ValidationAccuracy };

        var result = Trainer.Train(SyntheticData.Request(run.Path, model: options, training: training));

        Assert.True(result.History.Max(h => h.ValidationAccuracy) >= 0.95, $"validation accuracy {result.History.Max(h => h.ValidationAccuracy):P1}");
        var bundle = ModelBundle.Load(result.ModelPath);
        using var loaded = bundle.CreateModel();
        loaded.eval();
        var ratio = loaded.state_dict()["ratio"];
        Assert.True(ratio.abs().max().item<float>() > 0, "the fitted ratios were not saved");
        var validation = SyntheticData.Data().Validation;
        using var batch = Batch.Collate(validation, [.. Enumerable.Range(0, 16)], padIndex: 1);
        using var again = ModelBundle.Load(result.ModelPath).CreateModel();
        again.eval();
        Assert.Equal(loaded.call(batch.Tokens, batch.Lengths).data<float>().ToArray(), again.call(batch.Tokens, batch.Lengths).data<float>().ToArray());
    }

    [Fact]
    public void A_resumed_run_should_keep_the_fitted_ratios_and_end_as_an_uninterrupted_one()
    {
        using var uninterrupted = new TempFolder();
        using var interrupted = new TempFolder();
        var options = new ModelOptions(ModelKind.Nbsvm, SyntheticData.Vocabulary.Count, NgramBuckets: 1024);
        var request = (string folder) => SyntheticData.Request(folder, model: options, training: SyntheticData.Fast(epochs: 3));
        var expected = Trainer.Train(request(uninterrupted.Path));

        using var cancel = new CancellationTokenSource();
        var progress = new SynchronousProgress<TrainingProgress>(p =>
        {
            if (p.Phase == "train" && p.Epoch == 2 && p.Batch == 3)
            {
                cancel.Cancel();
            }
        });
        Assert.Throws<OperationCanceledException>(() => Trainer.Train(request(interrupted.Path), progress, cancellationToken: cancel.Token));
        var resumed = Trainer.Train(request(interrupted.Path) with { ResumeFrom = ModelBundle.Load(Path.Combine(interrupted.Path, TrainingRun.CheckpointFileName)) });

        Assert.Equal(
            expected.History.Select(h => (h.Epoch, Math.Round(h.TrainLoss, 5), Math.Round(h.ValidationLoss, 5))),
            resumed.History.Select(h => (h.Epoch, Math.Round(h.TrainLoss, 5), Math.Round(h.ValidationLoss, 5))));
    }

    [Fact]
    public void Training_in_bfloat16_should_be_refused()
    {
        using var run = new TempFolder();
        var options = new ModelOptions(ModelKind.Nbsvm, SyntheticData.Vocabulary.Count, NgramBuckets: 64);

        var error = Assert.Throws<ArgumentException>(() => Trainer.Train(SyntheticData.Request(run.Path, model: options,
            training: SyntheticData.Fast() with { Precision = Precision.BFloat16 })));

        Assert.Contains("fp32 only", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_that_cannot_describe_an_nbsvm_should_be_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => (Small with { NgramOrder = 0 }).Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => (Small with { NgramOrder = NgramFeatures.MaxOrder + 1 }).Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => (Small with { NgramBuckets = 0 }).Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => (Small with { OutputDim = 2 }).Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => (Small with { NgramBuckets = int.MaxValue }).Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => (Small with { LengthPower = -0.5 }).Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => (Small with { LengthPower = 1.5 }).Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => (Small with { LengthPower = double.NaN }).Validate());
    }

    [Fact]
    public void Dropout_should_act_in_training_only()
    {
        using var model = Randomised(new NbsvmClassifier(Small with { Dropout = 0.5 }), seed: 5);
        using var batch = Batch.Collate(Reviews, [0, 1, 2, 3], padIndex: 1);
        using var evaluated = model.call(batch.Tokens, batch.Lengths);

        model.train();
        torch.manual_seed(1);
        using var trained = model.call(batch.Tokens, batch.Lengths);
        model.eval();
        using var again = model.call(batch.Tokens, batch.Lengths);

        Assert.NotEqual(evaluated.data<float>().ToArray(), trained.data<float>().ToArray());
        Assert.Equal(evaluated.data<float>().ToArray(), again.data<float>().ToArray());
    }

    // Random weights and ratios, in evaluation mode.
    private static NbsvmClassifier Randomised(NbsvmClassifier model, int seed)
    {
        model.eval();
        torch.manual_seed(seed);
        using var _ = no_grad();
        foreach (var (_, tensor) in model.state_dict())
        {
            tensor.copy_(torch.randn(tensor.shape));
        }

        return model;
    }
}
