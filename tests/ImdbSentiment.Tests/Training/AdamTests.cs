using ImdbSentiment.Tests.Fixtures;
using ImdbSentiment.Training;
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
}
