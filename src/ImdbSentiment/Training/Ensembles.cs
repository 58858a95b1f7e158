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

            if (!manifest.SharesSplit(first.Manifest.Training.Seed, first.Manifest.Data?.Limit))
            {
                throw new EnsembleException($"{member.Path} was trained on another split ({manifest.DescribeSplit()}) than {first.Path} ({first.Manifest.DescribeSplit()}); one member's validation reviews would be another's training reviews");
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

    /// <summary>
    /// Writes each member of an ensemble bundle as a bundle of its own (<c>member-1.bundle</c>, …, in the ensemble's order):
    /// its architecture and weights, the vocabulary it reads (recovered from the ensemble's map onto it), and the
    /// ensemble's tokenizer, split and training settings, so it can join another ensemble, teach, or be scored alone.
    /// Members keep no temperature (the ensemble weighs their raw logits); <c>calibrate</c> fits one.
    /// </summary>
    /// <param name="ensemble">An ensemble bundle.</param>
    /// <param name="folder">Where to write the member bundles (created if missing).</param>
    /// <returns>The written paths, in member order.</returns>
    /// <exception cref="EnsembleException">The bundle is not an ensemble.</exception>
    public static IReadOnlyList<string> Unpack(LoadedBundle ensemble, string folder)
    {
        ArgumentNullException.ThrowIfNull(ensemble);
        ArgumentException.ThrowIfNullOrEmpty(folder);
        var manifest = ensemble.RequireClassifier().Manifest;
        if (manifest.Model.Kind != ModelKind.Ensemble || manifest.Model.Members is not { } options)
        {
            throw new EnsembleException($"{ensemble.Path} holds a single model ({manifest.Model.Describe()}), not an ensemble");
        }

        using var model = (EnsembleClassifier)ensemble.CreateModel();
        Directory.CreateDirectory(folder);
        var paths = new List<string>();
        for (var i = 0; i < options.Count; i++)
        {
            var member = model.Members[i];
            var vocabulary = MemberVocabulary(ensemble.Vocabulary, member.Map, options[i].VocabularySize);
            var path = Path.Combine(folder, $"member-{i + 1}.bundle");
            var own = BundleManifest.Begin($"member {i + 1} of {manifest.Preset}", options[i], manifest.Training, manifest.Tokenizer, vocabulary.Count, manifest.Data);
            ModelBundle.Save(path, own, vocabulary, member.Inner);
            paths.Add(path);
        }

        return paths;
    }

    // The map sends each ensemble token to the member's id for it (unknown words to <unk>), so the member's tokens are
    // the ensemble tokens that map onto each of its ids; the union holds every member token by construction.
    private static TokenVocabulary MemberVocabulary(TokenVocabulary union, long[] map, int size)
    {
        var tokens = new string?[size];
        tokens[TokenVocabulary.UnknownIndex] = TokenVocabulary.UnknownToken;
        for (var u = 0; u < map.Length; u++)
        {
            if (map[u] != TokenVocabulary.UnknownIndex)
            {
                tokens[map[u]] = union.Tokens[u];
            }
        }

        var missing = Array.IndexOf(tokens, null);
        return missing < 0 ? TokenVocabulary.FromTokens(tokens!)
            : throw new EnsembleException($"the ensemble's vocabulary holds no token for a member's id {missing}; the bundle is damaged");
    }
}
