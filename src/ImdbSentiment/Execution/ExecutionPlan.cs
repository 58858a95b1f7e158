using ImdbSentiment.Models;
using ImdbSentiment.Persistence;
using static TorchSharp.torch;

namespace ImdbSentiment.Execution;

/// <summary>
/// The one place that turns <see cref="ExecutionOptions"/> (and a run's recomputation setting) into what the models are
/// told: the routes of every <see cref="MaskedRecurrentStack"/> inside a model. Models compute; this decides how.
/// </summary>
public static class ExecutionPlan
{
    /// <summary>
    /// Without autograd, libtorch's recurrent module runs batches of at most this many reviews × steps: faster than the
    /// masked loop on one review or a few short ones, slower on larger batches (docs/benchmarks.md, routes).
    /// </summary>
    public const int LibTorchInferencePositions = 512;

    /// <summary>
    /// Sets the training routes on every recurrent stack of <paramref name="model"/>. libtorch's module trains GRU stacks
    /// only: for the tanh RNN it is slower than the masked loop (docs/benchmarks.md, routes).
    /// </summary>
    /// <param name="model">A model built by <see cref="ModelFactory"/> (or any module).</param>
    /// <param name="execution">The execution options.</param>
    /// <param name="training">The run's recomputation settings.</param>
    public static void ForTraining(nn.Module model, ExecutionOptions execution, TrainingOptions training)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(execution);
        ArgumentNullException.ThrowIfNull(training);
        foreach (var stack in model.modules().OfType<MaskedRecurrentStack>())
        {
            stack.Routes = new RecurrenceRoutes
            {
                LibTorchModule = execution.LibTorchRecurrence && stack.Cell == RecurrentCell.Gru,
                LibTorchInferencePositions = LibTorchInferencePositions,
                InferenceSegment = execution.InferenceSegment,
                RecomputeSegment = training.RecomputeSegment,
                RecomputeAboveMegabytes = training.RecomputeAboveMegabytes,
            };
        }
    }

    /// <summary>Sets the inference routes on every recurrent stack of <paramref name="model"/>.</summary>
    /// <param name="model">A model built by <see cref="ModelFactory"/> (or any module).</param>
    /// <param name="execution">The execution options.</param>
    public static void ForInference(nn.Module model, ExecutionOptions execution)
    {
        ArgumentNullException.ThrowIfNull(execution);
        Apply(model, new RecurrenceRoutes
        {
            LibTorchModule = execution.LibTorchRecurrence,
            LibTorchInferencePositions = LibTorchInferencePositions,
            InferenceSegment = execution.InferenceSegment,
            Directions = execution.DirectionsAtOnce && execution.Workers > 1 ? new AlongsideRunner(execution.Workers) : null,
        });
    }

    /// <summary>Sets <paramref name="routes"/> on every recurrent stack of <paramref name="model"/>.</summary>
    /// <param name="model">A model.</param>
    /// <param name="routes">The routes.</param>
    public static void Apply(nn.Module model, RecurrenceRoutes routes)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(routes);
        foreach (var stack in model.modules().OfType<MaskedRecurrentStack>())
        {
            stack.Routes = routes;
        }
    }

    /// <summary>Frees what the last backward pass handed to libtorch in every recurrent stack (call after backward).</summary>
    /// <param name="model">A model.</param>
    public static void ReleaseBackwardTensors(nn.Module model)
    {
        ArgumentNullException.ThrowIfNull(model);
        foreach (var stack in model.modules().OfType<MaskedRecurrentStack>())
        {
            stack.ReleaseBackwardTensors();
        }
    }
}
