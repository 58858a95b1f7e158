using ImdbSentiment.Batching;
using ImdbSentiment.Execution;
using ImdbSentiment.Runtime;
using static TorchSharp.torch;

namespace ImdbSentiment.Training;

/// <summary>One optimisation step on one batch, as <see cref="Trainer"/> takes it (the benchmarks time this same code).</summary>
public static class TrainingStep
{
    /// <summary>
    /// Forward, BCE-with-logits (softmax cross-entropy for a model of more than two classes), backward, optional gradient clipping and an Adam step. With a
    /// <paramref name="replica"/>, the forward and backward passes run in its bfloat16 copy of <paramref name="model"/>
    /// and the step updates <paramref name="model"/>'s fp32 master weights.
    /// </summary>
    /// <returns>The batch's mean loss and how many reviews the logits classified correctly. When the loss is not finite
    /// nothing is updated and <c>Correct</c> is 0; the caller decides what to do.</returns>
    public static (float Loss, long Correct) Take(nn.Module<Tensor, Tensor, Tensor> model, BFloat16Replica? replica, Adam optimizer,
        Batch batch, double? clipNorm)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(batch);
        using var scope = NewDisposeScope();
        optimizer.zero_grad();
        Tensor logits;
        if (replica is null)
        {
            logits = model.call(batch.Tokens, batch.Lengths);
        }
        else
        {
            replica.PullWeights();
            replica.Model.zero_grad();
            logits = replica.Model.call(batch.Tokens, batch.Lengths).to_type(ScalarType.Float32);
        }

        var multiClass = logits.dim() == 2;
        var loss = multiClass
            ? nn.functional.cross_entropy(logits, batch.Labels.to_type(ScalarType.Int64))
            : nn.functional.binary_cross_entropy_with_logits(logits, batch.Labels);
        var lossValue = loss.item<float>();
        if (!float.IsFinite(lossValue))
        {
            return (lossValue, 0);
        }

        Apply(loss, model, replica, optimizer, clipNorm);
        var correct = multiClass
            ? logits.argmax(1).eq(batch.Labels.to_type(ScalarType.Int64))
            : logits.gt(NativeScalars.Zero).eq(batch.Labels.gt(NativeScalars.Half));
        return (lossValue, correct.sum().item<long>());
    }

    /// <summary>
    /// The step's second half, whatever the loss: backward, hand the replica's gradients to the master weights, optional
    /// gradient clipping, an Adam step.
    /// </summary>
    internal static void Apply(Tensor loss, nn.Module model, BFloat16Replica? replica, Adam optimizer, double? clipNorm)
    {
        loss.backward();
        ExecutionPlan.ReleaseBackwardTensors(replica?.Model ?? model);
        replica?.PushGradients();
        if (clipNorm is { } clip)
        {
            nn.utils.clip_grad_norm_(model.parameters(), clip);
        }

        optimizer.step();
    }
}
