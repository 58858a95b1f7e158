using ImdbSentiment.Tests.Fixtures;
using TorchSharp;
using static TorchSharp.torch;

namespace ImdbSentiment.Tests.Training;

[Collection(TorchCollection.Name)]
public sealed class AdamTests
{
    [Theory]
    [InlineData(0.0)]
    [InlineData(1e-2)]
    public void Should_update_exactly_as_TorchSharps_Adam(double weightDecay)
    {
        // Given two copies of a model, one for each optimizer
        torch.manual_seed(4);
        using var ours = nn.Linear(6, 3);
        using var theirs = nn.Linear(6, 3);
        theirs.load_state_dict(ours.state_dict());
        using var safe = new ImdbSentiment.Training.Adam(ours.parameters(), 0.05, weightDecay);
        using var reference = optim.Adam(theirs.parameters(), lr: 0.05, weight_decay: weightDecay);

        // When both take the same steps
        for (var step = 0; step < 5; step++)
        {
            using var scope = NewDisposeScope();
            using var input = randn(4, 6);
            foreach (var (model, optimizer) in new (nn.Module<Tensor, Tensor>, optim.Optimizer)[] { (ours, safe), (theirs, reference) })
            {
                optimizer.zero_grad();
                model.call(input).pow(2).sum().backward();
                optimizer.step();
            }
        }

        // Then the weights are the same to the last bit
        foreach (var (a, b) in ours.parameters().Zip(theirs.parameters()))
        {
            Assert.True(a.eq(b).all().item<bool>(), "weights differ");
        }
    }

    [Fact]
    public void Should_resume_from_a_state_saved_by_TorchSharps_Adam()
    {
        // Given TorchSharp's Adam after two steps, saved as the trainer saves checkpoints
        torch.manual_seed(5);
        using var model = nn.Linear(3, 2);
        using var reference = optim.Adam(model.parameters(), lr: 0.1);
        for (var step = 0; step < 2; step++)
        {
            reference.zero_grad();
            model.call(ones(1, 3)).sum().backward();
            reference.step();
        }

        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            reference.save_state_dict(writer);
        }

        // When ours loads it
        using var safe = new ImdbSentiment.Training.Adam(model.parameters(), 0.1);
        buffer.Position = 0;
        using (var reader = new BinaryReader(buffer))
        {
            safe.load_state_dict(reader);
        }

        // Then it carries the same step count and moments
        var expected = (TorchSharp.Modules.Adam.State)reference.state_dict().State[0];
        var loaded = (TorchSharp.Modules.Adam.State)safe.state_dict().State[0];
        Assert.Equal(2, loaded.step);
        Assert.True(loaded.exp_avg.eq(expected.exp_avg).all().item<bool>());
        Assert.True(loaded.exp_avg_sq.eq(expected.exp_avg_sq).all().item<bool>());
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1e-2)]
    public void Row_sparse_parameters_should_update_only_the_rows_with_a_gradient_as_a_float64_lazy_adam_does(double weightDecay)
    {
        // Given a table and gradients that touch rows {1, 3}, then {3, 4}
        const double lr = 0.1, beta1 = 0.9, beta2 = 0.999, eps = 1e-8;
        double[] start = [0.5, -0.25, 1.0, 0.75, -1.5];
        (int Row, double Gradient)[][] steps = [[(1, 0.3), (3, -2.0)], [(3, 0.5), (4, 1.25)]];
        using var table = new TorchSharp.Modules.Parameter(tensor(start.Select(v => (float)v).ToArray()));
        using var optimizer = new ImdbSentiment.Training.Adam([table], lr, weightDecay, rowSparse: [table]);

        // When
        foreach (var step in steps)
        {
            optimizer.zero_grad();
            var gradient = new float[start.Length];
            foreach (var (row, value) in step)
            {
                gradient[row] = (float)value;
            }

            using var _ = no_grad();
            table.grad = tensor(gradient);
            optimizer.step();
        }

        // Then each row moved by Adam's rule for the steps that touched it, with the optimizer's global step count
        var expected = (double[])start.Clone();
        var (m, v) = (new double[start.Length], new double[start.Length]);
        for (var t = 1; t <= steps.Length; t++)
        {
            foreach (var (row, value) in steps[t - 1])
            {
                var g = value + weightDecay * expected[row];
                m[row] = beta1 * m[row] + (1 - beta1) * g;
                v[row] = beta2 * v[row] + (1 - beta2) * g * g;
                var denominator = Math.Sqrt(v[row]) / Math.Sqrt(1 - Math.Pow(beta2, t)) + eps;
                expected[row] -= lr / (1 - Math.Pow(beta1, t)) * m[row] / denominator;
            }
        }

        var actual = table.data<float>().ToArray();
        for (var row = 0; row < start.Length; row++)
        {
            Assert.Equal(expected[row], actual[row], 1e-6);
        }

        Assert.Equal(start[0], actual[0], 0.0);
        Assert.Equal(start[2], actual[2], 0.0);
    }

    [Fact]
    public void A_row_sparse_parameter_with_every_row_touched_should_update_as_a_dense_one()
    {
        torch.manual_seed(6);
        using var dense = new TorchSharp.Modules.Parameter(randn(7, 3));
        using var sparse = new TorchSharp.Modules.Parameter(dense.detach().clone());
        using var denseOptimizer = new ImdbSentiment.Training.Adam([dense], 0.05);
        using var sparseOptimizer = new ImdbSentiment.Training.Adam([sparse], 0.05, rowSparse: [sparse]);

        for (var step = 0; step < 3; step++)
        {
            using var scope = NewDisposeScope();
            var gradient = randn(7, 3);
            foreach (var (parameter, optimizer) in new[] { (dense, denseOptimizer), (sparse, sparseOptimizer) })
            {
                optimizer.zero_grad();
                using (no_grad())
                {
                    parameter.grad = gradient.clone();
                }

                optimizer.step();
            }
        }

        Assert.True(dense.allclose(sparse, rtol: 1e-6, atol: 1e-7), "the lazy update differs from the dense one where every row has a gradient");
    }
}
