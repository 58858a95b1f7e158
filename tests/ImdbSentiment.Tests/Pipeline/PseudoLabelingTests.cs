using ImdbSentiment.Datasets;
using ImdbSentiment.Execution;
using ImdbSentiment.Models;
using ImdbSentiment.Persistence;
using ImdbSentiment.Pipeline;
using ImdbSentiment.Tests.Fixtures;
using ImdbSentiment.Text;
using ImdbSentiment.Vocabulary;
using TorchSharp;
using static TorchSharp.torch;

namespace ImdbSentiment.Tests.Pipeline;

[Collection(TorchCollection.Name)]
public sealed class PseudoLabelingTests : IDisposable
{
    // Lengths vary (so batches are sorted by length and put back), one text is empty, one knows no word, and two carry a
    // <br /> tag, which the teacher's tokenizer (line-break tags as whitespace) reads otherwise than spaCy's default.
    private static readonly string[] Texts =
    [
        "a good film", "bad plot", "great acting and a great plot", "loved it", "", "boring", "awful awful film",
        "unknown words only", "good<br />bad", "the plot was boring but the acting was great", "film", "loved the film<br /><br />great",
        "bad acting , awful plot , boring film", "good good good", "great", "plot and acting and film and more",
        "awful", "a film", "loved every good and bad minute", "boring plot with great acting",
    ];

    private static readonly TokenVocabulary Words = TokenVocabulary.FromTokens(
        ["<unk>", "<PAD>", "good", "bad", "great", "awful", "film", "plot", "boring", "loved", "acting", "a", "and"]);

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static string Location(int i) => $"unlabeled/{i}";

    // An NBSVM with random weights, large enough that its logits spread on both sides of the margins below.
    private LoadedBundle Teacher(string name = "teacher.bundle", double? temperature = null, IReadOnlyList<string>? labels = null)
    {
        var options = new ModelOptions(ModelKind.Nbsvm, Words.Count, NgramBuckets: 31, LengthPower: 0.5);
        var data = labels is null ? null : new DataInfo(null, 10, 5, "test", Labels: labels);
        return Save(name, options, Words, data, temperature);
    }

    private LoadedBundle Save(string name, ModelOptions options, TokenVocabulary vocabulary, DataInfo? data, double? temperature = null)
    {
        using var model = ModelFactory.Create(options);
        torch.manual_seed(11);
        using (no_grad())
        {
            foreach (var (_, tensor) in model.state_dict())
            {
                tensor.copy_(torch.randn(tensor.shape) * 1.2);
            }
        }

        // Small evaluation batches: the texts are scored in several length-sorted batches.
        var training = SyntheticData.Fast() with { EvaluationBatchSize = 4 };
        var manifest = BundleManifest.Begin("test", options, training, new TokenizerInfo(SpacyTokenizer.Version, true), vocabulary.Count, data)
            with { Temperature = temperature };
        var path = _temp.Combine(name);
        ModelBundle.Save(path, manifest, vocabulary, model);
        return ModelBundle.Load(path);
    }

    // Each text alone through the teacher's own tokenizer and vocabulary; the decision is taken in float64.
    private static double[] ReferenceLogits(LoadedBundle teacher)
    {
        using var model = teacher.CreateModel();
        model.eval();
        var encoder = new TextEncoder(new SpacyTokenizer(new TokenizerOptions(NormalizeLineBreakTags: true)), teacher.Vocabulary);
        var logits = new double[Texts.Length];
        using var _ = no_grad();
        for (var t = 0; t < Texts.Length; t++)
        {
            var ids = encoder.Encode(Texts[t]);
            ids = ids.Length == 0 ? [TokenVocabulary.UnknownIndex] : ids;
            using var tokens = tensor(Array.ConvertAll(ids, id => (long)id), [ids.Length, 1]);
            using var lengths = tensor(new long[] { ids.Length });
            using var logit = model.call(tokens, lengths);
            logits[t] = logit.to_type(ScalarType.Float64).view(-1).item<double>();
        }

        return logits;
    }

    // The rows a teacher with these logits keeps: probability sigmoid(logit / T) ≥ c for either class, in input order.
    private static List<LabeledText> Expected(double[] logits, double confidence, double temperature, IReadOnlyList<string> classes)
    {
        var rows = new List<LabeledText>();
        for (var t = 0; t < logits.Length; t++)
        {
            var positive = 1 / (1 + Math.Exp(-logits[t] / temperature));
            // The fixture stays clear of the boundary, so float32 batching cannot flip a decision.
            Assert.True(Math.Abs(Math.Max(positive, 1 - positive) - confidence) > 1e-4, $"text {t} sits on the boundary: p = {positive}");
            if (positive >= confidence || 1 - positive >= confidence)
            {
                rows.Add(new LabeledText(Texts[t], classes[positive > 0.5 ? 1 : 0], Location(t)));
            }
        }

        return rows;
    }

    [Fact]
    public void Should_keep_exactly_the_texts_the_teacher_is_confident_about_with_its_labels_in_input_order()
    {
        // Given a teacher and the float64 reference of its logits, text by text
        var teacher = Teacher();
        var expected = Expected(ReferenceLogits(teacher), 0.75, 1, ["neg", "pos"]);
        Assert.InRange(expected.Count, 1, Texts.Length - 1);
        Assert.Contains(expected, row => row.Label == "pos");
        Assert.Contains(expected, row => row.Label == "neg");

        // When it labels the texts, scoring them in batches
        var labels = PseudoLabeling.Label(teacher, Texts, 0.75, Location);

        // Then the kept rows, labels, locations and order are the reference's, and the counts describe them
        Assert.Equal(expected, labels.Rows);
        Assert.Equal(Texts.Length, labels.Scored);
        Assert.Equal(expected.Count(row => row.Label == "pos"), labels.Positive);
    }

    [Fact]
    public void Several_workers_should_keep_the_same_rows_as_one()
    {
        var teacher = Teacher();

        var one = PseudoLabeling.Label(teacher, Texts, 0.7, Location);
        var three = PseudoLabeling.Label(teacher, Texts, 0.7, Location, ExecutionOptions.Default with { Workers = 3 });

        Assert.Equal(Expected(ReferenceLogits(teacher), 0.7, 1, ["neg", "pos"]), one.Rows);
        Assert.Equal(one.Rows, three.Rows);
        Assert.Equal((one.Scored, one.Positive), (three.Scored, three.Positive));
    }

    [Fact]
    public void The_labels_should_be_the_teachers_own_class_names()
    {
        // Given a binary teacher whose data named its classes con and pro
        var teacher = Teacher(labels: ["con", "pro"]);

        // When
        var labels = PseudoLabeling.Label(teacher, Texts, 0.75, Location);

        // Then
        var expected = Expected(ReferenceLogits(teacher), 0.75, 1, ["con", "pro"]);
        Assert.Equal(expected, labels.Rows);
        Assert.Equal(["con", "pro"], labels.Rows.Select(row => row.Label).Distinct().Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(2.0)]
    public void The_teachers_temperature_should_decide_which_texts_are_kept(double temperature)
    {
        // Given the same weights uncalibrated and calibrated with T
        var plain = Teacher("plain.bundle");
        var calibrated = Teacher("calibrated.bundle", temperature);
        var logits = ReferenceLogits(plain);

        // When both label the texts at the same confidence
        var withT = PseudoLabeling.Label(calibrated, Texts, 0.75, Location);
        var withoutT = PseudoLabeling.Label(plain, Texts, 0.75, Location);

        // Then each keeps what the reference says at its own temperature, and the temperature changed the kept set
        Assert.Equal(Expected(logits, 0.75, temperature, ["neg", "pos"]), withT.Rows);
        Assert.Equal(Expected(logits, 0.75, 1, ["neg", "pos"]), withoutT.Rows);
        Assert.NotEqual(withoutT.Rows.Count, withT.Rows.Count);
        Assert.Equal(temperature < 1, withT.Rows.Count > withoutT.Rows.Count);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(1.0)]
    [InlineData(0.3)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void A_confidence_outside_one_half_to_one_should_be_refused(double confidence)
    {
        var teacher = Teacher();

        var refused = Assert.Throws<ArgumentOutOfRangeException>(() => PseudoLabeling.Label(teacher, Texts, confidence, Location));

        Assert.Equal("confidence", refused.ParamName);
    }

    [Fact]
    public void A_language_model_should_not_teach()
    {
        var options = new ModelOptions(ModelKind.LanguageModel, Words.Count, EmbeddingDim: 8, HiddenDim: 6, Layers: 1, Dropout: 0);
        var languageModel = Save("lm.bundle", options, Words, data: null);

        var refused = Assert.Throws<BundleFormatException>(() => PseudoLabeling.Label(languageModel, Texts, 0.9, Location));

        Assert.Contains("language model", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_teacher_of_three_classes_should_be_refused()
    {
        var options = new ModelOptions(ModelKind.Recurrent, Words.Count, EmbeddingDim: 6, HiddenDim: 5, OutputDim: 3, Layers: 1, Dropout: 0);
        var threeClasses = Save("three.bundle", options, Words, new DataInfo(null, 10, 5, "test", Labels: ["a", "b", "c"]));

        var refused = Assert.Throws<ArgumentException>(() => PseudoLabeling.Label(threeClasses, Texts, 0.9, Location));

        Assert.Contains("3 classes", refused.Message, StringComparison.Ordinal);
        Assert.Equal("teacher", refused.ParamName);
    }
}
