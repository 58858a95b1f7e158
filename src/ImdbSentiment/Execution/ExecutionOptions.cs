namespace ImdbSentiment.Execution;

/// <summary>
/// How the toolkit runs a model, as opposed to what the model computes: how many worker threads inference uses, which
/// optional routes the recurrent stacks take, and whether training hands memory back between epochs. Every route
/// computes what <see cref="Plain"/> computes (tests compare each with a float64 reference), and each can be switched
/// off alone. <see cref="ExecutionPlan"/> applies them.
/// </summary>
public sealed record ExecutionOptions
{
    /// <summary>Every route on: the fastest configuration, and the default.</summary>
    public static ExecutionOptions Default { get; } = new();

    /// <summary>Every route off: the masked loop on one batch at a time, nothing released. For diagnosis.</summary>
    public static ExecutionOptions Plain { get; } = new()
    {
        LibTorchRecurrence = false,
        DirectionsAtOnce = false,
        BatchesAtOnce = false,
        InferenceSegment = null,
        ReleaseMemory = false,
    };

    /// <summary>The route names <see cref="Parse"/> accepts after <c>no-</c>.</summary>
    public static IReadOnlyList<string> RouteNames { get; } =
        ["libtorch-recurrence", "directions-at-once", "batches-at-once", "inference-segments", "memory-release"];

    /// <summary>
    /// Worker threads for inference, each with one libtorch thread: evaluation batches run this many at once, and a
    /// single review's two directions use a second one.
    /// </summary>
    public int Workers
    {
        get;
        init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "must be ≥ 1");
    } = 2;

    /// <summary>GRU stacks (and, without autograd, tanh-RNN stacks) run on libtorch's own module (<c>RecurrenceRoutes.LibTorchModule</c>).</summary>
    public bool LibTorchRecurrence { get; init; } = true;

    /// <summary>In inference, a bidirectional layer's two directions run at once on two worker threads.</summary>
    public bool DirectionsAtOnce { get; init; } = true;

    /// <summary>Evaluation runs <see cref="Workers"/> batches at once; off, one batch at a time on one worker.</summary>
    public bool BatchesAtOnce { get; init; } = true;

    /// <summary>Passes without autograd write recurrent states this many steps at a time (<c>RecurrenceRoutes.InferenceSegment</c>); null keeps every step's tensors.</summary>
    public int? InferenceSegment
    {
        get;
        init => field = value is null or >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "must be ≥ 1");
    } = 64;

    /// <summary>Training hands freed memory back to the system after every epoch and before long batches.</summary>
    public bool ReleaseMemory { get; init; } = true;

    /// <summary>Evaluation batches at once: <see cref="Workers"/>, or 1 with <see cref="BatchesAtOnce"/> off.</summary>
    public int BatchWorkers => BatchesAtOnce ? Workers : 1;

    /// <summary>
    /// Reads a setting such as <c>IMDB_SENTIMENT_EXECUTION</c>: empty or <c>default</c> for <see cref="Default"/>,
    /// <c>plain</c> for <see cref="Plain"/>, or a comma-separated list of <c>no-ROUTE</c> (see <see cref="RouteNames"/>)
    /// switching routes off one by one. The number of workers is kept from <paramref name="workers"/>.
    /// </summary>
    /// <exception cref="FormatException">An unknown word; the message lists the known ones.</exception>
    public static ExecutionOptions Parse(string? text, int workers = 2)
    {
        var options = new ExecutionOptions { Workers = workers };
        foreach (var word in (text ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            options = word switch
            {
                "default" => options,
                "plain" => Plain with { Workers = workers },
                "no-libtorch-recurrence" => options with { LibTorchRecurrence = false },
                "no-directions-at-once" => options with { DirectionsAtOnce = false },
                "no-batches-at-once" => options with { BatchesAtOnce = false },
                "no-inference-segments" => options with { InferenceSegment = null },
                "no-memory-release" => options with { ReleaseMemory = false },
                _ => throw new FormatException(
                    $"unknown execution setting '{word}' (expected default, plain, or a comma-separated list of {string.Join(", ", RouteNames.Select(r => "no-" + r))})"),
            };
        }

        return options;
    }

    /// <summary>The routes that are on, e.g. "libtorch-recurrence, directions-at-once, …", or "plain".</summary>
    public string Describe()
    {
        var on = new List<string>();
        if (LibTorchRecurrence)
        {
            on.Add("libtorch-recurrence");
        }

        if (DirectionsAtOnce)
        {
            on.Add("directions-at-once");
        }

        if (BatchesAtOnce)
        {
            on.Add("batches-at-once");
        }

        if (InferenceSegment is { } segment)
        {
            on.Add($"inference-segments ({segment} steps)");
        }

        if (ReleaseMemory)
        {
            on.Add("memory-release");
        }

        return on.Count == 0 ? "plain" : string.Join(", ", on);
    }
}
