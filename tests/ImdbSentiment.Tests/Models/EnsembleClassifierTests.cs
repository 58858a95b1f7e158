using ImdbSentiment.Inference;
using ImdbSentiment.Models;
using ImdbSentiment.Persistence;
using ImdbSentiment.Tests.Fixtures;
using ImdbSentiment.Text;
using ImdbSentiment.Training;
using ImdbSentiment.Vocabulary;
using TorchSharp;
using static TorchSharp.torch;

namespace ImdbSentiment.Tests.Models;

[Collection(TorchCollection.Name)]
public sealed class EnsembleClassifierTests : IDisposable
{
    private static readonly string[] Texts =
    [
        "a good film", "a bad plot", "great great film with a bad plot", "unknown words only", "", "film",
        "good bad great plot film and more words than the others have in them",
    ];

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    // Two members with different vocabularies (the second knows tokens the first does not, and the other way round).
    private (LoadedBundle Gru, LoadedBundle Nbsvm) Members(ulong seed = 1234)
    {
        var gruVocabulary = TokenVocabulary.FromTokens(["<unk>", "<PAD>", "good", "bad", "film", "a"]);
        var nbsvmVocabulary = TokenVocabulary.FromTokens(["<unk>", "<PAD>", "bad", "great", "film", "plot", "with"]);
        var gru = Save("gru.bundle", new ModelOptions(ModelKind.Recurrent, gruVocabulary.Count, EmbeddingDim: 6, HiddenDim: 5, Layers: 1), gruVocabulary, 3, seed);
        var nbsvm = Save("nbsvm.bundle", new ModelOptions(ModelKind.Nbsvm, nbsvmVocabulary.Count, NgramBuckets: 31, LengthPower: 0.5), nbsvmVocabulary, 4, seed);
        return (gru, nbsvm);
    }

    private LoadedBundle Save(string name, ModelOptions options, TokenVocabulary vocabulary, int weightSeed, ulong seed)
    {
        using var model = ModelFactory.Create(options);
        torch.manual_seed(weightSeed);
        using (no_grad())
        {
            foreach (var (_, tensor) in model.state_dict())
            {
                tensor.copy_(torch.randn(tensor.shape) * 0.5);
            }
        }

        var manifest = BundleManifest.Begin("test", options, SyntheticData.Fast() with { Seed = seed }, new TokenizerInfo(SpacyTokenizer.Version, false),
            vocabulary.Count, data: null);
        var path = _temp.Combine(name);
        ModelBundle.Save(path, manifest, vocabulary, model);
        return ModelBundle.Load(path);
    }

    // Each member scores the text through its own vocabulary, alone; the combination is summed in float64.
    private static double[] Reference(IReadOnlyList<LoadedBundle> members, double[] weights, double bias)
    {
        var expected = new double[Texts.Length];
        Array.Fill(expected, bias);
        for (var m = 0; m < members.Count; m++)
        {
            using var model = members[m].CreateModel();
            model.eval();
            var encoder = new TextEncoder(SpacyTokenizer.English, members[m].Vocabulary);
            for (var t = 0; t < Texts.Length; t++)
            {
                var ids = encoder.Encode(Texts[t]);
                ids = ids.Length == 0 ? [0] : ids;
                using var tokens = tensor(Array.ConvertAll(ids, id => (long)id), [ids.Length, 1]);
                using var lengths = tensor(new long[] { ids.Length });
                using var logit = model.call(tokens, lengths);
                expected[t] += weights[m] * logit.to_type(ScalarType.Float64).view(-1).item<double>();
            }
        }

        return expected;
    }

    private static float[] Score(nn.Module<Tensor, Tensor, Tensor> model, TokenVocabulary vocabulary)
    {
        var encoder = new TextEncoder(SpacyTokenizer.English, vocabulary);
        var reviews = Texts.Select(t => encoder.Encode(t)).Select(ids => new ImdbSentiment.Batching.EncodedReview(ids.Length == 0 ? [0] : ids, 1)).ToArray();
        return ImdbSentiment.Inference.BatchScorer.Logits(model, reviews, padIndex: 1, batchSize: 4);
    }

    [Fact]
    public void Logits_should_be_the_float64_weighted_sum_of_each_members_own_logits_through_its_own_vocabulary()
    {
        var (gru, nbsvm) = Members();
        var (ensemble, vocabulary) = Ensembles.Assemble([gru, nbsvm]);
        using var _ = ensemble;
        ensemble.SetCombination([0.7, -1.3], 0.25);

        var logits = Score(ensemble, vocabulary);

        var expected = Reference([gru, nbsvm], [0.7, -1.3], 0.25);
        for (var t = 0; t < Texts.Length; t++)
        {
            Assert.Equal(expected[t], logits[t], 1e-4);
        }

        Assert.Equal(["<unk>", "<PAD>", "good", "bad", "film", "a", "great", "plot", "with"], vocabulary.Tokens);
    }

    [Fact]
    public void Combining_the_members_logits_outside_the_model_should_give_the_models_own_logits()
    {
        var (gru, nbsvm) = Members();
        var (ensemble, vocabulary) = Ensembles.Assemble([gru, nbsvm]);
        using var _ = ensemble;
        ensemble.SetCombination([0.9, 0.4], -0.3);
        var encoder = new TextEncoder(SpacyTokenizer.English, vocabulary);
        var reviews = Texts.Select(t => encoder.Encode(t)).Select(ids => new ImdbSentiment.Batching.EncodedReview(ids.Length == 0 ? [0] : ids, 1)).ToArray();

        var memberLogits = ensemble.Members.Select(m => ImdbSentiment.Inference.BatchScorer.Logits(m, reviews, padIndex: 1, batchSize: 4)).ToArray();
        var combined = Stacking.Combine(memberLogits, [0.9, 0.4], -0.3);

        var logits = Score(ensemble, vocabulary);
        for (var t = 0; t < Texts.Length; t++)
        {
            Assert.Equal(logits[t], combined[t], 1e-5);
        }
    }

    [Fact]
    public void Its_bundle_should_load_with_the_same_logits_and_serve_predictions()
    {
        var (gru, nbsvm) = Members();
        var (ensemble, vocabulary) = Ensembles.Assemble([nbsvm, gru]);
        using var _ = ensemble;
        ensemble.SetCombination([1.5, 0.5], -0.1);
        var path = _temp.Combine("ensemble.bundle");
        var manifest = BundleManifest.Begin("ensemble", ensemble.Options, nbsvm.Manifest.Training, nbsvm.Manifest.Tokenizer, vocabulary.Count, data: null);

        ModelBundle.Save(path, manifest, vocabulary, ensemble);
        var loaded = ModelBundle.Load(path);
        using var again = loaded.CreateModel();

        Assert.Equal(ModelKind.Ensemble, loaded.Manifest.Model.Kind);
        Assert.Equal([ModelKind.Nbsvm, ModelKind.Recurrent], loaded.Manifest.Model.Members!.Select(m => m.Kind));
        Assert.Equal(Score(ensemble, vocabulary), Score(again, loaded.Vocabulary));
        var combination = ((EnsembleClassifier)again).Combination;
        Assert.Equal(1.5, combination[0], 1e-6);
        Assert.Equal(0.5, combination[1], 1e-6);
        Assert.Equal(-0.1, combination[2], 1e-6);
        using var predictor = new SentimentPredictor(loaded);
        var expected = Reference([nbsvm, gru], [1.5, 0.5], -0.1);
        Assert.Equal(1 / (1 + Math.Exp(-expected[0])), predictor.Predict(Texts[0]).Probability, 1e-4);
    }

    [Fact]
    public void A_bfloat16_copy_should_keep_the_vocabulary_maps_and_score_near_the_fp32_logits()
    {
        var (gru, nbsvm) = Members();
        var (ensemble, vocabulary) = Ensembles.Assemble([gru, nbsvm]);
        using var _ = ensemble;
        var fp32 = Score(ensemble, vocabulary);

        ensemble.to(ScalarType.BFloat16);

        Assert.Equal(ScalarType.Int64, ensemble.Members[0].state_dict()["map"].dtype);
        var bf16 = Score(ensemble, vocabulary);
        for (var t = 0; t < Texts.Length; t++)
        {
            Assert.Equal(fp32[t], bf16[t], 0.1);
        }
    }

    [Fact]
    public void Members_of_other_splits_or_tokenizers_or_one_alone_should_be_refused_in_one_line()
    {
        var (gru, _) = Members();
        var (_, otherSeed) = Members(seed: 7);

        Assert.Contains("another split", Assert.Throws<EnsembleException>(() => Ensembles.CheckCompatible([gru, otherSeed])).Message, StringComparison.Ordinal);
        Assert.Contains("at least two", Assert.Throws<EnsembleException>(() => Ensembles.CheckCompatible([gru])).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unpack_should_write_each_member_with_its_own_vocabulary_weights_and_scores()
    {
        // Given a calibrated ensemble bundle of two members with different vocabularies
        var (gru, nbsvm) = Members();
        var (ensemble, vocabulary) = Ensembles.Assemble([gru, nbsvm]);
        using var _ = ensemble;
        ensemble.SetCombination([0.8, 1.7], 0.2);
        var path = _temp.Combine("ensemble.bundle");
        var manifest = BundleManifest.Begin("ensemble", ensemble.Options, gru.Manifest.Training, gru.Manifest.Tokenizer, vocabulary.Count, data: null) with { Temperature = 2.5 };
        ModelBundle.Save(path, manifest, vocabulary, ensemble);
        var folder = _temp.Combine("members");

        // When it is unpacked
        var paths = Ensembles.Unpack(ModelBundle.Load(path), folder);

        // Then each member bundle holds the original member: its vocabulary, architecture, weights and scores, no temperature
        Assert.Equal([Path.Combine(folder, "member-1.bundle"), Path.Combine(folder, "member-2.bundle")], paths);
        LoadedBundle[] originals = [gru, nbsvm];
        for (var m = 0; m < originals.Length; m++)
        {
            var unpacked = ModelBundle.Load(paths[m]);
            Assert.Equal(originals[m].Vocabulary.Tokens, unpacked.Vocabulary.Tokens);
            Assert.Equal(originals[m].Manifest.Model, unpacked.Manifest.Model);
            Assert.Equal(originals[m].Manifest.Tokenizer, unpacked.Manifest.Tokenizer);
            Assert.Equal(originals[m].Manifest.Training.Seed, unpacked.Manifest.Training.Seed);
            Assert.Null(unpacked.Manifest.Temperature);
            using var original = originals[m].CreateModel();
            using var again = unpacked.CreateModel();
            var expected = original.state_dict();
            var actual = again.state_dict();
            Assert.Equal(expected.Keys, actual.Keys);
            foreach (var (key, tensor) in expected)
            {
                Assert.Equal(tensor.shape, actual[key].shape);
                using var same = tensor.equal(actual[key]).all();
                Assert.True(same.item<bool>(), $"member {m + 1}: {key} differs");
            }

            Assert.Equal(Score(original, originals[m].Vocabulary), Score(again, unpacked.Vocabulary));
        }
    }

    [Fact]
    public void Unpack_of_a_single_model_should_be_refused_and_write_nothing()
    {
        var (gru, _) = Members();
        var folder = _temp.Combine("members");

        var refused = Assert.Throws<EnsembleException>(() => Ensembles.Unpack(gru, folder));

        Assert.Contains("holds a single model", refused.Message, StringComparison.Ordinal);
        Assert.Contains("not an ensemble", refused.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(folder), "a folder was created");
    }
}
