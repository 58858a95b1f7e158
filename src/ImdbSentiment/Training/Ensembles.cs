using ImdbSentiment.Models;
using ImdbSentiment.Persistence;
using ImdbSentiment.Vocabulary;

namespace ImdbSentiment.Training;

/// <summary>Assembles an <see cref="EnsembleClassifier"/> from trained bundles.</summary>
public static class Ensembles
{
    /// <summary>
    /// Checks that the bundles can be combined and judged fairly: single models (not ensembles), the same tokenizer,
    /// and the same seed and data limit, so that every member was selected on the same validation reviews and none of
    /// them trained on another's.
    /// </summary>
    /// <param name="members">The member bundles, with the paths they came from.</param>
    /// <exception cref="EnsembleException">They cannot be combined.</exception>
    public static void CheckCompatible(IReadOnlyList<LoadedBundle> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        if (members.Count < 2)
        {
            throw new EnsembleException($"an ensemble needs at least two models, got {members.Count}");
        }

        var first = members[0];
        foreach (var member in members)
        {
            var manifest = member.RequireClassifier().Manifest;
            if (manifest.Model.Kind == ModelKind.Ensemble)
            {
                throw new EnsembleException($"{member.Path} is itself an ensemble; list its members instead");
            }

            if (manifest.Tokenizer != first.Manifest.Tokenizer)
            {
                throw new EnsembleException($"{member.Path} was trained with tokenizer {manifest.Tokenizer.Version} (line-break tags as whitespace: {manifest.Tokenizer.NormalizeLineBreakTags}) but {first.Path} with {first.Manifest.Tokenizer.Version} ({first.Manifest.Tokenizer.NormalizeLineBreakTags}); members must read text alike");
            }

            if (manifest.Training.Seed != first.Manifest.Training.Seed || manifest.Data?.Limit != first.Manifest.Data?.Limit)
            {
                throw new EnsembleException($"{member.Path} was trained on another split (seed {manifest.Training.Seed}, limit {Describe(manifest.Data?.Limit)}) than {first.Path} (seed {first.Manifest.Training.Seed}, limit {Describe(first.Manifest.Data?.Limit)}); one member's validation reviews would be another's training reviews");
            }
        }
    }

    /// <summary>The ensemble's vocabulary: the first vocabulary's tokens in order, then each other's tokens it lacks, in theirs.</summary>
    /// <param name="vocabularies">The members' vocabularies.</param>
    public static TokenVocabulary UnionVocabulary(IReadOnlyList<TokenVocabulary> vocabularies)
    {
        ArgumentNullException.ThrowIfNull(vocabularies);
        var tokens = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var token in vocabularies.SelectMany(v => v.Tokens))
        {
            if (seen.Add(token))
            {
                tokens.Add(token);
            }
        }

        return TokenVocabulary.FromTokens(tokens);
    }

    /// <summary>
    /// Builds the ensemble: the union vocabulary, each member's map from it to the member's own ids, and the members'
    /// weights; every member weighs 1/M until <see cref="EnsembleClassifier.SetCombination"/> (see <see cref="Stacking"/>).
    /// The caller owns the model.
    /// </summary>
    /// <param name="members">Bundles that passed <see cref="CheckCompatible"/>.</param>
    public static (EnsembleClassifier Model, TokenVocabulary Vocabulary) Assemble(IReadOnlyList<LoadedBundle> members)
    {
        CheckCompatible(members);
        var vocabulary = UnionVocabulary([.. members.Select(m => m.Vocabulary)]);
        var options = new ModelOptions(ModelKind.Ensemble, vocabulary.Count, Members: [.. members.Select(m => m.Manifest.Model)]);
        var ensemble = new EnsembleClassifier(options);
        try
        {
            for (var i = 0; i < members.Count; i++)
            {
                using var trained = members[i].CreateModel();
                var (missing, unexpected) = ensemble.Members[i].Inner.load_state_dict(trained.state_dict(), strict: true);
                if (missing.Count > 0 || unexpected.Count > 0)
                {
                    throw new EnsembleException($"{members[i].Path}: its weights do not fit its own architecture (missing {string.Join(", ", missing)}, unexpected {string.Join(", ", unexpected)})");
                }

                var own = members[i].Vocabulary;
                ensemble.Members[i].SetMap([.. vocabulary.Tokens.Select(t => (long)own.IndexOf(t))]);
            }

            ensemble.eval();
            return (ensemble, vocabulary);
        }
        catch
        {
            ensemble.Dispose();
            throw;
        }
    }

    private static string Describe(int? limit) => limit?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none";
}
