namespace ImdbSentiment.Tests.Fixtures;

/// <summary>
/// What a test does when something it needs from the machine is missing: skip with <paramref name="reason"/>, or,
/// where CI sets <c>requireVariable=1</c> because it installed the thing, fail.
/// </summary>
public static class Prerequisite
{
    /// <summary>Skips (or throws when required); never returns normally.</summary>
    public static void Missing(string requireVariable, string reason, string? skipAdvice = null)
    {
        if (Environment.GetEnvironmentVariable(requireVariable) == "1")
        {
            throw new InvalidOperationException($"{requireVariable}=1 but {reason}");
        }

        Skip.If(true, skipAdvice is null ? reason : $"{reason}; {skipAdvice}");
        throw new InvalidOperationException("unreachable: Skip.If(true) throws");
    }
}
