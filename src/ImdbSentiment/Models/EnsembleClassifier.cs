using ImdbSentiment.Runtime;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace ImdbSentiment.Models;

/// <summary>
/// Trained models combined: each member reads the review through its own vocabulary (<see cref="RemappedClassifier"/>)
/// and the logit is <c>Σ weight_m · logit_m + bias</c>, with the weights fitted on held-out reviews (stacking) rather
/// than learned with the members. Members keep their own precision rules and execution routes.
/// </summary>
public sealed class EnsembleClassifier : Module<Tensor, Tensor, Tensor>
{
    // Field names are state_dict keys.
#pragma warning disable IDE1006
    private readonly ModuleList<RemappedClassifier> members;
    private readonly Tensor combination;
#pragma warning restore IDE1006

    /// <summary>Builds the members from <see cref="ModelOptions.Members"/>, every weight 1/M and the bias 0.</summary>
    /// <param name="options">Architecture; <see cref="ModelOptions.Kind"/> must be <see cref="ModelKind.Ensemble"/>.</param>
    public EnsembleClassifier(ModelOptions options)
        : base(nameof(EnsembleClassifier))
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        members = new ModuleList<RemappedClassifier>([.. options.Members!.Select(m => new RemappedClassifier(m, options.VocabularySize))]);
        var initial = new float[options.Members!.Count + 1];
        Array.Fill(initial, 1f / options.Members.Count, 0, options.Members.Count);
        combination = tensor(initial);
        register_buffer(nameof(combination), combination);
        RegisterComponents();
    }

    /// <summary>The architecture.</summary>
    public ModelOptions Options { get; }

    /// <summary>The members, in <see cref="ModelOptions.Members"/> order.</summary>
    public IReadOnlyList<RemappedClassifier> Members => [.. members];

    /// <summary>The combination: one weight per member, then the bias.</summary>
    public double[] Combination => [.. combination.to_type(ScalarType.Float64).data<double>()];

    /// <summary>Sets the combination weights and bias.</summary>
    /// <param name="weights">One weight per member.</param>
    /// <param name="bias">Added to the weighted sum.</param>
    public void SetCombination(IReadOnlyList<double> weights, double bias)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.Count != members.Count)
        {
            throw new ArgumentException($"need one weight per member ({members.Count}), got {weights.Count}", nameof(weights));
        }

        using var values = tensor([.. weights.Select(w => (float)w), (float)bias]);
        using var _ = no_grad();
        combination.copy_(values);
    }

    /// <summary>The combined logits for a batch of ids of the ensemble's vocabulary.</summary>
    /// <param name="tokens">Ids, int64 <c>[T, B]</c>.</param>
    /// <param name="lengths">Lengths, int64 <c>[B]</c> on the CPU.</param>
    /// <returns>Logits <c>[B]</c>, in fp32.</returns>
    public override Tensor forward(Tensor tokens, Tensor lengths)
    {
        using var scope = NewDisposeScope();
        var weights = combination.to_type(ScalarType.Float32);
        var sum = weights[^1].expand(tokens.shape[1]).clone();
        for (var m = 0; m < members.Count; m++)
        {
            var logits = members[m].call(tokens, lengths).to_type(ScalarType.Float32).view(-1);
            sum = sum.add(logits.mul(weights[m]), NativeScalars.One);
        }

        return sum.MoveToOuterDisposeScope();
    }
}
