using ImdbSentiment.Runtime;
using ImdbSentiment.Tests.Fixtures;
using TorchSharp;
using static TorchSharp.torch;

namespace ImdbSentiment.Tests.Models;

/// <summary>Proves TorchSharp loads and learns on this machine: a tiny embedding + GRU learns "contains token 5".</summary>
[Collection(TorchCollection.Name)]
public sealed class TorchSmokeTests
{
    private const int Vocabulary = 10;
    private const int Steps = 8;

    [Fact]
    public void Tiny_gru_should_learn_whether_a_sequence_contains_token_5()
    {
        // Given
        NativeRuntime.SetThreads(2);
        torch.manual_seed(7);
        var random = new Random(7);
        using var model = new ContainsFiveClassifier();
        using var optimizer = optim.Adam(model.parameters(), lr: 0.01);
        using var criterion = nn.BCEWithLogitsLoss();
        var baseline = DisposeScopeManager.Statistics.ThreadTotalLiveCount;

        // When
        model.train();
        for (var step = 0; step < 250; step++)
        {
            using var scope = NewDisposeScope();
            var (tokens, labels) = MakeBatch(random, 64);
            optimizer.zero_grad();
            var loss = criterion.call(model.call(tokens), labels);
            loss.backward();
            optimizer.step();
        }

        Assert.Equal(baseline, DisposeScopeManager.Statistics.ThreadTotalLiveCount);

        // Then
        model.eval();
        using (var scope = NewDisposeScope())
        using (no_grad())
        {
            var (tokens, labels) = MakeBatch(new Random(99), 2000);
            var logits = model.call(tokens);
            Assert.Equal(new long[] { 2000 }, logits.shape);
            var accuracy = (logits > 0).to_type(ScalarType.Float32).eq(labels).to_type(ScalarType.Float32).mean().item<float>();
            Assert.True(accuracy >= 0.95f, $"held-out accuracy {accuracy:P1} < 95%");
        }
    }

    // Half the sequences contain a 5 somewhere; the other half draw only from the other nine tokens.
    private static (Tensor Tokens, Tensor Labels) MakeBatch(Random random, int size)
    {
        var tokens = new long[Steps * size];
        var labels = new float[size];
        for (var b = 0; b < size; b++)
        {
            var positive = random.Next(2) == 1;
            labels[b] = positive ? 1f : 0f;
            for (var t = 0; t < Steps; t++)
            {
                var token = random.Next(Vocabulary - 1);
                tokens[(t * size) + b] = token >= 5 ? token + 1 : token;
            }

            if (positive)
            {
                tokens[(random.Next(Steps) * size) + b] = 5;
            }
        }

        return (tensor(tokens, [Steps, size]), tensor(labels));
    }

    private sealed class ContainsFiveClassifier : nn.Module<Tensor, Tensor>
    {
        private readonly TorchSharp.Modules.Embedding embedding = nn.Embedding(Vocabulary, 8);
        private readonly TorchSharp.Modules.GRU rnn = nn.GRU(8, 16);
        private readonly TorchSharp.Modules.Linear fc = nn.Linear(16, 1);

        public ContainsFiveClassifier()
            : base(nameof(ContainsFiveClassifier))
        {
            RegisterComponents();
        }

        public override Tensor forward(Tensor tokens)
        {
            using var scope = NewDisposeScope();
            var (_, hidden) = rnn.call(embedding.call(tokens));     // hidden [1, B, 16]
            return fc.call(hidden.squeeze(0)).squeeze(1).MoveToOuterDisposeScope(); // [B]
        }
    }
}
