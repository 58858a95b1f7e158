using System.Diagnostics;
using System.Runtime.CompilerServices;
using ImdbSentiment.Batching;
using ImdbSentiment.Evaluation;
using ImdbSentiment.Execution;
using ImdbSentiment.Persistence;
using ImdbSentiment.Runtime;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ImdbSentiment.Training;

/// <summary>
/// Trains a model with Adam and BCE-with-logits, validates after every epoch, keeps the best epoch's weights
/// (lowest validation loss, or highest validation accuracy, per <see cref="TrainingOptions.SelectBy"/>) in
/// <c>model.bundle</c>, and keeps a resumable checkpoint (weights, optimizer and RNG state) in <c>checkpoint.bundle</c>:
/// at every epoch's end and, on long epochs, every <see cref="TrainingRequest.CheckpointInterval"/> during one. Both are
/// written atomically. A run interrupted at any point resumes from its last checkpoint and ends with the same metrics
/// as an uninterrupted one.
/// </summary>
public static class Trainer
{
    private const double Megabyte = 1_048_576.0;

    /// <summary>How often a long epoch writes a checkpoint when <see cref="TrainingRequest.CheckpointInterval"/> is null.</summary>
    public static TimeSpan DefaultCheckpointInterval { get; } = TimeSpan.FromMinutes(10);

    /// <summary>Runs (or resumes) training.</summary>
    /// <param name="request">What to train.</param>
    /// <param name="progress">Receives per-batch progress.</param>
    /// <param name="epochCompleted">Called after each epoch's checkpoint is written.</param>
    /// <param name="cancellationToken">Stops between batches; the last checkpoint stays on disk.</param>
    /// <exception cref="TrainingDivergedException">The loss became NaN or infinite.</exception>
    /// <exception cref="TrainingFailedException">An unexpected error; the message says where and how to resume.</exception>
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

        if (request.CheckpointInterval is { } interval && interval < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(request), interval, "the checkpoint interval must not be negative");
        }

        if (request.Model.Kind is Models.ModelKind.Nbsvm or Models.ModelKind.LanguageModel && options.Precision != Models.Precision.Float32)
        {
            throw new ArgumentException($"{(request.Model.Kind == Models.ModelKind.Nbsvm ? "an NBSVM model" : "a language model")} trains in fp32 only", nameof(request));
        }

        NativeRuntime.SetThreads(options.Threads);
        torch.manual_seed(unchecked((long)options.Seed));
        Directory.CreateDirectory(request.RunFolder);
        using var run = new Run(request, options, progress, cancellationToken);
        for (var epoch = run.State.CompletedEpochs + 1; epoch <= options.Epochs; epoch++)
        {
            var metrics = run.Epoch(epoch);
            epochCompleted?.Invoke(metrics);
        }

        return new TrainingResult(run.History, run.State.BestEpoch, run.State.BestValidationLoss, run.ModelPath, run.CheckpointPath);
    }

    // One training run: its model, optimizer, sampler and progress, from start (or a checkpoint) to its last epoch.
    private sealed class Run : IDisposable
    {
        private readonly TrainingRequest _request;
        private readonly TrainingOptions _options;
        private readonly ExecutionOptions _execution;
        private readonly IProgress<TrainingProgress>? _progress;
        private readonly CancellationToken _cancellationToken;
        private readonly nn.Module<Tensor, Tensor, Tensor> _model;
        private readonly BFloat16Replica? _replica;
        private readonly Adam _optimizer;
        private readonly TrainingObjective _objective;
        private readonly BucketSampler _sampler;
        private readonly long _totalSteps;
        private readonly BundleManifest _manifest;
        private readonly TimeSpan _checkpointInterval;
        private readonly Stopwatch _sinceCheckpoint = Stopwatch.StartNew();
        private long _steps;
        private bool _checkpointWritten;

        public Run(TrainingRequest request, TrainingOptions options, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
        {
            _request = request;
            _options = options;
            _progress = progress;
            _cancellationToken = cancellationToken;
            _execution = (request.Execution ?? ExecutionOptions.Default) with { Workers = options.Threads };
            _checkpointInterval = request.CheckpointInterval ?? DefaultCheckpointInterval;
            var folder = new TrainingRun(request.RunFolder);
            (ModelPath, CheckpointPath) = (folder.ModelPath, folder.CheckpointPath);
            _model = request.ResumeFrom?.CreateModel() ?? Models.ModelFactory.Create(request.Model);
            if (request.ResumeFrom is null && request.StartFrom is { } start)
            {
                using var trained = start.CreateModel();
                Training.WarmStart.Apply(trained, _model, Training.WarmStart.KeepsOutputLayer(start.Manifest.ClassNames(), request.Data.Info.ClassNames()));
            }

            // After a warm start too: statistics of this training split replace the source's.
            if (request.ResumeFrom is null && _model is Models.IFitsTrainingSplit fits)
            {
                fits.FitTrainingSplit(request.Data.Train, options.MaxTokens);
            }

            _replica = options.Precision == Models.Precision.BFloat16 ? BFloat16Replica.Create(_model, request.Model) : null;
            ExecutionPlan.ForTraining(Working, _execution, options);
            _objective = TrainingObjective.For(request, _execution);
            var rowSparse = (_model as Models.IRowSparseParameters)?.RowSparseParameters;
            _optimizer = options.SeparatesOutputLayer()
                ? new Adam(OutputLayerFirst(_model), options.LearningRate, options.WeightDecay, rowSparse)
                : new Adam(_model.parameters(), options.LearningRate, options.WeightDecay, rowSparse);
            State = new ResumeInfo(0, 0, double.PositiveInfinity, 0);
            if (request.ResumeFrom is { } checkpoint)
            {
                State = checkpoint.Manifest.Resume ?? throw BundleFormatException.NoResumeState(checkpoint.Path);
                History.AddRange(checkpoint.Manifest.History);
                using (var reader = new BinaryReader(new MemoryStream(checkpoint.OptimizerState ?? throw BundleFormatException.MissingEntry(checkpoint.Path, "optimizer.bin"))))
                {
                    _optimizer.load_state_dict(reader);
                }

                using var rng = tensor(checkpoint.TorchRngState ?? throw BundleFormatException.MissingEntry(checkpoint.Path, "rng.bin"), ScalarType.Byte);
                torch.set_rng_state(rng);
                _checkpointWritten = true;
            }

            var data = request.Data;
            var trainLengths = data.Train.Select(r => Math.Min(r.Length, options.MaxTokens ?? int.MaxValue)).ToArray();
            _sampler = new BucketSampler(trainLengths, options.BatchSize, options.Seed);
            _totalSteps = (long)_sampler.BatchCount * options.Epochs;
            _steps = State.OptimizerSteps;
            _manifest = BundleManifest.Begin(request.PresetName, request.Model, options, request.Tokenizer, data.Vocabulary.Count, data.Info)
                with { History = History, BestEpoch = State.BestEpoch };
        }

        public ResumeInfo State { get; private set; }

        public List<EpochMetrics> History { get; } = [];

        public string ModelPath { get; }

        public string CheckpointPath { get; }

        private nn.Module<Tensor, Tensor, Tensor> Working => _replica?.Model ?? _model;

        public EpochMetrics Epoch(int epoch)
        {
            var (trainLoss, trainAccuracy, trainSeconds, tokensPerSecond, learningRate) = Train(epoch);
            var validation = Guarded("validation", epoch, Validate);

            // Nothing is allocated between epochs, so hand back what both heaps hold but no longer use: the resident size
            // after an epoch is then what the run keeps, and growth from epoch to epoch would be a leak.
            if (_execution.ReleaseMemory)
            {
                NativeRuntime.ReleaseUnusedMemory();
            }

            using var process = Process.GetCurrentProcess();
            var metrics = new EpochMetrics(epoch, trainLoss, trainAccuracy, validation.Loss, validation.Accuracy, trainSeconds,
                validation.Seconds, tokensPerSecond, learningRate, process.WorkingSet64 / Megabyte, process.PeakWorkingSet64 / Megabyte,
                NativeHeap.InUseBytes() / Megabyte, GC.GetGCMemoryInfo().HeapSizeBytes / Megabyte);
            History.Add(metrics);
            if (CheckpointSelector.IsBetter(_options.SelectBy, validation.Loss, validation.Accuracy, State.BestValidationLoss, State.BestValidationAccuracy))
            {
                State = State with { BestEpoch = epoch, BestValidationLoss = validation.Loss, BestValidationAccuracy = validation.Accuracy };
                // Rewritten at every better epoch and once more when the run finishes (TrainingRun.Finish), which packs it tightly.
                ModelBundle.Save(ModelPath, _manifest with { History = [.. History], BestEpoch = epoch }, _request.Data.Vocabulary, _model, packTightly: false);
            }

            State = State with { CompletedEpochs = epoch, OptimizerSteps = _steps, InEpoch = null };
            SaveCheckpoint();
            return metrics;

            (double Loss, double Accuracy, double Seconds) Validate()
            {
                var clock = Stopwatch.StartNew();
                var validationProgress = _progress is null
                    ? null
                    : new Progress<(int Done, int Total)>(p => _progress.Report(new TrainingProgress(
                        "validate", epoch, _options.Epochs, p.Done, p.Total, double.NaN, double.NaN, double.NaN, clock.Elapsed)));
                _replica?.PullWeights();
                var (loss, accuracy) = _objective.Validate(Working, validationProgress, _cancellationToken);
                return (loss, accuracy, clock.Elapsed.TotalSeconds);
            }
        }

        public void Dispose()
        {
            _optimizer.Dispose();
            _objective.Dispose();
            _replica?.Dispose();
            _model.Dispose();
        }

        // The output layer's parameters, then the rest: the two groups of a run that trains them at different rates.
        private static IEnumerable<Parameter>[] OutputLayerFirst(nn.Module model)
        {
            var isOutput = model.named_parameters().ToLookup(p => p.name.StartsWith(Training.WarmStart.OutputLayerPrefix, StringComparison.Ordinal), p => p.parameter);
            if (!isOutput[true].Any())
            {
                throw new ArgumentException($"FrozenEpochs and BodyLearningRateFactor need a model with an output layer ({Training.WarmStart.OutputLayerPrefix}*); this one has none");
            }

            return [isOutput[true], isOutput[false]];
        }

        private (double Loss, double Accuracy, double Seconds, double TokensPerSecond, double LearningRate) Train(int epoch)
        {
            var examples = _request.Data.Train;
            var batches = _sampler.Batches(epoch);
            var resumed = State.InEpoch;
            var metrics = resumed is null ? new MetricAccumulator() : new MetricAccumulator(resumed.LossSum, resumed.Correct, resumed.Count);
            var tokens = resumed?.Tokens ?? 0;
            var earlier = TimeSpan.FromSeconds(resumed?.Seconds ?? 0);
            var learningRate = _options.LearningRate;
            var clock = Stopwatch.StartNew();
            var previousRecomputed = false;
            Working.train();
            for (var i = resumed?.Batches ?? 0; i < batches.Count; i++)
            {
                _cancellationToken.ThrowIfCancellationRequested();
                using (var scope = NewDisposeScope())
                {
                    using var batch = Batch.Collate(examples, batches[i], _request.Model.PadIndex, _options.MaxTokens);
                    learningRate = LearningRates.At(_options, _steps, _totalSteps);
                    var groups = _optimizer.ParamGroups.ToArray();
                    for (var g = 0; g < groups.Length; g++)
                    {
                        // With the output layer apart, it is the first group and takes the schedule's rate; the rest its share.
                        groups[g].LearningRate = g == 0 ? learningRate : _options.BodyLearningRate(epoch, learningRate);
                    }

                    var recomputed = Recomputed(Working, batch);
                    if (recomputed && !previousRecomputed && _execution.ReleaseMemory)
                    {
                        // A recomputed batch is a long one, and a batch that kept every activation left the heap holding them:
                        // hand that memory back first, so that the long batch's large allocations do not land on top of it
                        // (docs/benchmarks.md, memory). Rare, so cheap.
                        NativeRuntime.ReleaseFreedMemory();
                    }

                    previousRecomputed = recomputed;
                    var (lossValue, correct, count) = Guarded($"batch {i + 1} of {batches.Count}", epoch,
                        () => _objective.Step(_model, _replica, _optimizer, batch, _options.GradientClipNorm));
                    if (!float.IsFinite(lossValue))
                    {
                        throw TrainingDivergedException.NonFiniteLoss(epoch, i + 1, batches.Count, lossValue, learningRate,
                            _checkpointWritten ? CheckpointPath : null);
                    }

                    _steps++;
                    metrics.Add(lossValue, correct, count);
                    tokens += batch.TokenCount;
                }

                var elapsed = earlier + clock.Elapsed;
                _progress?.Report(new TrainingProgress("train", epoch, _options.Epochs, i + 1, batches.Count, metrics.Loss, metrics.Accuracy,
                    tokens / elapsed.TotalSeconds, elapsed));
                if (_checkpointInterval > TimeSpan.Zero && _sinceCheckpoint.Elapsed >= _checkpointInterval && i + 1 < batches.Count)
                {
                    State = State with
                    {
                        OptimizerSteps = _steps,
                        InEpoch = new EpochProgress(i + 1, metrics.LossSum, metrics.Correct, metrics.Count, tokens, elapsed.TotalSeconds),
                    };
                    SaveCheckpoint();
                }
            }

            var seconds = (earlier + clock.Elapsed).TotalSeconds;
            return (metrics.Loss, metrics.Accuracy, seconds, tokens / seconds, learningRate);
        }

        // Turns an unexpected failure into one that says where it happened and what the last checkpoint holds.
        private T Guarded<T>(string phase, int epoch, Func<T> work)
        {
            try
            {
                return work();
            }
            catch (Exception ex) when (ex is not (OperationCanceledException or ImdbSentimentException or OutOfMemoryException))
            {
                throw TrainingFailedException.During(phase, epoch, _checkpointWritten ? CheckpointPath : null, _checkpointWritten ? State : null,
                    _request.RunFolder, ex);
            }
        }

        private void SaveCheckpoint()
        {
            WriteCheckpoint(CheckpointPath, _manifest with { History = [.. History], BestEpoch = State.BestEpoch, Resume = State },
                _request.Data.Vocabulary, _model, _optimizer);
            _checkpointWritten = true;
            _sinceCheckpoint.Restart();
        }
    }

    // The element size is read off the stack's own weights, which the forward pass's input shares.
    private static bool Recomputed(nn.Module model, Batch batch) =>
        model.modules().OfType<Models.MaskedRecurrentStack>().Any(stack =>
            stack.Recomputes(batch.Tokens.shape[0], batch.Size, stack.parameters().First().ElementSize));

    // Its own method rather than inline, so that no caller's frame keeps the previous checkpoint's optimizer state (tens
    // of megabytes) reachable until the next one.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void WriteCheckpoint(string path, BundleManifest manifest, Vocabulary.TokenVocabulary vocabulary, nn.Module model, Adam optimizer) =>
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
