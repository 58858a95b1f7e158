using ImdbSentiment.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ImdbSentiment.Execution;

/// <summary>
/// Mixed-precision training without autocast (TorchSharp 0.107 has none): a bfloat16 copy of an fp32 model that runs
/// the forward and backward passes, while the fp32 model keeps the master weights that Adam updates and the bundles
/// store. Before each step <see cref="PullWeights"/> rounds the masters into the copy; after backward
/// <see cref="PushGradients"/> widens the copy's gradients into the masters' <c>grad</c>.
/// </summary>
public sealed class BFloat16Replica : IDisposable
{
    private readonly Parameter[] _masters;
    private readonly Parameter[] _copies;

    private BFloat16Replica(nn.Module<Tensor, Tensor, Tensor> model, Parameter[] masters, Parameter[] copies)
    {
        Model = model;
        _masters = masters;
        _copies = copies;
    }

    /// <summary>The bfloat16 copy: call it instead of the master model.</summary>
    public nn.Module<Tensor, Tensor, Tensor> Model { get; }

    /// <summary>Builds a bfloat16 copy of <paramref name="master"/> (built from <paramref name="options"/>) without consuming torch's random stream.</summary>
    public static BFloat16Replica Create(nn.Module<Tensor, Tensor, Tensor> master, ModelOptions options)
    {
        ArgumentNullException.ThrowIfNull(master);
        ArgumentNullException.ThrowIfNull(options);
        using var rng = torch.get_rng_state();
        var copy = ModelFactory.Create(options);
        torch.set_rng_state(rng);
        copy.to(ScalarType.BFloat16);
        var replica = new BFloat16Replica(copy, [.. master.parameters()], [.. copy.parameters()]);
        if (replica._masters.Length != replica._copies.Length)
        {
            copy.Dispose();
            throw new ArgumentException("the model options do not describe the master model", nameof(options));
        }

        replica.PullWeights();
        return replica;
    }

    /// <summary>Copies the master weights into the bfloat16 copy (rounding to nearest).</summary>
    public void PullWeights()
    {
        using var _ = no_grad();
        for (var i = 0; i < _masters.Length; i++)
        {
            _copies[i].copy_(_masters[i]);
        }
    }

    /// <summary>
    /// Sets each master's gradient to its copy's gradient in fp32 (zero where the copy has none), for the optimizer
    /// and gradient clipping to act on the masters.
    /// </summary>
    public void PushGradients()
    {
        using var _ = no_grad();
        for (var i = 0; i < _masters.Length; i++)
        {
            using var gradient = _copies[i].grad;
            using var existing = _masters[i].grad;
            if (existing is null)
            {
                using var widened = gradient?.to_type(ScalarType.Float32) ?? zeros_like(_masters[i]);
                _masters[i].grad = widened;
            }
            else if (gradient is null)
            {
                existing.zero_();
            }
            else
            {
                existing.copy_(gradient);
            }
        }
    }

    /// <inheritdoc/>
    public void Dispose() => Model.Dispose();
}
