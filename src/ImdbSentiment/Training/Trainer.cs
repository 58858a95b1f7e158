using System.Diagnostics;
using System.Runtime.CompilerServices;
using ImdbSentiment.Batching;
using ImdbSentiment.Evaluation;
using ImdbSentiment.Persistence;
using ImdbSentiment.Runtime;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ImdbSentiment.Training;

/// <summary>
/// Trains a model with Adam and BCE-with-logits, validates after every epoch, keeps the best epoch's weights
/// (lowest validation loss, or highest validation accuracy, per <see cref="TrainingOptions.SelectBy"/>) in
/// <c>model.bundle</c> and the last completed epoch (with optimizer and RNG state) in <c>checkpoint.bundle</c>, both
/// written atomically. A run interrupted at any point resumes from the last completed epoch and ends with the same
/// metrics as an uninterrupted one.
/// </summary>
public static class Trainer
{
    /// <summary>The best model's file name in a run folder.</summary>
    public const string ModelFileName = "model.bundle";

    /// <summary>The last epoch's checkpoint file name in a run folder.</summary>
    public const string CheckpointFileName = "checkpoint.bundle";

    private const double Megabyte = 1_048_576.0;

    /// <summary>Runs (or resumes) training.</summary>
    /// <param name="request">What to train.</param>
    /// <param name="progress">Receives per-batch progress.</param>
    /// <param name="epochCompleted">Called after each epoch's checkpoint is written.</param>
    /// <param name="cancellationToken">Stops between batches; the last completed epoch stays on disk.</param>
    /// <exception cref="TrainingDivergedException">The loss became NaN or infinite.</exception>
    public static TrainingResult Train(TrainingRequest request, IProgress<TrainingProgress>? progress = null,
        Action<EpochMetrics>? epochCompleted = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var options = request.Training.Validate();
        var data = request.Data;
        if (request.Model.VocabularySize != data.Vocabulary.Count)
        {
            throw new ArgumentException($"the model expects {request.Model.VocabularySize} tokens but the vocabulary has {data.Vocabulary.Count}", nameof(request));
        }

        if (data.Train.Count == 0 || data.Validation.Count == 0)
        {
            throw new ArgumentException("the training and validation splits must not be empty", nameof(request));
        }

        NativeRuntime.SetThreads(options.Threads);
        torch.manual_seed(unchecked((long)options.Seed));
        Directory.CreateDirectory(request.RunFolder);
        var modelPath = Path.Combine(request.RunFolder, ModelFileName);
        var checkpointPath = Path.Combine(request.RunFolder, CheckpointFileName);

        using var model = request.ResumeFrom?.CreateModel() ?? Models.ModelFactory.Create(request.Model);
        using var replica = options.Precision == Models.Precision.BFloat16 ? BFloat16Replica.Create(model, request.Model) : null;
        var working = replica?.Model ?? model;
        Models.MaskedRecurrentStack.SetRecomputation(working, options.RecomputeSegment, options.RecomputeAboveMegabytes);

        using var optimizer = new Adam(model.parameters(), options.LearningRate, options.WeightDecay);
        var history = new List<EpochMetrics>();
        var state = new ResumeInfo(0, 0, double.PositiveInfinity, 0);
        if (request.ResumeFrom is { } checkpoint)
        {
            state = checkpoint.Manifest.Resume ?? throw BundleFormatException.NoResumeState(checkpoint.Path);
            history.AddRange(checkpoint.Manifest.History);
            using (var reader = new BinaryReader(new MemoryStream(checkpoint.OptimizerState ?? throw BundleFormatException.MissingEntry(checkpoint.Path, "optimizer.bin"))))
            {
                optimizer.load_state_dict(reader);
            }

            using var rng = tensor(checkpoint.TorchRngState ?? throw BundleFormatException.MissingEntry(checkpoint.Path, "rng.bin"), ScalarType.Byte);
            torch.set_rng_state(rng);
        }

        var trainLengths = data.Train.Select(r => Math.Min(r.Length, options.MaxTokens ?? int.MaxValue)).ToArray();
        var sampler = new BucketSampler(trainLengths, options.BatchSize, options.Seed);
        var totalSteps = (long)sampler.BatchCount * options.Epochs;
        var steps = state.OptimizerSteps;
        var manifest = new BundleManifest(ModelBundle.FormatVersion, ModelBundle.CreatedBy, DateTimeOffset.UtcNow, request.PresetName,
            request.Model, options, request.Tokenizer, data.Vocabulary.Count, data.Info, history, state.BestEpoch, null, null,
            new Dictionary<string, string>());

        for (var epoch = state.CompletedEpochs + 1; epoch <= options.Epochs; epoch++)
        {
            var (trainLoss, trainAccuracy, trainSeconds, tokensPerSecond, learningRate) =
                TrainEpoch(model, replica, request.Model.PadIndex, optimizer, sampler, epoch, data.Train, options, progress, checkpointPath, ref steps, totalSteps, cancellationToken);

            var validationClock = Stopwatch.StartNew();
            var validationProgress = progress is null
                ? null
                : new Progress<(int Done, int Total)>(p => progress.Report(new TrainingProgress(
                    "validate", epoch, options.Epochs, p.Done, p.Total, double.NaN, double.NaN, double.NaN, validationClock.Elapsed)));
            replica?.PullWeights();
            var (validation, _) = Evaluator.Evaluate(working, data.Validation, request.Model.PadIndex, options.EvaluationBatchSize,
                validationProgress, cancellationToken, workers: options.Threads);

            // Nothing is allocated between epochs, so hand back what both heaps hold but no longer use: the resident size
            // after an epoch is then what the run keeps, and growth from epoch to epoch would be a leak.
            NativeRuntime.ReleaseUnusedMemory();
            using var process = Process.GetCurrentProcess();
            var metrics = new EpochMetrics(epoch, trainLoss, trainAccuracy, validation.Loss, validation.Accuracy, trainSeconds,
                validation.Seconds, tokensPerSecond, learningRate, process.WorkingSet64 / Megabyte, process.PeakWorkingSet64 / Megabyte,
                NativeHeap.InUseBytes() / Megabyte, GC.GetGCMemoryInfo().HeapSizeBytes / Megabyte);
            history.Add(metrics);
            if (CheckpointSelector.IsBetter(options.SelectBy, validation.Loss, validation.Accuracy, state.BestValidationLoss, state.BestValidationAccuracy))
            {
                state = state with { BestEpoch = epoch, BestValidationLoss = validation.Loss, BestValidationAccuracy = validation.Accuracy };
                ModelBundle.Save(modelPath, manifest with { History = [.. history], BestEpoch = epoch }, data.Vocabulary, model);
            }

            state = state with { CompletedEpochs = epoch, OptimizerSteps = steps };
            SaveCheckpoint(checkpointPath, manifest with { History = [.. history], BestEpoch = state.BestEpoch, Resume = state },
                data.Vocabulary, model, optimizer);
            epochCompleted?.Invoke(metrics);
        }

        return new TrainingResult(history, state.BestEpoch, state.BestValidationLoss, modelPath, checkpointPath);
    }

    private static (double Loss, double Accuracy, double Seconds, double TokensPerSecond, double LearningRate) TrainEpoch(
        nn.Module<Tensor, Tensor, Tensor> model, BFloat16Replica? replica, int padIndex, Adam optimizer, BucketSampler sampler, int epoch,
        IReadOnlyList<EncodedReview> examples, TrainingOptions options, IProgress<TrainingProgress>? progress,
        string checkpointPath, ref long steps, long totalSteps, CancellationToken cancellationToken)
    {
        var batches = sampler.Batches(epoch);
        var metrics = new MetricAccumulator();
        long tokens = 0;
        var learningRate = options.LearningRate;
        var clock = Stopwatch.StartNew();
        var working = replica?.Model ?? model;
        var previousRecomputed = false;
        working.train();
        for (var i = 0; i < batches.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var scope = NewDisposeScope();
            using var batch = Batch.Collate(examples, batches[i], padIndex, options.MaxTokens);
            learningRate = LearningRates.At(options, steps, totalSteps);
            foreach (var group in optimizer.ParamGroups)
            {
                group.LearningRate = learningRate;
            }

            var recomputed = Recomputed(working, batch);
            if (recomputed && !previousRecomputed)
            {
                // A recomputed batch is a long one, and a batch that kept every activation left the heap holding them:
                // hand that memory back first, so that the long batch's large allocations do not land on top of it
                // (a 3,500-review epoch peaked at 1.5 instead of 2.0 GB, docs/benchmarks.md). Rare, so cheap.
                NativeRuntime.ReleaseFreedMemory();
            }

            previousRecomputed = recomputed;
            var (lossValue, correct) = TrainingStep.Take(model, replica, optimizer, batch, options.GradientClipNorm);
            if (!float.IsFinite(lossValue))
            {
                throw TrainingDivergedException.NonFiniteLoss(epoch, i + 1, batches.Count, lossValue, learningRate,
                    File.Exists(checkpointPath) ? checkpointPath : null);
            }

            steps++;
            metrics.Add(lossValue, correct, batch.Size);
            tokens += batch.TokenCount;
            progress?.Report(new TrainingProgress("train", epoch, options.Epochs, i + 1, batches.Count, metrics.Loss, metrics.Accuracy,
                tokens / clock.Elapsed.TotalSeconds, clock.Elapsed));
        }

        var seconds = clock.Elapsed.TotalSeconds;
        return (metrics.Loss, metrics.Accuracy, seconds, tokens / seconds, learningRate);
    }

    // The element size is read off the stack's own weights, which the forward pass's input shares.
    private static bool Recomputed(nn.Module model, Batch batch) =>
        model.modules().OfType<Models.MaskedRecurrentStack>().Any(stack =>
            stack.Recomputes(batch.Tokens.shape[0], batch.Size, stack.parameters().First().ElementSize));

    // Its own method rather than inline: Train runs once, so it stays unoptimized (tier-0) code, whose stack frame keeps
    // call temporaries alive until the method returns. Inline, the previous checkpoint's optimizer state (a 29 MB array
    // for seed-gru) stayed reachable through the next epoch, and the .NET heap after epoch 2 was that much above epoch 1's.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void SaveCheckpoint(string path, BundleManifest manifest, Vocabulary.TokenVocabulary vocabulary, nn.Module model, Adam optimizer) =>
        ModelBundle.Save(path, manifest, vocabulary, model, SaveOptimizer(optimizer), SaveRng());

    private static byte[] SaveOptimizer(Adam optimizer)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            optimizer.save_state_dict(writer);
        }

        return buffer.ToArray();
    }

    private static byte[] SaveRng()
    {
        using var state = torch.get_rng_state();
        return state.data<byte>().ToArray();
    }
}
