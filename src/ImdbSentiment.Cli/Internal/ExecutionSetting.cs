using ImdbSentiment.Execution;

namespace ImdbSentiment.Cli.Internal;

/// <summary>
/// The execution options a command runs with: every route on, unless <c>IMDB_SENTIMENT_EXECUTION</c> switches some off
/// (<c>plain</c>, or e.g. <c>no-libtorch-recurrence,no-directions-at-once</c>), to tell a fast route's fault from the model's.
/// </summary>
internal static class ExecutionSetting
{
    public const string Variable = "IMDB_SENTIMENT_EXECUTION";

    /// <summary>The options, with <paramref name="workers"/> worker threads.</summary>
    /// <exception cref="UsageException">The variable holds an unknown word.</exception>
    public static ExecutionOptions Read(int workers)
    {
        try
        {
            return ExecutionOptions.Parse(Environment.GetEnvironmentVariable(Variable), workers);
        }
        catch (FormatException ex)
        {
            throw new UsageException($"{Variable}: {ex.Message}");
        }
    }
}
